<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>DistributionTableModel</name>
    <message>
        <source>Head of household / recipient</source>
        <translation>Chủ hộ / người nhận</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Số nhân khẩu</translation>
    </message>
    <message>
        <source>Kind of support</source>
        <translation>Hình thức hỗ trợ</translation>
    </message>
    <message>
        <source>Rice (kg)</source>
        <translation>Gạo (kg)</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <source>Date given</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <source>Event</source>
        <translation>Đợt hỗ trợ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày xảy ra</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Số hộ</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Số nhân khẩu</translation>
    </message>
    <message>
        <source>Rice (kg)</source>
        <translation>Gạo (kg)</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
</context>
</TS>
