<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <source>The data file is damaged</source>
        <translation>Tệp dữ liệu bị hỏng</translation>
    </message>
    <message>
        <source>The check at start found damage in the data file (after a power cut or a failing disk, for example). Working on it could make things worse.</source>
        <translation>Khi khởi động, phần mềm phát hiện tệp dữ liệu bị hỏng (ví dụ do mất điện hoặc ổ đĩa lỗi). Tiếp tục làm việc trên tệp này có thể làm hỏng thêm.</translation>
    </message>
    <message>
        <source>Restore with the recovery key</source>
        <translation>Khôi phục bằng mã khôi phục</translation>
    </message>
    <message>
        <source>The latest good backup was made on {when}. Restoring it puts the data back as it was then: what was entered after that must be entered again. The damaged file is kept in the backups folder.</source>
        <translation>Bản sao lưu tốt gần nhất được tạo lúc {when}. Khôi phục bản này sẽ đưa dữ liệu về như lúc đó: những gì nhập sau thời điểm đó cần nhập lại. Tệp bị hỏng vẫn được giữ trong thư mục sao lưu.</translation>
    </message>
    <message>
        <source>Restore the backup of {when}</source>
        <translation>Khôi phục bản sao lưu ngày {when}</translation>
    </message>
    <message>
        <source>There is no good backup on this PC. Do not use the program: call your administrator or IT support, and bring any backup copied to a USB stick.</source>
        <translation>Máy này không có bản sao lưu tốt nào. Đừng dùng phần mềm: hãy gọi người quản trị hoặc người hỗ trợ tin học, mang theo bản sao lưu đã chép ra USB (nếu có).</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Mã khôi phục</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Restoring… this can take a minute.</source>
        <translation>Đang khôi phục… có thể mất một phút.</translation>
    </message>
    <message>
        <source>Only an administrator (as recorded in that backup) or the holder of the recovery key can restore. Ask the administrator to log in on this PC, or type the recovery key below.</source>
        <translation>Chỉ quản trị viên (theo danh sách trong bản sao lưu đó) hoặc người giữ mã khôi phục mới khôi phục được. Hãy nhờ quản trị viên đăng nhập trên máy này, hoặc nhập mã khôi phục dưới đây.</translation>
    </message>
</context>
<context>
    <name>KeysMissingDialog</name>
    <message>
        <source>The key file is missing</source>
        <translation>Thiếu tệp khoá</translation>
    </message>
    <message>
        <source>The data on this PC is encrypted. The small file that lets the passwords open it (btxh.db.keys) is missing from the data folder, and so are its copies in the backups folder.

Every backup copied elsewhere (a USB stick, another disk) has its own key file next to it, named like the backup and ending in .keys. Choose one of those: the passwords that were valid when that backup was made will work.</source>
        <translation>Dữ liệu trên máy này đã được mã hoá. Tệp nhỏ giúp mật khẩu mở được dữ liệu (btxh.db.keys) đã mất khỏi thư mục dữ liệu, các bản sao của nó trong thư mục sao lưu cũng không còn.

Mỗi bản sao lưu đã chép ra nơi khác (USB, ổ đĩa khác) đều có tệp khoá đi kèm, cùng tên với bản sao lưu và có đuôi .keys. Hãy chọn một tệp như vậy: mật khẩu còn hiệu lực lúc tạo bản sao lưu đó sẽ dùng được.</translation>
    </message>
    <message>
        <source>Data folder: {folder}</source>
        <translation>Thư mục dữ liệu: {folder}</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Choose a key file…</source>
        <translation>Chọn tệp khoá…</translation>
    </message>
    <message>
        <source>Choose the key file of a backup</source>
        <translation>Chọn tệp khoá của một bản sao lưu</translation>
    </message>
    <message>
        <source>Key files (*.keys)</source>
        <translation>Tệp khoá (*.keys)</translation>
    </message>
</context>
<context>
    <name>RestoreConfirmDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>Khôi phục bản sao lưu</translation>
    </message>
    <message>
        <source>Replace the current data?</source>
        <translation>Thay thế dữ liệu hiện tại?</translation>
    </message>
    <message>
        <source>the backup of {when} ({name})</source>
        <translation>bản sao lưu lúc {when} ({name})</translation>
    </message>
    <message>
        <source>the file {name}</source>
        <translation>tệp {name}</translation>
    </message>
    <message>
        <source>All the data on this PC will be replaced by {which}. Whatever was entered after it was made will no longer be there.

A safety copy of the current data is kept in the backups folder first, so this can be undone by restoring that copy.

Afterwards the program closes and opens again, and everyone logs in again.</source>
        <translation>Toàn bộ dữ liệu trên máy này sẽ được thay bằng {which}. Những gì nhập sau thời điểm sao lưu sẽ không còn.

Trước khi thay, một bản sao an toàn của dữ liệu hiện tại được giữ trong thư mục sao lưu, nên có thể hoàn tác bằng cách khôi phục bản sao đó.

Sau đó phần mềm sẽ đóng và mở lại, mọi người cần đăng nhập lại.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Replace the data with this backup</source>
        <translation>Thay dữ liệu bằng bản sao lưu này</translation>
    </message>
</context>
</TS>