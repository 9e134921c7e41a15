<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>IdleGuard</name>
    <message>
        <source>Locked</source>
        <translation>Đã khoá</translation>
    </message>
    <message>
        <source>BTXH Desktop is locked. Only {name} can unlock it.</source>
        <translation>BTXH Desktop đang khoá. Chỉ {name} mở khoá được.</translation>
    </message>
    <message>
        <source>Log out? The program will close.</source>
        <translation>Đăng xuất? Phần mềm sẽ đóng lại.</translation>
    </message>
    <message>
        <source>{count} open windows will be closed: whatever was typed in them and not saved will be lost.</source>
        <translation>{count} cửa sổ đang mở sẽ bị đóng: những gì đã nhập nhưng chưa lưu sẽ mất.</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Log out and close</source>
        <translation>Đăng xuất và đóng</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>Ở lại</translation>
    </message>
</context>
</TS>
