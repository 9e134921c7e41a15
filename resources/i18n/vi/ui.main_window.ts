<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>MainWindow</name>
    <message>
        <source>BTXH Desktop — Social assistance records</source>
        <translation>BTXH Desktop — Quản lý đối tượng bảo trợ xã hội</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Công cụ</translation>
    </message>
    <message>
        <source>A+ Larger text</source>
        <translation>A+ Tăng cỡ chữ</translation>
    </message>
    <message>
        <source>A− Smaller text</source>
        <translation>A− Giảm cỡ chữ</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Cơ sở</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <source>User: {name}</source>
        <translation>Người dùng: {name}</translation>
    </message>
    <message>
        <source>{count} people</source>
        <translation>{count} đối tượng</translation>
    </message>
    <message>
        <source>To do: {count}</source>
        <translation>Việc cần làm: {count}</translation>
    </message>
</context>
</TS>
