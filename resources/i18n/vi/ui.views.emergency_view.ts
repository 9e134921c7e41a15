<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>EmergencyPage</name>
    <message>
        <source>New event…</source>
        <translation>Thêm đợt hỗ trợ…</translation>
    </message>
    <message>
        <source>Edit the event…</source>
        <translation>Sửa đợt hỗ trợ…</translation>
    </message>
    <message>
        <source>Assistance given</source>
        <translation>Danh sách hỗ trợ</translation>
    </message>
    <message>
        <source>Record assistance given…</source>
        <translation>Ghi nhận hỗ trợ cho hộ…</translation>
    </message>
    <message>
        <source>Emergency assistance</source>
        <translation>Trợ giúp đột xuất</translation>
    </message>
    <message>
        <source>Loading events…</source>
        <translation>Đang tải các đợt hỗ trợ…</translation>
    </message>
    <message>
        <source>All events: {events} events, {households} households, {people} people, {rice} kg of rice, {cash}</source>
        <translation>Tổng các đợt: {events} đợt, {households} hộ, {people} nhân khẩu, {rice} kg gạo, {cash}</translation>
    </message>
    <message>
        <source>No events yet. Press “New event…” to record one.</source>
        <translation>Chưa có đợt hỗ trợ nào. Bấm “Thêm đợt hỗ trợ…” để bắt đầu.</translation>
    </message>
    <message>
        <source>Choose an event first.</source>
        <translation>Hãy chọn một đợt hỗ trợ trước.</translation>
    </message>
    <message>
        <source>Choose an event to see who received what.</source>
        <translation>Chọn một đợt hỗ trợ để xem danh sách hộ được hỗ trợ.</translation>
    </message>
    <message>
        <source>Assistance given — {event}</source>
        <translation>Danh sách hỗ trợ — {event}</translation>
    </message>
    <message>
        <source>{households} households, {people} people, {rice} kg of rice, {cash}</source>
        <translation>Tổng: {households} hộ, {people} nhân khẩu, {rice} kg gạo, {cash}</translation>
    </message>
</context>
</TS>
