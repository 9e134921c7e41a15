<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ReportsPage</name>
    <message>
        <source>Import from Excel…</source>
        <translation>Nhập từ Excel…</translation>
    </message>
    <message>
        <source>Export the list of people (Excel)…</source>
        <translation>Xuất danh sách đối tượng (Excel)…</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Thống kê</translation>
    </message>
    <message>
        <source>Payment list</source>
        <translation>Danh sách chi trả</translation>
    </message>
    <message>
        <source>Public posting</source>
        <translation>Niêm yết công khai</translation>
    </message>
    <message>
        <source>Printable documents</source>
        <translation>Giấy tờ in</translation>
    </message>
    <message>
        <source>Show the report first.</source>
        <translation>Hãy xem báo cáo trước.</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>This half-year</source>
        <translation>6 tháng này</translation>
    </message>
    <message>
        <source>Previous half-year</source>
        <translation>6 tháng trước</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Năm nay</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Tháng này</translation>
    </message>
    <message>
        <source>Chosen months</source>
        <translation>Chọn tháng</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <source>Save as Excel…</source>
        <translation>Lưu Excel…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Lưu PDF…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <source>from</source>
        <translation>từ</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Preparing the statistics…</source>
        <translation>Đang tổng hợp số liệu…</translation>
    </message>
    <message>
        <source>No chart for this table</source>
        <translation>Bảng này không có biểu đồ</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Preparing the payment list…</source>
        <translation>Đang lập danh sách chi trả…</translation>
    </message>
    <message>
        <source>finalised</source>
        <translation>đã chốt</translation>
    </message>
    <message>
        <source>provisional, not finalised yet</source>
        <translation>tạm tính, chưa chốt</translation>
    </message>
    <message>
        <source>{count} people, {total} in all ({state}).</source>
        <translation>{count} người, tổng cộng {total} ({state}).</translation>
    </message>
    <message>
        <source>Beneficiaries paid in the month</source>
        <translation>Đối tượng được chi trả trong tháng</translation>
    </message>
    <message>
        <source>Applications awaiting a decision</source>
        <translation>Hồ sơ đề nghị đang chờ quyết định</translation>
    </message>
    <message>
        <source>For the notice board: name, birth year, address, category and amount only. People whose category or record reveals HIV are never on this list, and no ID numbers, ethnicity or health details are printed.</source>
        <translation>Để niêm yết tại trụ sở: chỉ có họ tên, năm sinh, địa chỉ, diện và mức trợ cấp. Người có diện hoặc hồ sơ cho thấy nhiễm HIV không bao giờ có trong danh sách này; không in số giấy tờ, dân tộc hay thông tin sức khỏe.</translation>
    </message>
    <message>
        <source>Preparing the list…</source>
        <translation>Đang lập danh sách…</translation>
    </message>
    <message>
        <source>Name, record code or ID number</source>
        <translation>Họ tên, mã hồ sơ hoặc số CCCD</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <source>Record code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Personal file (PDF)…</source>
        <translation>Hồ sơ đối tượng (PDF)…</translation>
    </message>
    <message>
        <source>Allowance decision (PDF)…</source>
        <translation>Quyết định trợ cấp (PDF)…</translation>
    </message>
    <message>
        <source>Admission record (PDF)…</source>
        <translation>Biên bản tiếp nhận (PDF)…</translation>
    </message>
    <message>
        <source>Funeral support record (PDF)…</source>
        <translation>Hồ sơ hỗ trợ mai táng (PDF)…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>Choose a person who has this record.</source>
        <translation>Hãy chọn người có hồ sơ này.</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>Đang lưu {name}…</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Đã lưu: {path}</translation>
    </message>
</context>
</TS>
