<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AdmissionDialog</name>
    <message>
        <source>Admit a resident</source>
        <translation>Tiếp nhận đối tượng</translation>
    </message>
    <message>
        <source>Admit</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Kind of admission</source>
        <translation>Hình thức tiếp nhận</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm đối tượng</translation>
    </message>
    <message>
        <source>Admitted on</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <source>e.g. 45/QĐ-SYT</source>
        <translation>VD: 45/QĐ-SYT</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Quyết định số</translation>
    </message>
    <message>
        <source>e.g. Công an xã An Phú, UBND xã…</source>
        <translation>VD: Công an xã An Phú, UBND xã…</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>Nơi giới thiệu, đưa đến</translation>
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
        <source>At most {months} months: until {date}</source>
        <translation>Thời hạn tối đa {months} tháng: đến {date}</translation>
    </message>
    <message>
        <source>Choose the person to admit.</source>
        <translation>Hãy chọn đối tượng cần tiếp nhận.</translation>
    </message>
</context>
<context>
    <name>CapacityDialog</name>
    <message>
        <source>Facility capacity</source>
        <translation>Công suất của cơ sở</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Số chỗ</translation>
    </message>
</context>
<context>
    <name>CareLogDialog</name>
    <message>
        <source>Add to the care log</source>
        <translation>Ghi nhật ký chăm sóc</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nội dung chăm sóc</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>What was done, what was found…</source>
        <translation>Đã làm gì, kết quả thế nào…</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Người thực hiện</translation>
    </message>
</context>
<context>
    <name>ConvertDialog</name>
    <message>
        <source>Change to long-term care</source>
        <translation>Chuyển sang nuôi dưỡng thường xuyên</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Quyết định số</translation>
    </message>
    <message>
        <source>Enter the decision number.</source>
        <translation>Hãy nhập số quyết định.</translation>
    </message>
</context>
<context>
    <name>DischargeDialog</name>
    <message>
        <source>Discharge from the facility</source>
        <translation>Cho ra khỏi cơ sở</translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation>Cho ra khỏi cơ sở</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Date (of death, for a death)</source>
        <translation>Ngày ra khỏi cơ sở / ngày mất</translation>
    </message>
    <message>
        <source>Going to / received by</source>
        <translation>Nơi chuyển đến / người nhận</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Funeral support paid to</source>
        <translation>Người nhận hỗ trợ mai táng</translation>
    </message>
</context>
</TS>
