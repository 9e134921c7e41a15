<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>BundleKeyDialog</name>
    <message>
        <source>Bundle code for USB sync</source>
        <translation>Mã gói đồng bộ bằng USB</translation>
    </message>
    <message>
        <source>Type the code the province gave with the server account, as it is written (letters and digits in groups of five; the dashes may be left out). It is kept in Windows&apos; credential store, like the sign-in key.</source>
        <translation>Gõ mã tỉnh cấp kèm tài khoản máy chủ, đúng như trên giấy (chữ và số theo nhóm năm ký tự; có thể bỏ dấu gạch). Mã được cất trong kho mật khẩu của Windows, như khóa đăng nhập.</translation>
    </message>
    <message>
        <source>Server account</source>
        <translation>Tài khoản máy chủ</translation>
    </message>
    <message>
        <source>Bundle code</source>
        <translation>Mã gói</translation>
    </message>
    <message>
        <source>Save the code</source>
        <translation>Lưu mã</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Enter the server account the code belongs to.</source>
        <translation>Nhập tài khoản máy chủ mà mã này được cấp cho.</translation>
    </message>
    <message>
        <source>Enter the bundle code.</source>
        <translation>Nhập mã gói.</translation>
    </message>
</context>
<context>
    <name>ResolveValueDialog</name>
    <message>
        <source>Enter the correct value</source>
        <translation>Nhập giá trị đúng</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>Trên máy chủ</translation>
    </message>
    <message>
        <source>On this PC</source>
        <translation>Trên máy này</translation>
    </message>
    <message>
        <source>Correct value</source>
        <translation>Giá trị đúng</translation>
    </message>
    <message>
        <source>Dates as dd/mm/yyyy, months as mm/yyyy, amounts in đồng without spaces.</source>
        <translation>Ngày ghi dd/mm/yyyy, tháng ghi mm/yyyy, số tiền ghi bằng đồng, không có dấu cách.</translation>
    </message>
    <message>
        <source>Use this value</source>
        <translation>Dùng giá trị này</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ServerLoginDialog</name>
    <message>
        <source>Sign in to the sync server</source>
        <translation>Đăng nhập máy chủ đồng bộ</translation>
    </message>
    <message>
        <source>Enter the password of the server account. It is not stored on this PC: the server gives a sign-in key, kept in Windows&apos; credential store.</source>
        <translation>Nhập mật khẩu tài khoản máy chủ. Mật khẩu không được lưu trên máy này: máy chủ cấp một khóa đăng nhập, được cất trong kho mật khẩu của Windows.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
