<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>DuplicateDialog</name>
    <message>
        <source>This person may already be recorded</source>
        <translation>Có thể người này đã có trong danh sách</translation>
    </message>
    <message>
        <source>{count} person(s) already recorded look like the one you are saving. Compare the details before saving a new record: someone recorded twice may be paid twice.</source>
        <translation>Có {count} người đã có trong danh sách giống người bạn đang lưu. Hãy so sánh thông tin trước khi lưu hồ sơ mới: một người bị ghi hai lần có thể bị chi trả hai lần.</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>Being saved</source>
        <translation>Đang nhập</translation>
    </message>
    <message>
        <source>Already recorded</source>
        <translation>Hồ sơ đã có</translation>
    </message>
    <message>
        <source>Values that are the same are highlighted.</source>
        <translation>Các thông tin giống nhau được tô màu.</translation>
    </message>
    <message>
        <source>Go back and edit</source>
        <translation>Quay lại sửa</translation>
    </message>
    <message>
        <source>Open the existing record</source>
        <translation>Mở hồ sơ đã có</translation>
    </message>
    <message>
        <source>Save as a new person</source>
        <translation>Lưu người mới</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>CCCD number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Commune / ward</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Father&apos;s name</source>
        <translation>Họ tên cha</translation>
    </message>
    <message>
        <source>Mother&apos;s name</source>
        <translation>Họ tên mẹ</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Record code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>(mới)</translation>
    </message>
</context>
</TS>
