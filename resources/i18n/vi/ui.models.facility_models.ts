<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CareLogModel</name>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>{summary} (by {staff})</source>
        <translation>{summary} ({staff})</translation>
    </message>
</context>
<context>
    <name>ResidentTableModel</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Tuổi</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <source>Admission</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Admitted on</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <source>Emergency stay</source>
        <translation>Hạn 3 tháng</translation>
    </message>
    <message>
        <source>Left the facility</source>
        <translation>Ra khỏi cơ sở</translation>
    </message>
    <message>
        <source>{days} days overdue</source>
        <translation>quá hạn {days} ngày</translation>
    </message>
    <message>
        <source>{days} days left</source>
        <translation>còn {days} ngày</translation>
    </message>
    <message>
        <source>At most until {date}</source>
        <translation>Tối đa đến ngày {date}</translation>
    </message>
</context>
</TS>
