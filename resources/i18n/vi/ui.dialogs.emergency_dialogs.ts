<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>DistributionDialog</name>
    <message>
        <source>Record assistance given</source>
        <translation>Ghi nhận hỗ trợ cho hộ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Đợt hỗ trợ</translation>
    </message>
    <message>
        <source>Optional: someone already on record</source>
        <translation>Không bắt buộc: chọn người đã có trong danh sách</translation>
    </message>
    <message>
        <source>From the records</source>
        <translation>Chọn từ danh sách</translation>
    </message>
    <message>
        <source>Head of household / recipient</source>
        <translation>Chủ hộ / người nhận</translation>
    </message>
    <message>
        <source>People in the household</source>
        <translation>Số nhân khẩu</translation>
    </message>
    <message>
        <source>Kind of support</source>
        <translation>Hình thức hỗ trợ</translation>
    </message>
    <message>
        <source>Months of rice</source>
        <translation>Số tháng hỗ trợ gạo</translation>
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
    <message>
        <source>Suggested under the rules (you may change it):</source>
        <translation>Mức gợi ý theo quy định (có thể sửa):</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <source>New emergency assistance event</source>
        <translation>Thêm đợt trợ giúp đột xuất</translation>
    </message>
    <message>
        <source>Edit the event</source>
        <translation>Sửa thông tin đợt hỗ trợ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>e.g. Hỗ trợ Tết Nguyên đán 2027, Lũ tháng 10/2026</source>
        <translation>VD: Hỗ trợ Tết Nguyên đán 2027, Lũ tháng 10/2026</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên đợt hỗ trợ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại sự kiện</translation>
    </message>
    <message>
        <source>Date it happened</source>
        <translation>Ngày xảy ra</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
</context>
</TS>
