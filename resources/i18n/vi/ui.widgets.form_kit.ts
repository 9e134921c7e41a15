<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>FormDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Could not save: {error}. Nothing was changed.</source>
        <translation>Không lưu được: {error}. Dữ liệu chưa bị thay đổi.</translation>
    </message>
    <message>
        <source>Not saved yet: correct the fields marked in red.</source>
        <translation>Chưa lưu: hãy sửa các ô có thông báo màu đỏ.</translation>
    </message>
</context>
<context>
    <name>FormKit</name>
    <message>
        <source>The work could not be completed: {error}</source>
        <translation>Không thực hiện được: {error}</translation>
    </message>
    <message>
        <source>Your account may not record applications.</source>
        <translation>Tài khoản của bạn không được nhập hồ sơ.</translation>
    </message>
    <message>
        <source>Only an approver can make or change decisions.</source>
        <translation>Chỉ tài khoản phê duyệt mới được ra hoặc thay đổi quyết định.</translation>
    </message>
    <message>
        <source>Only an approver can finalise payment lists and record payments.</source>
        <translation>Chỉ tài khoản phê duyệt mới được chốt danh sách và ghi kết quả chi trả.</translation>
    </message>
    <message>
        <source>Your account may not change residents&apos; records.</source>
        <translation>Tài khoản của bạn không được thay đổi hồ sơ đối tượng nuôi dưỡng.</translation>
    </message>
    <message>
        <source>Your account may not record emergency assistance.</source>
        <translation>Tài khoản của bạn không được ghi trợ giúp đột xuất.</translation>
    </message>
    <message>
        <source>Only an administrator can change this setting.</source>
        <translation>Chỉ quản trị viên mới được thay đổi mục này.</translation>
    </message>
</context>
</TS>
