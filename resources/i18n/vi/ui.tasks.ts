<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Vui lòng chờ</translation>
    </message>
</context>
</TS>