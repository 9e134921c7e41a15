<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ForgotPasswordDialog</name>
    <message>
        <source>Forgotten password</source>
        <translation>Quên mật khẩu</translation>
    </message>
    <message>
        <source>Set a new password with the recovery key</source>
        <translation>Đặt mật khẩu mới bằng mã khôi phục</translation>
    </message>
    <message>
        <source>The recovery key is on the paper made when the program was set up (kept by the administrator, usually in the office safe). Capitals, spaces and dashes do not matter.</source>
        <translation>Mã khôi phục được in hoặc ghi ra giấy khi cài đặt phần mềm (người quản trị giữ, thường cất trong tủ sắt của cơ quan). Không phân biệt chữ hoa, chữ thường, dấu cách và dấu gạch ngang.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Mã khôi phục</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Set the new password</source>
        <translation>Đặt mật khẩu mới</translation>
    </message>
    <message>
        <source>Type the recovery key.</source>
        <translation>Hãy nhập mã khôi phục.</translation>
    </message>
    <message>
        <source>Type the user name whose password is forgotten.</source>
        <translation>Hãy nhập tên đăng nhập của tài khoản quên mật khẩu.</translation>
    </message>
    <message>
        <source>Checking the recovery key…</source>
        <translation>Đang kiểm tra mã khôi phục…</translation>
    </message>
    <message>
        <source>Too many wrong recovery keys. Try again in {seconds} seconds.</source>
        <translation>Nhập sai mã khôi phục quá nhiều lần. Thử lại sau {seconds} giây.</translation>
    </message>
    <message>
        <source>This is not the recovery key. {count} more tries before a short wait.</source>
        <translation>Mã khôi phục không đúng. Còn {count} lần thử trước khi phải chờ.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>BTXH Desktop — log in</source>
        <translation>BTXH Desktop — đăng nhập</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Social assistance records. Type your user name and password.</source>
        <translation>Quản lý đối tượng bảo trợ xã hội. Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Forgot the password?</source>
        <translation>Quên mật khẩu?</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Type your user name.</source>
        <translation>Hãy nhập tên đăng nhập.</translation>
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
        <source>Opening the data…</source>
        <translation>Đang mở dữ liệu…</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Bây giờ bạn có thể thử lại.</translation>
    </message>
    <message>
        <source>The new password is set. Log in with it.</source>
        <translation>Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu đó.</translation>
    </message>
</context>
</TS>
