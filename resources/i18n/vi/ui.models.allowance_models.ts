<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Diện</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Mức trợ cấp</translation>
    </message>
    <message>
        <source>Paid from</source>
        <translation>Hưởng từ</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Change</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>From month</source>
        <translation>Từ tháng</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Mức trợ cấp</translation>
    </message>
    <message>
        <source>Coefficient: {change}</source>
        <translation>Hệ số: {change}</translation>
    </message>
    <message>
        <source>To {commune}</source>
        <translation>Đến {commune}</translation>
    </message>
</context>
<context>
    <name>PaymentLinesModel</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Record code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Diện</translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation>Hệ số</translation>
    </message>
    <message>
        <source>Allowance</source>
        <translation>Trợ cấp tháng</translation>
    </message>
    <message>
        <source>Back pay months</source>
        <translation>Truy lĩnh (từ–đến)</translation>
    </message>
    <message>
        <source>Back pay</source>
        <translation>Tiền truy lĩnh</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>Truy thu</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng nhận</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>{start}–{end} ({months} months)</source>
        <translation>{start}–{end} ({months} tháng)</translation>
    </message>
    <message>
        <source>Not finalised</source>
        <translation>Chưa chốt</translation>
    </message>
</context>
</TS>
