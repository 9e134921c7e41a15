<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>SettingsPage</name>
    <message>
        <source>Display</source>
        <translation>Hiển thị</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dữ liệu</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Thư mục dữ liệu</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Chưa kiểm tra</translation>
    </message>
    <message>
        <source>Check the database</source>
        <translation>Kiểm tra cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Daily (automatic)</source>
        <translation>Hằng ngày (tự động)</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>Sao lưu thủ công</translation>
    </message>
    <message>
        <source>Before an update</source>
        <translation>Trước khi cập nhật</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Trước khi khôi phục</translation>
    </message>
    <message>
        <source>Damaged file (kept for inspection)</source>
        <translation>Tệp hỏng (giữ để kiểm tra)</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>General</source>
        <extracomment>After a restore the program closes its window and services and opens again. The screen-lock period was changed (minutes).</extracomment>
        <translation>Chung</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Bảo mật</translation>
    </message>
    <message>
        <source>The new language applies the next time the program starts.</source>
        <translation>Ngôn ngữ mới được áp dụng từ lần mở chương trình sau.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>Đang kiểm tra cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Healthy. Schema version {revision}; {pending} changes waiting to sync.</source>
        <translation>Tốt. Phiên bản lược đồ {revision}; {pending} thay đổi chờ đồng bộ.</translation>
    </message>
    <message>
        <source>Problem found: {detail}. Restore the latest backup or call support.</source>
        <translation>Phát hiện lỗi: {detail}. Hãy khôi phục bản sao lưu gần nhất hoặc gọi hỗ trợ.</translation>
    </message>
    <message>
        <source>The check could not run: {error}</source>
        <translation>Không chạy được việc kiểm tra: {error}</translation>
    </message>
    <message>
        <source>My account</source>
        <translation>Tài khoản của tôi</translation>
    </message>
    <message>
        <source>You are logged in as {name} ({username}), role: {role}.</source>
        <translation>Bạn đang đăng nhập là {name} ({username}), vai trò: {role}.</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>Đổi mật khẩu của tôi…</translation>
    </message>
    <message>
        <source>Users on this PC</source>
        <translation>Người dùng trên máy này</translation>
    </message>
    <message>
        <source>Add a user…</source>
        <translation>Thêm người dùng…</translation>
    </message>
    <message>
        <source>Change the role…</source>
        <translation>Đổi vai trò…</translation>
    </message>
    <message>
        <source>Reset the password…</source>
        <translation>Đặt lại mật khẩu…</translation>
    </message>
    <message>
        <source>Disable the account</source>
        <translation>Khoá tài khoản</translation>
    </message>
    <message>
        <source>New recovery key…</source>
        <translation>Cấp mã khôi phục mới…</translation>
    </message>
    <message>
        <source>A disabled account can no longer log in; its name stays in the access log. New users and reset passwords are temporary: the person chooses their own at the next login.</source>
        <translation>Tài khoản bị khoá không đăng nhập được nữa; tên vẫn còn trong nhật ký truy cập. Mật khẩu của người dùng mới và mật khẩu được đặt lại là tạm thời: người dùng tự đặt mật khẩu của mình ở lần đăng nhập tới.</translation>
    </message>
    <message>
        <source>Enable the account…</source>
        <translation>Mở lại tài khoản…</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>Bạn không thể tự khoá tài khoản của mình.</translation>
    </message>
    <message>
        <source>Added {username}. Give them the temporary password.</source>
        <translation>Đã thêm {username}. Hãy đưa mật khẩu tạm thời cho người đó.</translation>
    </message>
    <message>
        <source>Changed the role of {username}.</source>
        <translation>Đã đổi vai trò của {username}.</translation>
    </message>
    <message>
        <source>Set a temporary password for {username}.</source>
        <translation>Đã đặt mật khẩu tạm thời cho {username}.</translation>
    </message>
    <message>
        <source>Enabled {username} with a temporary password.</source>
        <translation>Đã mở lại tài khoản {username} với mật khẩu tạm thời.</translation>
    </message>
    <message>
        <source>Disable {username}? They will no longer be able to log in on this PC. Their records and their entries in the access log stay.</source>
        <translation>Khoá tài khoản {username}? Người này sẽ không đăng nhập được trên máy này nữa. Hồ sơ họ đã nhập và các mục của họ trong nhật ký truy cập vẫn được giữ.</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Khoá</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Disabled {username}.</source>
        <translation>Đã khoá tài khoản {username}.</translation>
    </message>
    <message>
        <source>Your password has been changed.</source>
        <translation>Đã đổi mật khẩu của bạn.</translation>
    </message>
    <message>
        <source>A backup is made every day at the first login, and before every update and restore. Backups are encrypted like the data. They are on the same disk as the data: copy the backups folder to a USB stick regularly.</source>
        <translation>Phần mềm tự sao lưu mỗi ngày ở lần đăng nhập đầu tiên, và trước mỗi lần cập nhật hoặc khôi phục. Bản sao lưu được mã hoá như dữ liệu. Các bản này nằm cùng ổ đĩa với dữ liệu: hãy thường xuyên chép thư mục sao lưu ra USB.</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>Khôi phục bản đã chọn…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>Khôi phục từ tệp…</translation>
    </message>
    <message>
        <source>Making a backup…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <source>Backup made and checked: {name}.</source>
        <translation>Đã sao lưu và kiểm tra: {name}.</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Chọn bản sao lưu</translation>
    </message>
    <message>
        <source>Backups (*.db)</source>
        <translation>Bản sao lưu (*.db)</translation>
    </message>
    <message>
        <source>Restoring the backup… Do not switch off the PC.</source>
        <translation>Đang khôi phục bản sao lưu… Không tắt máy.</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Khôi phục bản sao lưu</translation>
    </message>
    <message>
        <source>The data was restored from {name}. The data as it was is kept in {safety}.

