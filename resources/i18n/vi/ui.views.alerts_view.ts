<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AlertsModel</name>
    <message>
        <source>Due</source>
        <translation>Hạn</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời hạn</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Loại việc</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Commune / facility</source>
        <translation>Xã/phường, cơ sở</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation>Hệ số</translation>
    </message>
    <message>
        <source>Amount / month</source>
        <translation>Số tiền/tháng</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Xử lý</translation>
    </message>
    <message>
        <source>Whole site</source>
        <translation>Toàn đơn vị</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>All kinds</source>
        <translation>Tất cả các loại</translation>
    </message>
    <message>
        <source>Any due date</source>
        <translation>Mọi thời hạn</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Due within 7 days</source>
        <translation>Đến hạn trong 7 ngày</translation>
    </message>
    <message>
        <source>Due within 30 days</source>
        <translation>Đến hạn trong 30 ngày</translation>
    </message>
    <message>
        <source>Due between…</source>
        <translation>Hạn trong khoảng…</translation>
    </message>
    <message>
        <source>Show done and snoozed</source>
        <translation>Hiện cả việc đã xử lý, đang hoãn</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hạn</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Nơi</translation>
    </message>
    <message>
        <source>Open the record</source>
        <translation>Mở hồ sơ</translation>
    </message>
    <message>
        <source>Take action</source>
        <translation>Thực hiện</translation>
    </message>
    <message>
        <source>Mark done…</source>
        <translation>Đã xử lý…</translation>
    </message>
    <message>
        <source>Snooze…</source>
        <translation>Hoãn…</translation>
    </message>
    <message>
        <source>Show again</source>
        <translation>Hiện lại</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>Việc cần làm</translation>
    </message>
    <message>
        <source>{count} things to do, {overdue} of them overdue.</source>
        <translation>{count} việc cần làm, {overdue} việc đã quá hạn.</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Tất cả các nơi</translation>
    </message>
    <message>
        <source>Choose a line to see what to do.</source>
        <translation>Chọn một dòng để xem cần làm gì.</translation>
    </message>
    <message>
        <source>Suggested: {action}.</source>
        <translation>Đề xuất: {action}.</translation>
    </message>
</context>
<context>
    <name>AlertsTile</name>
    <message>
        <source>Open the to-do list</source>
        <translation>Mở danh sách việc cần làm</translation>
    </message>
    <message>
        <source>To do in the next 30 days</source>
        <translation>Việc cần làm 30 ngày tới</translation>
    </message>
    <message>
        <source>See the list</source>
        <translation>Xem danh sách</translation>
    </message>
    <message>
        <source>{count} overdue</source>
        <translation>{count} việc quá hạn</translation>
    </message>
</context>
</TS>
