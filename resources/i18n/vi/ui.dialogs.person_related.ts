<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AttachmentsSection</name>
    <message>
        <source>Title</source>
        <translation>Tên tệp</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ngày thêm</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>Chưa có ảnh</translation>
    </message>
    <message>
        <source>Add a photo…</source>
        <translation>Thêm ảnh…</translation>
    </message>
    <message>
        <source>Add a document…</source>
        <translation>Thêm giấy tờ…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>A copy of the file is kept with the records; the original stays where it is.</source>
        <translation>Chương trình lưu một bản sao của tệp cùng hồ sơ; tệp gốc vẫn giữ nguyên.</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Chọn ảnh</translation>
    </message>
    <message>
        <source>Choose a document</source>
        <translation>Chọn giấy tờ</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp)</source>
        <translation>Ảnh (*.jpg *.jpeg *.png *.bmp)</translation>
    </message>
    <message>
        <source>Attached {name}.</source>
        <translation>Đã thêm {name}.</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>Đã xoá {name}.</translation>
    </message>
</context>
<context>
    <name>DisabilitySection</name>
    <message>
        <source>Type</source>
        <translation>Dạng tật</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <source>Assessed on</source>
        <translation>Ngày xác định</translation>
    </message>
    <message>
        <source>Review due</source>
        <translation>Hạn xác định lại</translation>
    </message>
    <message>
        <source>Disability assessment</source>
        <translation>Xác định mức độ khuyết tật</translation>
    </message>
    <message>
        <source>Type of disability</source>
        <translation>Dạng tật</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Mức độ khuyết tật</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Số giấy xác nhận</translation>
    </message>
    <message>
        <source>Certificate issued on</source>
        <translation>Ngày cấp giấy</translation>
    </message>
    <message>
        <source>Review due on</source>
        <translation>Hạn xác định lại</translation>
    </message>
    <message>
        <source>Medical notes (sensitive)</source>
        <translation>Ghi chú y tế (nhạy cảm)</translation>
    </message>
    <message>
        <source>New assessment</source>
        <translation>Thêm lần xác định mới</translation>
    </message>
    <message>
        <source>Save assessment</source>
        <translation>Lưu thông tin khuyết tật</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Disability assessment saved.</source>
        <translation>Đã lưu thông tin khuyết tật.</translation>
    </message>
    <message>
        <source>Assessment removed.</source>
        <translation>Đã xoá lần xác định khuyết tật.</translation>
    </message>
</context>
<context>
    <name>GuardiansSection</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Quan hệ</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Caregiver</source>
        <translation>Người chăm sóc</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>Files on their behalf</source>
        <translation>Làm hồ sơ thay</translation>
    </message>
    <message>
        <source>Guardian or caregiver</source>
        <translation>Người giám hộ hoặc người chăm sóc</translation>
    </message>
    <message>
        <source>e.g. mother, son, neighbour</source>
        <translation>ví dụ: mẹ, con trai, hàng xóm</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <source>Looks after the person day to day</source>
        <translation>Trực tiếp chăm sóc hằng ngày</translation>
    </message>
    <message>
        <source>Files papers on the person&apos;s behalf</source>
        <translation>Làm hồ sơ thay cho đối tượng</translation>
    </message>
    <message>
        <source>Full name *</source>
        <translation>Họ và tên *</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <source>CCCD number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>Thêm người mới</translation>
    </message>
    <message>
        <source>Save guardian</source>
        <translation>Lưu người giám hộ</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>Đã lưu {name}.</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>Đã xoá {name}.</translation>
    </message>
</context>
<context>
    <name>HouseholdSection</name>
    <message>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Giấy xác nhận</translation>
    </message>
    <message>
        <source>Household poverty status</source>
        <translation>Hộ nghèo, cận nghèo</translation>
    </message>
    <message>
        <source>From *</source>
        <translation>Từ ngày *</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Số giấy xác nhận</translation>
    </message>
    <message>
        <source>Record status</source>
        <translation>Ghi nhận tình trạng hộ</translation>
    </message>
    <message>
        <source>Household status recorded.</source>
        <translation>Đã ghi nhận tình trạng hộ.</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <source>Not saved: correct the fields marked in red.</source>
        <translation>Chưa lưu: hãy sửa các ô đánh dấu màu đỏ.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
</context>
</TS>
