<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>PersonForm</name>
    <message>
        <source>New person</source>
        <extracomment>Loaded and ready to type into (tests and benchmarks wait for it).</extracomment>
        <translation>Thêm đối tượng mới</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Hồ sơ đối tượng</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Thông tin chung</translation>
    </message>
    <message>
        <source>Guardians and carers</source>
        <translation>Người giám hộ, chăm sóc</translation>
    </message>
    <message>
        <source>Disability and household</source>
        <translation>Khuyết tật, hộ nghèo</translation>
    </message>
    <message>
        <source>Photo and documents</source>
        <translation>Ảnh, giấy tờ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>CCCD QR code:</source>
        <translation>Mã QR trên CCCD:</translation>
    </message>
    <message>
        <source>Scan the QR code on the back of the card (into any field), or paste it here</source>
        <translation>Quét mã QR ở mặt sau thẻ (vào ô nào cũng được), hoặc dán mã vào đây</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Nhân thân</translation>
    </message>
    <message>
        <source>Hidden from your account — choose to record a new value</source>
        <translation>Đã ẩn với tài khoản của bạn — chọn để ghi giá trị mới</translation>
    </message>
    <message>
        <source>— not recorded —</source>
        <translation>— chưa ghi —</translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <source>9 digits, if any</source>
        <translation>9 chữ số, nếu có</translation>
    </message>
    <message>
        <source>Full name *</source>
        <translation>Họ và tên *</translation>
    </message>
    <message>
        <source>Other name</source>
        <translation>Tên gọi khác</translation>
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
        <source>Ethnic group</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <source>CCCD number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <source>Old ID card (CMND)</source>
        <translation>Số CMND cũ</translation>
    </message>
    <message>
        <source>Address, contact and family</source>
        <translation>Nơi ở, liên hệ, gia đình</translation>
    </message>
    <message>
        <source>House number, street, village or hamlet</source>
        <translation>Số nhà, đường, thôn, xóm, ấp</translation>
    </message>
    <message>
        <source>e.g. grade 7, vocational college</source>
        <translation>ví dụ: lớp 7, cao đẳng nghề</translation>
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
        <source>Phone number</source>
        <translation>Số điện thoại</translation>
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
        <source>Schooling</source>
        <translation>Tình trạng đi học</translation>
    </message>
    <message>
        <source>School level</source>
        <translation>Cấp học, trình độ</translation>
    </message>
    <message>
        <source>Health (sensitive)</source>
        <translation>Sức khoẻ (thông tin nhạy cảm)</translation>
    </message>
    <message>
        <source>Sensitive information: only approvers can see it.</source>
        <translation>Thông tin nhạy cảm: chỉ người phê duyệt được xem.</translation>
    </message>
    <message>
        <source>Hidden from your account — what you type here replaces it</source>
        <translation>Đã ẩn với tài khoản của bạn — nội dung nhập ở đây sẽ thay thế</translation>
    </message>
    <message>
        <source>HIV status</source>
        <translation>Tình trạng HIV</translation>
    </message>
    <message>
        <source>Health notes</source>
        <translation>Ghi chú sức khoẻ</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Thông tin khác</translation>
    </message>
    <message>
        <source>Date of death</source>
        <translation>Ngày mất</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Save the person first; then guardians, disability and documents can be added.</source>
        <translation>Hãy lưu thông tin đối tượng trước; sau đó mới thêm được người giám hộ, khuyết tật và giấy tờ.</translation>
    </message>
    <message>
        <source>Record code when saved: {code}</source>
        <translation>Mã hồ sơ khi lưu: {code}</translation>
    </message>
    <message>
        <source>{name} — record {code}</source>
        <translation>{name} — hồ sơ {code}</translation>
    </message>
    <message>
        <source>Record code: {code}</source>
        <translation>Mã hồ sơ: {code}</translation>
    </message>
    <message>
        <source>Choose the commune from the suggestions.</source>
        <translation>Hãy chọn xã/phường trong danh sách gợi ý.</translation>
    </message>
    <message>
        <source>Not saved yet: {count} field(s) need correcting (marked in red).</source>
        <translation>Chưa lưu: có {count} ô cần sửa (đánh dấu màu đỏ).</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>họ tên</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>ngày sinh</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>giới tính</translation>
    </message>
    <message>
        <source>citizen ID number</source>
        <translation>số CCCD</translation>
    </message>
    <message>
        <source>issue date</source>
        <translation>ngày cấp</translation>
    </message>
    <message>
        <source>old ID number</source>
        <translation>số CMND cũ</translation>
    </message>
    <message>
        <source>commune and address</source>
        <translation>xã/phường và địa chỉ</translation>
    </message>
    <message>
        <source>address</source>
        <translation>địa chỉ</translation>
    </message>
    <message>
        <source>The commune in the address was not recognised: choose it.</source>
        <translation>Chưa nhận ra xã/phường trong địa chỉ: hãy chọn.</translation>
    </message>
    <message>
        <source>Filled from the card&apos;s QR code: {fields}. Check them before saving.</source>
        <translation>Đã điền từ mã QR trên thẻ: {fields}. Hãy kiểm tra lại trước khi lưu.</translation>
    </message>
    <message>
        <source>Some values need attention (marked in red).</source>
        <translation>Có thông tin cần xem lại (đánh dấu màu đỏ).</translation>
    </message>
    <message>
        <source>Checking for people already recorded…</source>
        <translation>Đang kiểm tra người đã có trong danh sách…</translation>
    </message>
    <message>
        <source>Not saved. Correct the details, then save again.</source>
        <translation>Chưa lưu. Hãy sửa thông tin rồi lưu lại.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Saved at {time}: record {code}.</source>
        <translation>Đã lưu lúc {time}: hồ sơ {code}.</translation>
    </message>
    <message>
        <source>Guardians, disability and documents can now be added.</source>
        <translation>Bây giờ có thể thêm người giám hộ, khuyết tật và giấy tờ.</translation>
    </message>
    <message>
        <source>Could not save: {error}. Nothing was changed.</source>
        <translation>Không lưu được: {error}. Chưa có gì bị thay đổi.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
        <source>You have changes that are not saved. Close and lose them?</source>
        <translation>Bạn có thay đổi chưa lưu. Đóng và bỏ các thay đổi này?</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Bỏ thay đổi</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Tiếp tục sửa</translation>
    </message>
</context>
</TS>
