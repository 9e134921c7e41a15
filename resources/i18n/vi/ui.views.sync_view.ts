<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync history</source>
        <translation>Lịch sử đồng bộ</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Sync automatically every</source>
        <translation>Tự đồng bộ mỗi</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Đăng nhập…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>Check the connection</source>
        <translation>Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>Only an administrator can change these settings.</source>
        <translation>Chỉ quản trị viên được thay đổi các cài đặt này.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Changes waiting to be sent</source>
        <translation>Thay đổi chờ gửi</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>Lần đồng bộ thành công gần nhất</translation>
    </message>
    <message>
        <source>Conflicts to settle</source>
        <translation>Xung đột cần xử lý</translation>
    </message>
    <message>
        <source>Changes refused by the server</source>
        <translation>Thay đổi bị máy chủ từ chối</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>The same information was changed on two computers. The server kept one value; choose the right one, or enter the correct value. Information that changes a payment (highlighted) can only be settled by an approver.</source>
        <translation>Cùng một thông tin đã được sửa trên hai máy. Máy chủ đang giữ một giá trị; hãy chọn giá trị đúng, hoặc nhập giá trị đúng. Thông tin ảnh hưởng đến chi trả (tô màu) chỉ người phê duyệt được xử lý.</translation>
    </message>
    <message>
        <source>Use the server&apos;s value</source>
        <translation>Dùng giá trị trên máy chủ</translation>
    </message>
    <message>
        <source>Use this PC&apos;s value</source>
        <translation>Dùng giá trị trên máy này</translation>
    </message>
    <message>
        <source>Enter another value…</source>
        <translation>Nhập giá trị khác…</translation>
    </message>
    <message>
        <source>The server did not accept these changes. They are kept on this PC and do not hold back the others. Correct the record if needed, then send it again; or give the change up and take the server&apos;s copy.</source>
        <translation>Máy chủ không nhận các thay đổi này. Chúng vẫn được giữ trên máy này và không làm chậm các thay đổi khác. Sửa hồ sơ nếu cần rồi gửi lại; hoặc bỏ thay đổi và lấy lại bản trên máy chủ.</translation>
    </message>
    <message>
        <source>Edit the record…</source>
        <translation>Sửa hồ sơ…</translation>
    </message>
    <message>
        <source>Send again…</source>
        <translation>Gửi lại…</translation>
    </message>
    <message>
        <source>Give up the change…</source>
        <translation>Bỏ thay đổi…</translation>
    </message>
    <message>
        <source>{value} (from another PC)</source>
        <translation>{value} (sửa trên máy khác)</translation>
    </message>
    <message>
        <source>{field} (payment)</source>
        <translation>{field} (chi trả)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>Value on the server</source>
        <translation>Giá trị trên máy chủ</translation>
    </message>
    <message>
        <source>Value on this PC</source>
        <translation>Giá trị trên máy này</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Sửa lúc</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>Sync by USB (no network)</source>
        <translation>Đồng bộ bằng USB (không có mạng)</translation>
    </message>
    <message>
        <source>No network here? Export the changes to a USB stick, take it to a place with a network (the province office, or a PC that can sync), and bring the answer back to import it here.</source>
        <translation>Không có mạng? Xuất thay đổi ra USB, mang đến tỉnh hoặc một máy có mạng, rồi nhập gói trả lời về máy này.</translation>
    </message>
    <message>
        <source>Enter the bundle code…</source>
        <translation>Nhập mã gói…</translation>
    </message>
    <message>
        <source>Export a sync bundle…</source>
        <translation>Xuất gói đồng bộ…</translation>
    </message>
    <message>
        <source>Import the answer…</source>
        <translation>Nhập gói trả lời…</translation>
    </message>
    <message>
        <source>Only an administrator can enter the bundle code.</source>
        <translation>Chỉ quản trị viên mới nhập được mã gói đồng bộ.</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Phát hiện lúc</translation>
    </message>
    <message>
        <source>changed by {user}</source>
        <translation>người sửa: {user}</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Cách chạy</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Server calls</source>
        <translation>Lượt gọi máy chủ</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dữ liệu</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <source>Chosen, being sent</source>
        <translation>Đã chọn, đang gửi</translation>
    </message>
    <message>
        <source>To settle</source>
        <translation>Cần xử lý</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Move to another commune</source>
        <translation>Chuyển sang xã khác</translation>
    </message>
    <message>
        <source>Conflict choice</source>
        <translation>Chọn giá trị xung đột</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>Bấm tay</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Tự động</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Dòng lệnh</translation>
    </message>
    <message>
        <source>USB bundle</source>
        <translation>Gói USB</translation>
    </message>
    <message>
        <source>Conflicts ({count})</source>
        <translation>Xung đột ({count})</translation>
    </message>
    <message>
        <source>Refused changes ({count})</source>
        <translation>Thay đổi bị từ chối ({count})</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Đã lưu cài đặt.</translation>
    </message>
    <message>
        <source>Signed in. The first sync starts now.</source>
        <translation>Đã đăng nhập. Bắt đầu đồng bộ lần đầu.</translation>
    </message>
    <message>
        <source>Signed out of the server. Changes keep waiting on this PC.</source>
        <translation>Đã đăng xuất máy chủ. Các thay đổi vẫn chờ gửi trên máy này.</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>Đang kiểm tra kết nối…</translation>
    </message>
    <message>
        <source>The server answers. The connection works.</source>
        <translation>Máy chủ trả lời bình thường. Kết nối tốt.</translation>
    </message>
    <message>
        <source>Cannot reach the server — check the address and the network. Data stays safe on this PC and sync will try again later.</source>
        <translation>Không kết nối được máy chủ — hãy kiểm tra địa chỉ và mạng. Dữ liệu vẫn được giữ an toàn trên máy này, sẽ thử lại sau.</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>Đang dừng sau bước hiện tại…</translation>
    </message>
    <message>
        <source>Sync finished: {pushed} changes sent, {pulled} received, {conflicts} new conflicts, {rejected} refused.</source>
        <translation>Đồng bộ xong: đã gửi {pushed} thay đổi, nhận {pulled}, {conflicts} xung đột mới, {rejected} bị từ chối.</translation>
    </message>
    <message>
        <source>Sync is not set up: enter the server address and user name.</source>
        <translation>Chưa cấu hình đồng bộ: hãy nhập địa chỉ máy chủ và tên đăng nhập.</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Đã đồng bộ</translation>
    </message>
    <message>
        <source>Not fully synced</source>
        <translation>Chưa đồng bộ hết</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Đã đăng nhập</translation>
    </message>
    <message>
        <source>Not signed in: press “Sign in…”</source>
        <translation>Chưa đăng nhập: bấm “Đăng nhập…”</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>Chưa cấu hình</translation>
    </message>
    <message>
        <source>Enter the bundle code the province issued before the first export.</source>
        <translation>Hãy nhập mã gói do tỉnh cấp trước lần xuất gói đầu tiên.</translation>
    </message>
    <message>
        <source>Bundle code entered for the account {account}.</source>
        <translation>Đã nhập mã gói đồng bộ cho tài khoản {account}.</translation>
    </message>
    <message>
        <source>The bundle code is saved. This PC can now sync by USB.</source>
        <translation>Đã lưu mã gói đồng bộ. Từ nay máy này đồng bộ được bằng USB.</translation>
    </message>
    <message>
        <source>BTXH sync bundles (*.btxhb)</source>
        <translation>Gói đồng bộ BTXH (*.btxhb)</translation>
    </message>
    <message>
        <source>Save the sync bundle</source>
        <translation>Lưu gói đồng bộ</translation>
    </message>
    <message>
        <source>Exporting the changes to {name}…</source>
        <translation>Đang xuất các thay đổi ra tệp {name}…</translation>
    </message>
    <message>
        <source>{count} changes were exported to {path}.</source>
        <translation>Đã xuất {count} thay đổi vào tệp {path}.</translation>
    </message>
    <message>
        <source>No change is waiting; the bundle {path} still brings back what others changed.</source>
        <translation>Không có thay đổi nào chờ gửi; gói {path} vẫn dùng để nhận về những gì nơi khác đã thay đổi.</translation>
    </message>
    <message>
        <source>Take this file to a place with a network (the province office, or a PC that can sync) to be imported to the server, then bring the answer file back and press “Import the answer…”. Until then the changes stay waiting on this PC.</source>
        <translation>Mang tệp này đến nơi có mạng (Sở/phòng ở tỉnh, hoặc một máy đồng bộ được) để nhập lên máy chủ, rồi mang tệp trả lời về và bấm “Nhập gói trả lời…”. Đến lúc đó các thay đổi vẫn chờ trên máy này.</translation>
    </message>
    <message>
        <source>Choose the answer bundle</source>
        <translation>Chọn gói trả lời</translation>
    </message>
    <message>
        <source>Importing the answer {name}…</source>
        <translation>Đang nhập gói trả lời {name}…</translation>
    </message>
    <message>
        <source>This answer was imported before; nothing changed.</source>
        <translation>Gói trả lời này đã được nhập trước đó; không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Answer imported: {settled} changes accepted by the server, {rejected} refused, {conflicts} new conflicts, {pulled} records received; {pending} changes still waiting.</source>
        <translation>Đã nhập gói trả lời: {settled} thay đổi được máy chủ nhận, {rejected} bị từ chối, {conflicts} xung đột mới, {pulled} hồ sơ mới nhận; còn {pending} thay đổi chờ gửi.</translation>
    </message>
    <message>
        <source>See the tabs below for what needs a decision.</source>
        <translation>Xem các thẻ bên dưới để biết việc cần quyết định.</translation>
    </message>
    <message>
        <source>This information changes a payment: only an approver can settle it.</source>
        <translation>Thông tin này ảnh hưởng đến chi trả: chỉ người phê duyệt được xử lý.</translation>
    </message>
    <message>
        <source>Only an approver can settle a conflict on payment information.</source>
        <translation>Chỉ người phê duyệt được xử lý xung đột về thông tin chi trả.</translation>
    </message>
    <message>
        <source>A value was chosen; it goes out with the sync.</source>
        <translation>Đã chọn giá trị; sẽ được gửi khi đồng bộ.</translation>
    </message>
    <message>
        <source>Value chosen for “{field}” of {record}.</source>
        <translation>Đã chọn giá trị cho “{field}” của {record}.</translation>
    </message>
    <message>
        <source>Sending it to the server now.</source>
        <translation>Đang gửi lên máy chủ.</translation>
    </message>
    <message>
        <source>It goes to the server with the next sync.</source>
        <translation>Sẽ gửi lên máy chủ ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>{record}: {reason}</source>
        <translation>{record}: {reason}</translation>
    </message>
    <message>
        <source>Refused change</source>
        <translation>Thay đổi bị từ chối</translation>
    </message>
    <message>
        <source>{kind}: {record}
