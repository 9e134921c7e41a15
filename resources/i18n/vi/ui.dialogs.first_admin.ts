<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>FirstAdminPage</name>
    <message>
        <source>Create the administrator</source>
        <translation>Tạo tài khoản quản trị</translation>
    </message>
    <message>
        <source>This is the first time the program runs on this PC. Create the administrator&apos;s account: the administrator adds the other users and can restore backups. The data on this PC will be encrypted with a key that only the users&apos; passwords (and a recovery key, shown next) can open.</source>
        <translation>Đây là lần đầu phần mềm chạy trên máy này. Hãy tạo tài khoản quản trị: người quản trị thêm các người dùng khác và có thể khôi phục bản sao lưu. Dữ liệu trên máy sẽ được mã hoá bằng một khoá mà chỉ mật khẩu của người dùng (và mã khôi phục, hiện ở bước sau) mở được.</translation>
    </message>
    <message>
        <source>e.g. Nguyễn Thị Thu</source>
        <translation>ví dụ: Nguyễn Thị Thu</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <source>Creating the account and encrypting the data…</source>
        <translation>Đang tạo tài khoản và mã hoá dữ liệu…</translation>
    </message>
    <message>
        <source>Encrypting the data…</source>
        <translation>Đang mã hoá dữ liệu…</translation>
    </message>
</context>
</TS>
