<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>FacilityPage</name>
    <message>
        <source>Admit…</source>
        <translation>Tiếp nhận…</translation>
    </message>
    <message>
        <source>Discharge…</source>
        <translation>Cho ra khỏi cơ sở…</translation>
    </message>
    <message>
        <source>Change to long-term care…</source>
        <translation>Chuyển sang nuôi dưỡng thường xuyên…</translation>
    </message>
    <message>
        <source>Search by name or record code…</source>
        <translation>Tìm tên hoặc mã hồ sơ…</translation>
    </message>
    <message>
        <source>Include people who left</source>
        <translation>Hiện cả người đã ra khỏi cơ sở</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Cơ sở</translation>
    </message>
    <message>
        <source>Residents now</source>
        <translation>Đang nuôi dưỡng</translation>
    </message>
    <message>
        <source>Capacity…</source>
        <translation>Công suất…</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm đối tượng</translation>
    </message>
    <message>
        <source>Admission</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Quyết định số</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>Nơi giới thiệu, đưa đến</translation>
    </message>
    <message>
        <source>Emergency stay until</source>
        <translation>Thời hạn khẩn cấp đến</translation>
    </message>
    <message>
        <source>Left the facility</source>
        <translation>Ra khỏi cơ sở</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Needs assessment</source>
        <translation>Đánh giá nhu cầu</translation>
    </message>
    <message>
        <source>Support plan</source>
        <translation>Kế hoạch trợ giúp</translation>
    </message>
    <message>
        <source>Save assessment and plan</source>
        <translation>Lưu đánh giá và kế hoạch</translation>
    </message>
    <message>
        <source>Assessment and plan</source>
        <translation>Kế hoạch</translation>
    </message>
    <message>
        <source>Add to the care log…</source>
        <translation>Ghi nhật ký chăm sóc…</translation>
    </message>
    <message>
        <source>Care log</source>
        <translation>Nhật ký chăm sóc</translation>
    </message>
    <message>
        <source>Loading residents…</source>
        <translation>Đang tải danh sách đối tượng…</translation>
    </message>
    <message>
        <source>Facility: {name}</source>
        <translation>Cơ sở: {name}</translation>
    </message>
    <message>
        <source>{total} of {capacity} places ({percent}%)</source>
        <translation>{total}/{capacity} chỗ ({percent}%)</translation>
    </message>
    <message>
        <source>{total} residents (capacity not set)</source>
        <translation>{total} đối tượng (chưa khai báo công suất)</translation>
    </message>
    <message>
        <source>{count} emergency admissions are past the {months}-month limit</source>
        <translation>{count} trường hợp tiếp nhận khẩn cấp đã quá thời hạn {months} tháng</translation>
    </message>
    <message>
        <source>{count} more are due within {days} days</source>
        <translation>{count} trường hợp sẽ hết hạn trong {days} ngày tới</translation>
    </message>
    <message>
        <source>Discharge them or change them to long-term care by a decision.</source>
        <translation>Hãy cho ra khỏi cơ sở hoặc ra quyết định chuyển sang nuôi dưỡng thường xuyên.</translation>
    </message>
    <message>
        <source>Choose a resident in the list to see the file.</source>
        <translation>Chọn một đối tượng trong danh sách để xem hồ sơ.</translation>
    </message>
    <message>
        <source>, {age} years old</source>
        <translation>, {age} tuổi</translation>
    </message>
    <message>
        <source>Choose a current resident first.</source>
        <translation>Hãy chọn một đối tượng đang được nuôi dưỡng.</translation>
    </message>
    <message>
        <source>Only for a current emergency admission.</source>
        <translation>Chỉ áp dụng cho trường hợp đang tiếp nhận khẩn cấp.</translation>
    </message>
    <message>
        <source>Discharge recorded.</source>
        <translation>Đã ghi nhận ra khỏi cơ sở.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
</context>
</TS>
