<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AckDialog</name>
    <message>
        <source>Mark as done</source>
        <translation>Đánh dấu đã xử lý</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Hoãn</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Việc</translation>
    </message>
    <message>
        <source>Show again on</source>
        <translation>Hiện lại vào ngày</translation>
    </message>
    <message>
        <source>What was done, or what we are waiting for</source>
        <translation>Đã làm gì, hoặc đang chờ gì</translation>
    </message>
    <message>
        <source>Why it can wait</source>
        <translation>Vì sao có thể hoãn</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Say why.</source>
        <translation>Ghi lý do.</translation>
    </message>
</context>
<context>
    <name>AlertActionDialog</name>
    <message>
        <source>Whole site</source>
        <translation>Toàn đơn vị</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Chairperson of the commune People&apos;s Committee</source>
        <translation>Chủ tịch UBND xã</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>Diện mới</translation>
    </message>
    <message>
        <source>From month</source>
        <translation>Từ tháng</translation>
    </message>
    <message>
        <source>New coefficient</source>
        <translation>Hệ số mới</translation>
    </message>
    <message>
        <source>Eligibility ended on</source>
        <translation>Ngày hết điều kiện</translation>
    </message>
    <message>
        <source>Stopped from month</source>
        <translation>Thôi hưởng từ tháng</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Số quyết định</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Ngày quyết định</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Payment list of</source>
        <translation>Danh sách chi trả tháng</translation>
    </message>
    <message>
        <source>New card number</source>
        <translation>Số thẻ mới</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Có giá trị từ</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>Có giá trị đến</translation>
    </message>
    <message>
        <source>Registered hospital</source>
        <translation>Nơi đăng ký khám chữa bệnh</translation>
    </message>
    <message>
        <source>Discharged on</source>
        <translation>Ngày rời cơ sở</translation>
    </message>
    <message>
        <source>Going to / received by</source>
        <translation>Nơi đến / người nhận</translation>
    </message>
    <message>
        <source>{coefficient} ({amount} a month), as the rules give it</source>
        <translation>{coefficient} ({amount}/tháng) theo quy định</translation>
    </message>
    <message>
        <source>Enter the decision number.</source>
        <translation>Nhập số quyết định.</translation>
    </message>
    <message>
        <source>Enter the signer.</source>
        <translation>Nhập người ký.</translation>
    </message>
    <message>
        <source>Enter the new card number.</source>
        <translation>Nhập số thẻ mới.</translation>
    </message>
</context>
<context>
    <name>PersonSummaryDialog</name>
    <message>
        <source>Record</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
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
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Allowance</source>
        <translation>Trợ cấp</translation>
    </message>
    <message>
        <source>{category}, coefficient {coefficient}, {amount} a month</source>
        <translation>{category}, hệ số {coefficient}, {amount}/tháng</translation>
    </message>
    <message>
        <source>Health-insurance card</source>
        <translation>Thẻ BHYT</translation>
    </message>
    <message>
        <source>{number}, valid to {day}</source>
        <translation>{number}, có giá trị đến {day}</translation>
    </message>
    <message>
        <source>Changes to the record are made on the people and allowance screens.</source>
        <translation>Sửa hồ sơ tại màn hình Đối tượng và Trợ cấp xã hội.</translation>
    </message>
</context>
</TS>
