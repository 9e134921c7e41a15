<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>LoginKit</name>
    <message>
        <source>Too short: at least {count} characters.</source>
        <translation>Quá ngắn: cần ít nhất {count} ký tự.</translation>
    </message>
    <message>
        <source>Too easy to guess. Choose a short sentence you will remember.</source>
        <translation>Quá dễ đoán. Hãy chọn một câu ngắn mà bạn dễ nhớ.</translation>
    </message>
    <message>
        <source>Acceptable. A longer password (12 characters or more) is safer.</source>
        <translation>Dùng được. Mật khẩu dài hơn (từ 12 ký tự) sẽ an toàn hơn.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Tốt.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Rất tốt.</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Hiện mật khẩu</translation>
    </message>
    <message>
        <source>At least {count} characters; a short sentence is best.</source>
        <translation>Ít nhất {count} ký tự; tốt nhất là một câu ngắn.</translation>
    </message>
    <message>
        <source>This password is too easy to guess. Please choose another.</source>
        <translation>Mật khẩu này quá dễ đoán. Hãy chọn mật khẩu khác.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Try again in {minutes} min {seconds} s.</source>
        <translation>Nhập sai mật khẩu quá nhiều lần. Thử lại sau {minutes} phút {seconds} giây.</translation>
    </message>
    <message>
        <source>Too many wrong passwords. Try again in {seconds} seconds.</source>
        <translation>Nhập sai mật khẩu quá nhiều lần. Thử lại sau {seconds} giây.</translation>
    </message>
</context>
</TS>
