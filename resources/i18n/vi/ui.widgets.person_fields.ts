<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>CommuneField</name>
    <message>
        <source>Type part of the name, e.g. sai gon</source>
        <translation>Gõ một phần tên, ví dụ: sai gon</translation>
    </message>
</context>
<context>
    <name>DayField</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
</context>
<context>
    <name>PartialDateField</name>
    <message>
        <source>Full date</source>
        <translation>Đủ ngày tháng năm</translation>
    </message>
    <message>
        <source>Month and year</source>
        <translation>Tháng và năm</translation>
    </message>
    <message>
        <source>Year only</source>
        <translation>Chỉ biết năm</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Không rõ</translation>
    </message>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>mm/yyyy</source>
        <translation>mm/yyyy</translation>
    </message>
    <message>
        <source>yyyy</source>
        <translation>yyyy</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>không rõ</translation>
    </message>
</context>
</TS>