The program will now close and open again: log in again.</source>
        <translation>Đã khôi phục dữ liệu từ {name}. Dữ liệu trước khi khôi phục được giữ trong {safety}.

Phần mềm sẽ đóng và mở lại: hãy đăng nhập lại.</translation>
    </message>
    <message>
        <source>Nothing was restored: {reason}</source>
        <translation>Chưa khôi phục gì: {reason}</translation>
    </message>
    <message>
        <source>Screen lock and provincial server</source>
        <translation>Khoá màn hình và máy chủ của tỉnh</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Lock after</source>
        <translation>Tự khoá sau</translation>
    </message>
    <message>
        <source>The program locks itself after this long without use; the same user&apos;s password unlocks it, and open forms are kept.</source>
        <translation>Phần mềm tự khoá khi không dùng trong khoảng thời gian này; chỉ mật khẩu của chính người dùng đó mở khoá được, các biểu mẫu đang mở vẫn được giữ.</translation>
    </message>
    <message>
        <source>None: only public authorities</source>
        <translation>Không có: chỉ dùng các tổ chức chứng thực công cộng</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>Server certificate</source>
        <translation>Chứng chỉ máy chủ</translation>
    </message>
    <message>
        <source>Only if the province&apos;s sync server uses its own certificate authority: choose the PEM file the province gave you. Certificates are always checked.</source>
        <translation>Chỉ cần khi máy chủ đồng bộ của tỉnh dùng tổ chức chứng thực riêng: hãy chọn tệp PEM do tỉnh cung cấp. Chứng chỉ luôn được kiểm tra.</translation>
    </message>
    <message>
        <source>Save these settings</source>
        <translation>Lưu cài đặt</translation>
    </message>
    <message>
        <source>Access log</source>
        <translation>Nhật ký truy cập</translation>
    </message>
    <message>
        <source>Who created, changed, viewed, exported or deleted what, and when; logins, backups and restores. The log cannot be edited: the integrity check shows whether anyone tried.</source>
        <translation>Ai đã tạo, sửa, xem, xuất hoặc xoá gì và vào lúc nào; các lần đăng nhập, sao lưu và khôi phục. Nhật ký không sửa được: kiểm tra tính toàn vẹn cho biết có ai đã cố sửa hay không.</translation>
    </message>
    <message>
        <source>Open the access log…</source>
        <translation>Mở nhật ký truy cập…</translation>
    </message>
    <message>
        <source>Choose the province&apos;s certificate (PEM)</source>
        <translation>Chọn chứng chỉ của tỉnh (PEM)</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Chứng chỉ (*.pem *.crt *.cer);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Đã lưu cài đặt.</translation>
    </message>
</context>
</TS>