</context>
<context>
    <name>SyncTerms</name>
    <message>
        <source>Person</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Người giám hộ</translation>
    </message>
    <message>
        <source>Disability assessment</source>
        <translation>Xác định mức độ khuyết tật</translation>
    </message>
    <message>
        <source>Household status</source>
        <translation>Hộ nghèo, cận nghèo</translation>
    </message>
    <message>
        <source>Other income</source>
        <translation>Thu nhập khác</translation>
    </message>
    <message>
        <source>Health insurance card</source>
        <translation>Thẻ bảo hiểm y tế</translation>
    </message>
    <message>
        <source>Attached paper</source>
        <translation>Giấy tờ đính kèm</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Cơ sở</translation>
    </message>
    <message>
        <source>Stay at the facility</source>
        <translation>Thời gian ở cơ sở</translation>
    </message>
    <message>
        <source>Care log entry</source>
        <translation>Sổ theo dõi chăm sóc</translation>
    </message>
    <message>
        <source>Allowance case</source>
        <translation>Hồ sơ trợ cấp</translation>
    </message>
    <message>
        <source>Allowance change</source>
        <translation>Thay đổi trợ cấp</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Chi trả</translation>
    </message>
    <message>
        <source>Care support</source>
        <translation>Hỗ trợ chăm sóc</translation>
    </message>
    <message>
        <source>Funeral support</source>
        <translation>Hỗ trợ mai táng</translation>
    </message>
    <message>
        <source>Emergency event</source>
        <translation>Đợt trợ giúp đột xuất</translation>
    </message>
    <message>
        <source>Emergency distribution</source>
        <translation>Cấp phát đột xuất</translation>
    </message>
    <message>
        <source>Record code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <source>Citizen ID (CCCD)</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Có giá trị từ</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Có giá trị đến</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Số giấy chứng nhận</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Số tiền hằng tháng</translation>
    </message>
    <message>
        <source>From month</source>
        <translation>Từ tháng</translation>
    </message>
    <message>
        <source>Stop month</source>
        <translation>Tháng dừng</translation>
    </message>
    <message>
        <source>Until month</source>
        <translation>Đến tháng</translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation>Hệ số</translation>
    </message>
    <message>
        <source>Standard level</source>
        <translation>Mức chuẩn</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Số quyết định</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Ngày quyết định</translation>
    </message>
    <message>
        <source>Date of death</source>
        <translation>Ngày mất</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Ngày chi trả</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Đã xóa</translation>
    </message>
    <message>
        <source>Moved to</source>
        <translation>Chuyển đến</translation>
    </message>
    <message>
        <source>Name for searching</source>
        <translation>Tên để tìm kiếm</translation>
    </message>
    <message>
        <source>Other name</source>
        <translation>Tên gọi khác</translation>
    </message>
    <message>
        <source>Month of birth</source>
        <translation>Tháng sinh</translation>
    </message>
    <message>
        <source>Day of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Birth date known to</source>
        <translation>Ngày sinh biết đến mức</translation>
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
        <source>CCCD issued on</source>
        <translation>Ngày cấp CCCD</translation>
    </message>
    <message>
        <source>Old ID number</source>
        <translation>Số CMND cũ</translation>
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
        <translation>Cấp học</translation>
    </message>
    <message>
        <source>HIV status</source>
        <translation>Tình trạng HIV</translation>
    </message>
    <message>
        <source>Health notes</source>
        <translation>Ghi chú sức khỏe</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Quan hệ</translation>
    </message>
    <message>
        <source>Is the carer</source>
        <translation>Là người chăm sóc</translation>
    </message>
    <message>
        <source>Applies on their behalf</source>
        <translation>Làm hồ sơ thay</translation>
    </message>
    <message>
        <source>Type of disability</source>
        <translation>Dạng khuyết tật</translation>
    </message>
    <message>
        <source>Level of disability</source>
        <translation>Mức độ khuyết tật</translation>
    </message>
    <message>
        <source>Assessed on</source>
        <translation>Ngày xác định</translation>
    </message>
    <message>
        <source>Certificate issued on</source>
        <translation>Ngày cấp giấy</translation>
    </message>
    <message>
        <source>Reassessment due</source>
        <translation>Hạn xác định lại</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>Số thẻ</translation>
    </message>
    <message>
        <source>Registered hospital</source>
        <translation>Nơi đăng ký khám chữa bệnh</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tiêu đề</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Tên tệp</translation>
    </message>
    <message>
        <source>File type</source>
        <translation>Loại tệp</translation>
    </message>
    <message>
        <source>File fingerprint</source>
        <translation>Mã kiểm tra tệp</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Dung lượng tệp</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Sức chứa</translation>
    </message>
    <message>
        <source>Type of admission</source>
        <translation>Hình thức tiếp nhận</translation>
    </message>
    <message>
        <source>Resident group</source>
        <translation>Nhóm đối tượng</translation>
    </message>
    <message>
        <source>Admitted on</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <source>Admission decision</source>
        <translation>Quyết định tiếp nhận</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>Nơi giới thiệu</translation>
    </message>
    <message>
        <source>Needs assessment</source>
        <translation>Đánh giá nhu cầu</translation>
    </message>
    <message>
        <source>Support plan</source>
        <translation>Kế hoạch trợ giúp</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>Ngày rời cơ sở</translation>
    </message>
    <message>
        <source>Reason for leaving</source>
        <translation>Lý do rời cơ sở</translation>
    </message>
    <message>
        <source>Went to</source>
        <translation>Nơi đến</translation>
    </message>
    <message>
        <source>Note on leaving</source>
        <translation>Ghi chú khi rời cơ sở</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Tóm tắt</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Nhân viên</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Diện hưởng</translation>
    </message>
    <message>
        <source>Specific case</source>
        <translation>Trường hợp cụ thể</translation>
    </message>
    <message>
        <source>Other categories</source>
        <translation>Diện hưởng khác</translation>
    </message>
    <message>
        <source>Application date</source>
        <translation>Ngày nộp hồ sơ</translation>
    </message>
    <message>
        <source>Submitted through</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <source>Result returned through</source>
        <translation>Hình thức nhận kết quả</translation>
    </message>
    <message>
        <source>Number of children</source>
        <translation>Số con</translation>
    </message>
    <message>
        <source>Decision signed by</source>
        <translation>Người ký quyết định</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Hình thức chi trả</translation>
    </message>
    <message>
        <source>Payment point</source>
        <translation>Điểm chi trả</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Số tài khoản</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Ngân hàng</translation>
    </message>
    <message>
        <source>Papers due</source>
        <translation>Hạn bổ sung giấy tờ</translation>
    </message>
    <message>
        <source>Papers note</source>
        <translation>Ghi chú giấy tờ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Old coefficient</source>
        <translation>Hệ số cũ</translation>
    </message>
    <message>
        <source>New coefficient</source>
        <translation>Hệ số mới</translation>
    </message>
    <message>
        <source>Old amount</source>
        <translation>Số tiền cũ</translation>
    </message>
    <message>
        <source>New amount</source>
        <translation>Số tiền mới</translation>
    </message>
    <message>
        <source>To commune</source>
        <translation>Chuyển đến xã</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Payment round</source>
        <translation>Đợt chi trả</translation>
    </message>
    <message>
        <source>Back pay from</source>
        <translation>Truy lĩnh từ</translation>
    </message>
    <message>
        <source>Back pay until</source>
        <translation>Truy lĩnh đến</translation>
    </message>
    <message>
        <source>Months of back pay</source>
        <translation>Số tháng truy lĩnh</translation>
    </message>
    <message>
        <source>Back pay</source>
        <translation>Tiền truy lĩnh</translation>
    </message>
    <message>
        <source>Amount recovered</source>
        <translation>Số tiền thu hồi</translation>
    </message>
    <message>
        <source>Carer</source>
        <translation>Người chăm sóc</translation>
    </message>
    <message>
        <source>Carer&apos;s CCCD</source>
        <translation>CCCD người chăm sóc</translation>
    </message>
    <message>
        <source>Died in a facility</source>
        <translation>Mất tại cơ sở</translation>
    </message>
    <message>
        <source>Paid to</source>
        <translation>Người nhận</translation>
    </message>
    <message>
        <source>Relationship of the recipient</source>
        <translation>Quan hệ của người nhận</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Chủ hộ</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>Số nhân khẩu</translation>
    </message>
    <message>
        <source>Kind of support</source>
        <translation>Hình thức hỗ trợ</translation>
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
        <source>Given on</source>
        <translation>Ngày cấp phát</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(để trống)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Không</translation>
    </message>
</context>
</TS>
