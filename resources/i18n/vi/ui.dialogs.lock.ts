<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>LockDialog</name>
    <message>
        <source>BTXH Desktop — locked</source>
        <translation>BTXH Desktop — đã khoá</translation>
    </message>
    <message>
        <source>The program is locked</source>
        <translation>Phần mềm đang khoá</translation>
    </message>
    <message>
        <source>It locked itself after {minutes} minutes without use, so that nobody else can see or change the records. Open forms are kept as they were.</source>
        <translation>Phần mềm tự khoá sau {minutes} phút không dùng để người khác không xem hay sửa được hồ sơ. Các biểu mẫu đang mở vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Log out…</source>
        <translation>Đăng xuất…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khoá</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Đang kiểm tra mật khẩu…</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Bây giờ bạn có thể thử lại.</translation>
    </message>
</context>
</TS>