Information: {fields}

{reason}</source>
        <translation>{kind}: {record}
Thông tin: {fields}

{reason}</translation>
    </message>
    <message>
        <source>Send the change again</source>
        <translation>Gửi lại thay đổi</translation>
    </message>
    <message>
        <source>Send {record} to the server again, as it is now on this PC? If the cause was not corrected, the server may refuse it again.</source>
        <translation>Gửi lại {record} lên máy chủ, đúng như hiện có trên máy này? Nếu nguyên nhân chưa được khắc phục, máy chủ có thể lại từ chối.</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Gửi lại</translation>
    </message>
    <message>
        <source>Give up the change</source>
        <translation>Bỏ thay đổi</translation>
    </message>
    <message>
        <source>Give up the change to {record}? What was changed on this PC is replaced by the server&apos;s copy at the next sync. This cannot be undone.</source>
        <translation>Bỏ thay đổi của {record}? Những gì đã sửa trên máy này sẽ được thay bằng bản trên máy chủ ở lần đồng bộ tới. Không thể hoàn tác.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>{record} will be sent again.</source>
        <translation>{record} sẽ được gửi lại.</translation>
    </message>
    <message>
        <source>The change was given up; the server&apos;s copy comes back.</source>
        <translation>Đã bỏ thay đổi; bản trên máy chủ sẽ được tải về.</translation>
    </message>
</context>
</TS>
