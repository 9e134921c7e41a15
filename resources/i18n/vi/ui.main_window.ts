<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
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
        <source>Not synced: {count} changes waiting</source>
        <translation>Chưa đồng bộ: {count} thay đổi đang chờ</translation>
    </message>
    <message>
        <source>No local changes waiting</source>
        <translation>Không có thay đổi chờ đồng bộ</translation>
    </message>
</context>
</TS>