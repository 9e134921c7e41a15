<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AuditLog</name>
    <message>
        <source>Created</source>
        <translation>Tạo mới</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation>Xem</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Xuất dữ liệu</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Đặt lại mật khẩu</translation>
    </message>
    <message>
        <source>Data encrypted</source>
        <translation>Mã hoá dữ liệu</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>Cấp mã khôi phục mới</translation>
    </message>
    <message>
        <source>Moved to another commune</source>
        <translation>Chuyển sang xã khác</translation>
    </message>
    <message>
        <source>Conflict resolved</source>
        <translation>Giải quyết xung đột</translation>
    </message>
    <message>
        <source>Imported from a file</source>
        <translation>Nhập từ tệp</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Dữ liệu mẫu</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Attachment (photo, scan)</source>
        <translation>Tệp đính kèm (ảnh, bản quét)</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Người giám hộ</translation>
    </message>
    <message>
        <source>Disability assessment</source>
        <translation>Xác định mức độ khuyết tật</translation>
    </message>
    <message>
        <source>Household status</source>
        <translation>Hộ nghèo/cận nghèo</translation>
    </message>
    <message>
        <source>Health insurance card</source>
        <translation>Thẻ BHYT</translation>
    </message>
    <message>
        <source>Allowance case</source>
        <translation>Hồ sơ trợ cấp</translation>
    </message>
    <message>
        <source>Allowance change</source>
        <translation>Thay đổi trợ cấp</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Chi trả</translation>
    </message>
    <message>
        <source>Facility stay</source>
        <translation>Nuôi dưỡng tại cơ sở</translation>
    </message>
    <message>
        <source>Emergency assistance</source>
        <translation>Trợ giúp khẩn cấp</translation>
    </message>
    <message>
        <source>Emergency event</source>
        <translation>Đợt trợ giúp khẩn cấp</translation>
    </message>
    <message>
        <source>Other income</source>
        <translation>Thu nhập khác</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Cơ sở trợ giúp xã hội</translation>
    </message>
    <message>
        <source>Care log</source>
        <translation>Nhật ký chăm sóc</translation>
    </message>
    <message>
        <source>Care support</source>
        <translation>Hỗ trợ chăm sóc</translation>
    </message>
    <message>
        <source>Funeral support</source>
        <translation>Hỗ trợ mai táng</translation>
    </message>
    <message>
        <source>To-do item handled</source>
        <translation>Việc cần làm đã xử lý</translation>
    </message>
    <message>
        <source>Sync conflict</source>
        <translation>Xung đột đồng bộ</translation>
    </message>
    <message>
        <source>User account</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Tệp khoá</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>wrong passwords before</source>
        <translation>số lần nhập sai trước đó</translation>
    </message>
    <message>
        <source>file</source>
        <translation>tệp</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>loại</translation>
    </message>
    <message>
        <source>safety copy</source>
        <translation>bản sao an toàn</translation>
    </message>
    <message>
        <source>person</source>
        <translation>đối tượng</translation>
    </message>
    <message>
        <source>by</source>
        <translation>bằng</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>số dòng</translation>
    </message>
    <message>
        <source>public</source>
        <translation>công khai</translation>
    </message>
    <message>
        <source>existing data</source>
        <translation>dữ liệu có sẵn</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>tệp hỏng</translation>
    </message>
    <message>
        <source>from</source>
        <translation>từ</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Hành động</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Loại hồ sơ</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Mã bản ghi</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Trường</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Access log</source>
        <translation>Nhật ký truy cập</translation>
    </message>
    <message>
        <source>Every change, every view of sensitive data, export, login, backup and restore on this PC, newest first. Values are never recorded, only which fields.</source>
        <translation>Mọi thay đổi, mọi lần xem dữ liệu nhạy cảm, xuất dữ liệu, đăng nhập, sao lưu và khôi phục trên máy này, mới nhất ở trên. Nhật ký chỉ ghi tên trường, không bao giờ ghi giá trị.</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Mọi người dùng</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Mọi hành động</translation>
    </message>
    <message>
        <source>All record types</source>
        <translation>Mọi loại hồ sơ</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <source>Show older entries</source>
        <translation>Xem các mục cũ hơn</translation>
    </message>
    <message>
        <source>Check integrity</source>
        <translation>Kiểm tra tính toàn vẹn</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>No entries match.</source>
        <translation>Không có mục nào phù hợp.</translation>
    </message>
    <message>
        <source>Showing the newest {count} entries that match.</source>
        <translation>Đang hiện {count} mục phù hợp mới nhất.</translation>
    </message>
    <message>
        <source>Showing all {count} entries that match.</source>
        <translation>Đang hiện tất cả {count} mục phù hợp.</translation>
    </message>
    <message>
        <source>Checking every entry…</source>
        <translation>Đang kiểm tra từng mục…</translation>
    </message>
    <message>
        <source>Checking the access log…</source>
        <translation>Đang kiểm tra nhật ký truy cập…</translation>
    </message>
    <message>
        <source>The log is intact: {count} entries checked, none changed or removed.</source>
        <translation>Nhật ký nguyên vẹn: đã kiểm tra {count} mục, không mục nào bị sửa hay xoá.</translation>
    </message>
    <message>
        <source>The log has been tampered with: entry {seq} was changed, removed or inserted outside the program. Keep this PC as it is and inform the provincial social protection office.</source>
        <translation>Nhật ký đã bị can thiệp: mục {seq} đã bị sửa, xoá hoặc chèn ngoài phần mềm. Hãy giữ nguyên máy này và báo cho cơ quan bảo trợ xã hội cấp tỉnh.</translation>
    </message>
</context>
</TS>
