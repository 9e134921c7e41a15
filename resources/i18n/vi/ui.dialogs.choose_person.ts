<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ChoosePersonDialog</name>
    <message>
        <source>Type part of the name, the record code or CCCD…</source>
        <translation>Gõ họ tên (không dấu cũng được), mã hồ sơ hoặc số CCCD…</translation>
    </message>
    <message>
        <source>Type at least one word to search.</source>
        <translation>Gõ ít nhất một từ để tìm.</translation>
    </message>
    <message>
        <source>Not found? Add the person on the People screen first, then come back.</source>
        <translation>Không tìm thấy? Hãy thêm người đó ở màn hình Đối tượng trước rồi quay lại.</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Chọn</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Nobody found for “{text}”.</source>
        <translation>Không tìm thấy ai với “{text}”.</translation>
    </message>
    <message>
        <source>The first {count} people found; type more to narrow it.</source>
        <translation>Hiện {count} người đầu tiên; gõ thêm để thu hẹp.</translation>
    </message>
    <message>
        <source>{count} people found.</source>
        <translation>Tìm thấy {count} người.</translation>
    </message>
</context>
<context>
    <name>PeopleFoundModel</name>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Record code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>CCCD</source>
        <translation>Số CCCD</translation>
    </message>
</context>
<context>
    <name>PersonChooser</name>
    <message>
        <source>Nobody chosen yet</source>
        <translation>Chưa chọn đối tượng</translation>
    </message>
    <message>
        <source>Choose a person…</source>
        <translation>Chọn đối tượng…</translation>
    </message>
    <message>
        <source>Choose a person</source>
        <translation>Chọn đối tượng</translation>
    </message>
</context>
</TS>
