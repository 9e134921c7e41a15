<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AssistanceTerms</name>
    <message>
        <source>Awaiting decision</source>
        <translation>Chờ quyết định</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Đang hưởng</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Thôi hưởng</translation>
    </message>
    <message>
        <source>Moved to another commune</source>
        <translation>Đã chuyển xã khác</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>Không chấp thuận</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định hưởng</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Điều chỉnh</translation>
    </message>
    <message>
        <source>Suspension</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <source>Resumption</source>
        <translation>Tiếp tục hưởng</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Thôi hưởng</translation>
    </message>
    <message>
        <source>Move to another commune</source>
        <translation>Chuyển xã khác</translation>
    </message>
    <message>
        <source>Post office</source>
        <translation>Bưu điện</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>Tài khoản ngân hàng</translation>
    </message>
    <message>
        <source>E-wallet</source>
        <translation>Ví điện tử</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <source>To be paid</source>
        <translation>Chờ chi trả</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Đã chi trả</translation>
    </message>
    <message>
        <source>Not collected</source>
        <translation>Không đến nhận</translation>
    </message>
    <message>
        <source>Did not collect the allowance for 3 months</source>
        <translation>Không nhận trợ cấp 3 tháng liên tục</translation>
    </message>
    <message>
        <source>Refused the review of eligibility</source>
        <translation>Không chấp hành việc kiểm tra, rà soát</translation>
    </message>
    <message>
        <source>Held in custody or serving a sentence for a month or more</source>
        <translation>Bị tạm giam, chấp hành án phạt tù từ 1 tháng trở lên</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Lý do khác</translation>
    </message>
    <message>
        <source>Died</source>
        <translation>Đã mất</translation>
    </message>
    <message>
        <source>Declared missing</source>
        <translation>Mất tích theo quy định của pháp luật</translation>
    </message>
    <message>
        <source>No longer eligible</source>
        <translation>Không còn đủ điều kiện</translation>
    </message>
    <message>
        <source>Serving a prison sentence</source>
        <translation>Chấp hành án phạt tù</translation>
    </message>
    <message>
        <source>Refused the allowance</source>
        <translation>Từ chối nhận trợ cấp</translation>
    </message>
    <message>
        <source>Does not meet the conditions</source>
        <translation>Không đủ điều kiện</translation>
    </message>
    <message>
        <source>Dossier incomplete</source>
        <translation>Hồ sơ chưa đầy đủ</translation>
    </message>
    <message>
        <source>Application withdrawn</source>
        <translation>Rút hồ sơ</translation>
    </message>
    <message>
        <source>Long-term care</source>
        <translation>Nuôi dưỡng thường xuyên</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>Khẩn cấp</translation>
    </message>
    <message>
        <source>Long-term</source>
        <translation>Thường xuyên</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Trẻ em</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>Người cao tuổi</translation>
    </message>
    <message>
        <source>People with disabilities</source>
        <translation>Người khuyết tật</translation>
    </message>
    <message>
        <source>Mental illness</source>
        <translation>Người tâm thần</translation>
    </message>
    <message>
        <source>Emergency protection</source>
        <translation>Bảo vệ khẩn cấp</translation>
    </message>
    <message>
        <source>Voluntary (contract)</source>
        <translation>Tự nguyện (hợp đồng)</translation>
    </message>
    <message>
        <source>Returned to family</source>
        <translation>Trở về gia đình</translation>
    </message>
    <message>
        <source>Placed with a substitute family</source>
        <translation>Chăm sóc thay thế tại gia đình</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>Được nhận làm con nuôi</translation>
    </message>
    <message>
        <source>Transferred to another facility</source>
        <translation>Chuyển cơ sở khác</translation>
    </message>
    <message>
        <source>Able to live independently</source>
        <translation>Tự lập được cuộc sống</translation>
    </message>
    <message>
        <source>Health check</source>
        <translation>Khám sức khoẻ</translation>
    </message>
    <message>
        <source>Physiotherapy</source>
        <translation>Phục hồi chức năng</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Giáo dục</translation>
    </message>
    <message>
        <source>Vocational training</source>
        <translation>Học nghề</translation>
    </message>
    <message>
        <source>Family visit</source>
        <translation>Thăm gặp</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Khác</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Chưa rõ</translation>
    </message>
    <message>
        <source>Lunar New Year (Tết)</source>
        <translation>Tết Nguyên đán</translation>
    </message>
    <message>
        <source>Flood</source>
        <translation>Lũ lụt</translation>
    </message>
    <message>
        <source>Storm</source>
        <translation>Bão</translation>
    </message>
    <message>
        <source>Landslide</source>
        <translation>Sạt lở đất</translation>
    </message>
    <message>
        <source>Drought</source>
        <translation>Hạn hán</translation>
    </message>
    <message>
        <source>Fire</source>
        <translation>Hoả hoạn</translation>
    </message>
    <message>
        <source>Epidemic</source>
        <translation>Dịch bệnh</translation>
    </message>
    <message>
        <source>Rice</source>
        <translation>Gạo</translation>
    </message>
    <message>
        <source>Severe injury</source>
        <translation>Bị thương nặng</translation>
    </message>
    <message>
        <source>Death or missing person</source>
        <translation>Người chết, mất tích</translation>
    </message>
    <message>
        <source>House destroyed: rebuilding</source>
        <translation>Nhà đổ, sập, trôi, cháy: làm nhà mới</translation>
    </message>
    <message>
        <source>Emergency relocation of a house</source>
        <translation>Di dời nhà ở khẩn cấp</translation>
    </message>
    <message>
        <source>Badly damaged house: repair</source>
        <translation>Nhà hư hỏng nặng: sửa chữa</translation>
    </message>
    <message>
        <source>Funeral support: {amount}</source>
        <translation>Hỗ trợ mai táng: {amount}</translation>
    </message>
</context>
</TS>
