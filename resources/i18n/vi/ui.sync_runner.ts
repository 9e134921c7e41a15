<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>SyncStatus</name>
    <message>
        <source>connecting</source>
        <translation>kết nối</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>gửi</translation>
    </message>
    <message>
        <source>sending the log</source>
        <translation>gửi nhật ký</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>nhận</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>đối chiếu</translation>
    </message>
    <message>
        <source>repairing</source>
        <translation>sửa chênh lệch</translation>
    </message>
    <message>
        <source>finishing</source>
        <translation>hoàn tất</translation>
    </message>
    <message>
        <source>Syncing… ({detail})</source>
        <translation>Đang đồng bộ… ({detail})</translation>
    </message>
    <message>
        <source>Cannot reach the server — data stays on this PC; sync will try again later</source>
        <translation>Không kết nối được máy chủ — dữ liệu vẫn được giữ trên máy, sẽ thử lại sau</translation>
    </message>
    <message>
        <source>Slow network, no answer in time — data stays on this PC; sync will try again later</source>
        <translation>Mạng chậm, máy chủ không trả lời kịp — dữ liệu vẫn được giữ trên máy, sẽ thử lại sau</translation>
    </message>
    <message>
        <source>The server has a problem — data stays on this PC; sync will try again later</source>
        <translation>Máy chủ đang gặp lỗi — dữ liệu vẫn được giữ trên máy, sẽ thử lại sau</translation>
    </message>
    <message>
        <source>The link dropped — data stays on this PC; sync will try again later</source>
        <translation>Đường truyền bị ngắt giữa chừng — dữ liệu vẫn được giữ trên máy, sẽ thử lại sau</translation>
    </message>
    <message>
        <source>Sign in to the server again (Sync screen)</source>
        <translation>Cần đăng nhập lại máy chủ (màn hình Đồng bộ)</translation>
    </message>
    <message>
        <source>Wrong server user name or password (Sync screen)</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu máy chủ (màn hình Đồng bộ)</translation>
    </message>
    <message>
        <source>Too many failed server sign-ins; wait, then try again</source>
        <translation>Đăng nhập máy chủ sai quá nhiều lần; hãy chờ rồi thử lại</translation>
    </message>
    <message>
        <source>Sync is not set up</source>
        <translation>Chưa cấu hình máy chủ đồng bộ</translation>
    </message>
    <message>
        <source>Update the app to sync</source>
        <translation>Cần cập nhật phần mềm để đồng bộ</translation>
    </message>
    <message>
        <source>The server needs an update; tell its administrator</source>
        <translation>Máy chủ cần được cập nhật; hãy báo quản trị máy chủ</translation>
    </message>
    <message>
        <source>The server account has no access to this commune or facility</source>
        <translation>Tài khoản máy chủ không có quyền với xã/cơ sở này</translation>
    </message>
    <message>
        <source>The server refused the request — see the Sync screen</source>
        <translation>Máy chủ từ chối yêu cầu — xem màn hình Đồng bộ</translation>
    </message>
    <message>
        <source>A problem on this PC during sync — see the Sync screen</source>
        <translation>Lỗi trên máy này khi đồng bộ — xem màn hình Đồng bộ</translation>
    </message>
    <message>
        <source>The last sync failed — data stays on this PC; sync will try again later</source>
        <translation>Lần đồng bộ gần nhất không thành công — dữ liệu vẫn được giữ trên máy, sẽ thử lại sau</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <source>Sync not set up</source>
        <translation>Chưa cấu hình đồng bộ</translation>
    </message>
    <message>
        <source>Sign in to the server to sync</source>
        <translation>Cần đăng nhập máy chủ để đồng bộ</translation>
    </message>
    <message>
        <source>Synced at {time}</source>
        <translation>Đã đồng bộ lúc {time}</translation>
    </message>
    <message>
        <source>Synced on {when}</source>
        <translation>Đã đồng bộ lúc {when}</translation>
    </message>
    <message>
        <source>Not synced: {count} changes waiting</source>
        <translation>Chưa đồng bộ: {count} thay đổi chờ gửi</translation>
    </message>
    <message>
        <source>Last sync at {time}</source>
        <translation>Đồng bộ gần nhất lúc {time}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Chưa đồng bộ lần nào</translation>
    </message>
    <message>
        <source>{count} conflicts</source>
        <translation>{count} xung đột</translation>
    </message>
    <message>
        <source>{count} refused</source>
        <translation>{count} bị từ chối</translation>
    </message>
    <message>
        <source>Last successful sync: {when}</source>
        <translation>Lần đồng bộ thành công gần nhất: {when}</translation>
    </message>
</context>
</TS>
