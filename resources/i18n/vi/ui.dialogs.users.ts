<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Thêm người dùng</translation>
    </message>
    <message>
        <source>Add the user</source>
        <translation>Thêm người dùng</translation>
    </message>
    <message>
        <source>e.g. thu.nguyen</source>
        <translation>ví dụ: thu.nguyen</translation>
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
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Mật khẩu tạm thời</translation>
    </message>
    <message>
        <source>Temporary password again</source>
        <translation>Nhập lại mật khẩu tạm thời</translation>
    </message>
    <message>
        <source>Give the temporary password to the person directly. They must choose their own at their first login.</source>
        <translation>Hãy đưa trực tiếp mật khẩu tạm thời cho người dùng. Ở lần đăng nhập đầu, họ phải tự đặt mật khẩu của mình.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Đổi mật khẩu của tôi</translation>
    </message>
    <message>
        <source>Change the password</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Mật khẩu hiện tại</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Nhập lại mật khẩu mới</translation>
    </message>
</context>
<context>
    <name>ChangeRoleDialog</name>
    <message>
        <source>Change the role</source>
        <translation>Đổi vai trò</translation>
    </message>
    <message>
        <source>What {name} ({username}) may do on this PC:</source>
        <translation>Những việc {name} ({username}) được làm trên máy này:</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Data entry records and corrects; an approver also decides, approves payment lists and sees sensitive fields; an administrator also manages users, settings, restores and the access log.</source>
        <translation>Nhập liệu: nhập và sửa hồ sơ. Phê duyệt: thêm quyền ra quyết định, duyệt danh sách chi trả và xem thông tin nhạy cảm. Quản trị: thêm quyền quản lý người dùng, cài đặt, khôi phục dữ liệu và nhật ký truy cập.</translation>
    </message>
</context>
<context>
    <name>EnableUserDialog</name>
    <message>
        <source>Enable an account</source>
        <translation>Mở lại tài khoản</translation>
    </message>
    <message>
        <source>Enable the account</source>
        <translation>Mở lại tài khoản</translation>
    </message>
</context>
<context>
    <name>NewRecoveryKeyDialog</name>
    <message>
        <source>New recovery key</source>
        <translation>Mã khôi phục mới</translation>
    </message>
    <message>
        <source>Make a new recovery key</source>
        <translation>Tạo mã khôi phục mới</translation>
    </message>
    <message>
        <source>Make a new recovery key when the paper was lost or someone else may have seen it. The old key stops working. Confirm with your password.</source>
        <translation>Hãy tạo mã khôi phục mới khi tờ giấy ghi mã bị mất hoặc có thể đã bị người khác nhìn thấy. Mã cũ sẽ hết hiệu lực. Hãy xác nhận bằng mật khẩu của bạn.</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Mật khẩu của bạn</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset a password</source>
        <translation>Đặt lại mật khẩu</translation>
    </message>
    <message>
        <source>Set the temporary password</source>
        <translation>Đặt mật khẩu tạm thời</translation>
    </message>
    <message>
        <source>A new temporary password for {name} ({username}). They must change it at their next login.</source>
        <translation>Mật khẩu tạm thời mới cho {name} ({username}). Người dùng phải đổi mật khẩu này ở lần đăng nhập tới.</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Mật khẩu tạm thời</translation>
    </message>
    <message>
        <source>Temporary password again</source>
        <translation>Nhập lại mật khẩu tạm thời</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <source>Disabled</source>
        <translation>Đã khoá</translation>
    </message>
    <message>
        <source>Active (temporary password)</source>
        <translation>Đang dùng (mật khẩu tạm thời)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang dùng</translation>
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
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>Đăng nhập lần cuối</translation>
    </message>
</context>
</TS>
