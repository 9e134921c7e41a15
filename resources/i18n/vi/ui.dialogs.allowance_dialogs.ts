<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust the allowance</source>
        <translation>Điều chỉnh mức trợ cấp</translation>
    </message>
    <message>
        <source>Record the adjustment</source>
        <translation>Ghi điều chỉnh</translation>
    </message>
    <message>
        <source>From month</source>
        <translation>Từ tháng</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>From {month}: coefficient {old} → {new}; {old_amount} → {new_amount} a month</source>
        <translation>Từ tháng {month}: hệ số {old} → {new}; mức trợ cấp {old_amount} → {new_amount}/tháng</translation>
    </message>
</context>
<context>
    <name>ApplicationDialog</name>
    <message>
        <source>New allowance application</source>
        <translation>Nhập hồ sơ đề nghị trợ cấp</translation>
    </message>
    <message>
        <source>Save application</source>
        <translation>Lưu hồ sơ</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Application date</source>
        <translation>Ngày nộp hồ sơ</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Hình thức nhận</translation>
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
        <source>e.g. Bưu điện văn hoá xã, Thôn Đông</source>
        <translation>VD: Bưu điện văn hoá xã, Thôn Đông</translation>
    </message>
    <message>
        <source>Payment point</source>
        <translation>Điểm chi trả</translation>
    </message>
    <message>
        <source>Choose the person who applies.</source>
        <translation>Hãy chọn đối tượng đề nghị hưởng trợ cấp.</translation>
    </message>
</context>
<context>
    <name>CancelListDialog</name>
    <message>
        <source>Cancel the payment list</source>
        <translation>Huỷ danh sách chi trả</translation>
    </message>
    <message>
        <source>Cancel the list</source>
        <translation>Huỷ danh sách</translation>
    </message>
    <message>
        <source>Keep the list</source>
        <translation>Giữ lại danh sách</translation>
    </message>
    <message>
        <source>{month}: {count} people, {total}</source>
        <translation>Tháng {month}: {count} người, tổng {total}</translation>
    </message>
    <message>
        <source>Finalised list</source>
        <translation>Danh sách đã chốt</translation>
    </message>
    <message>
        <source>Amounts are wrong</source>
        <translation>Số tiền chưa đúng</translation>
    </message>
    <message>
        <source>People missing, or listed who should not be</source>
        <translation>Thiếu người, hoặc có người không được hưởng</translation>
    </message>
    <message>
        <source>Wrong payment method or account</source>
        <translation>Sai hình thức nhận hoặc số tài khoản</translation>
    </message>
    <message>
        <source>Finalised by mistake (wrong month, too early)</source>
        <translation>Chốt nhầm (nhầm tháng, chốt quá sớm)</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Lý do khác</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>The list&apos;s lines are withdrawn here and, at the next sync, on the server. The month is then computed again under the rules and can be finalised again. Do not hand out printed copies of the cancelled list.</source>
        <translation>Các dòng của danh sách bị rút khỏi máy này và khỏi máy chủ ở lần đồng bộ tới. Sau đó danh sách tháng được tính lại theo quy định và có thể chốt lại. Không dùng các bản in của danh sách đã huỷ để chi trả.</translation>
    </message>
    <message>
        <source>Cancelling the payment list…</source>
        <translation>Đang huỷ danh sách chi trả…</translation>
    </message>
</context>
<context>
    <name>CategoryFields</name>
    <message>
        <source>Category</source>
        <translation>Diện đối tượng</translation>
    </message>
    <message>
        <source>Specific case</source>
        <translation>Trường hợp cụ thể</translation>
    </message>
    <message>
        <source>Also qualifies as</source>
        <translation>Đồng thời thuộc diện</translation>
    </message>
    <message>
        <source>A person in several categories receives only the highest amount, except a single parent (K4), who also receives the other.</source>
        <translation>Người thuộc nhiều diện chỉ được hưởng một mức cao nhất, trừ người đơn thân nuôi con (K4) được hưởng cả hai chế độ.</translation>
    </message>
    <message>
        <source>Children raised (K4)</source>
        <translation>Số con đang nuôi (K4)</translation>
    </message>
    <message>
        <source>(not specified)</source>
        <translation>(không ghi)</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Decision on the application</source>
        <translation>Ra quyết định hưởng trợ cấp</translation>
    </message>
    <message>
        <source>Record the decision</source>
        <translation>Ra quyết định</translation>
    </message>
    <message>
        <source>e.g. Chủ tịch UBND xã</source>
        <translation>VD: Chủ tịch UBND xã</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Computed under the rules</source>
        <translation>Kết quả tính theo quy định</translation>
    </message>
    <message>
        <source>How it was computed:</source>
        <translation>Căn cứ tính:</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Đang tính…</translation>
    </message>
    <message>
        <source>Coefficient: {value}</source>
        <translation>Hệ số: {value}</translation>
    </message>
    <message>
        <source>Standard level: {value}</source>
        <translation>Mức chuẩn: {value}</translation>
    </message>
    <message>
        <source>Monthly allowance: {value}</source>
        <translation>Mức trợ cấp hằng tháng: {value}</translation>
    </message>
    <message>
        <source>Paid from month: {value}</source>
        <translation>Hưởng từ tháng: {value}</translation>
    </message>
    <message>
        <source>Not eligible in the start month: nothing would be paid.</source>
        <translation>Không đủ điều kiện hưởng trong tháng bắt đầu: sẽ không được chi trả.</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move to another commune</source>
        <translation>Chuyển sang xã khác</translation>
    </message>
    <message>
        <source>Record the move</source>
        <translation>Ghi chuyển xã</translation>
    </message>
    <message>
        <source>Type the commune or ward name…</source>
        <translation>Gõ tên xã, phường (không dấu cũng được)…</translation>
    </message>
    <message>
        <source>Moving to</source>
        <translation>Chuyển đến</translation>
    </message>
    <message>
        <source>Not paid here from month</source>
        <translation>Thôi chi trả tại xã từ tháng</translation>
    </message>
    <message>
        <source>The new commune makes its own decision for the allowance there.</source>
        <translation>Xã, phường nơi chuyển đến sẽ xem xét và ra quyết định hưởng trợ cấp mới.</translation>
    </message>
    <message>
        <source>Search and choose the commune.</source>
        <translation>Hãy tìm và chọn xã, phường chuyển đến.</translation>
    </message>
</context>
<context>
    <name>PaymentMethodDialog</name>
    <message>
        <source>Change the payment method</source>
        <translation>Đổi hình thức chi trả</translation>
    </message>
    <message>
        <source>Save the payment method</source>
        <translation>Lưu hình thức chi trả</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Hình thức nhận</translation>
    </message>
    <message>
        <source>Digits only; for an e-wallet, its phone number</source>
        <translation>Chỉ gồm chữ số; ví điện tử thì ghi số điện thoại của ví</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Số tài khoản</translation>
    </message>
    <message>
        <source>e.g. Agribank chi nhánh Sài Gòn</source>
        <translation>VD: Agribank chi nhánh Sài Gòn</translation>
    </message>
    <message>
        <source>Bank or e-wallet provider</source>
        <translation>Ngân hàng / đơn vị ví</translation>
    </message>
    <message>
        <source>e.g. Bưu điện văn hoá xã, Thôn Đông</source>
        <translation>VD: Bưu điện văn hoá xã, Thôn Đông</translation>
    </message>
    <message>
        <source>Payment point</source>
        <translation>Điểm chi trả</translation>
    </message>
    <message>
        <source>Applies from the payment list for {month}, the next one to be finalised. Lists already finalised keep the method they were saved with.</source>
        <translation>Áp dụng từ danh sách chi trả tháng {month} (danh sách sẽ chốt tiếp theo). Các danh sách đã chốt giữ hình thức nhận lúc chốt.</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>Do not approve the application</source>
        <translation>Không chấp thuận hồ sơ</translation>
    </message>
    <message>
        <source>Do not approve</source>
        <translation>Không chấp thuận</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Explanation for the applicant</source>
        <translation>Giải thích cho người nộp hồ sơ</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>Resume the allowance</source>
        <translation>Tiếp tục chi trả trợ cấp</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Tiếp tục chi trả</translation>
    </message>
    <message>
        <source>Paid again from month</source>
        <translation>Chi trả lại từ tháng</translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <source>Stop the allowance</source>
        <translation>Thôi hưởng trợ cấp</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Date it happened (date of death…)</source>
        <translation>Ngày phát sinh (ngày mất…)</translation>
    </message>
    <message>
        <source>Funeral support paid to</source>
        <translation>Người nhận hỗ trợ mai táng</translation>
    </message>
    <message>
        <source>Not paid from month {month}</source>
        <translation>Thôi hưởng từ tháng {month}</translation>
    </message>
</context>
<context>
    <name>SuspendDialog</name>
    <message>
        <source>Suspend the allowance</source>
        <translation>Tạm dừng trợ cấp</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <source>Not paid from month</source>
        <translation>Tạm dừng từ tháng</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
</context>
<context>
    <name>_ChangeDialog</name>
    <message>
        <source>Case</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>e.g. 125/QĐ-UBND</source>
        <translation>VD: 125/QĐ-UBND</translation>
    </message>
    <message>
        <source>Decision number</source>
        <translation>Quyết định số</translation>
    </message>
    <message>
        <source>Decision number (if any)</source>
        <translation>Quyết định số (nếu có)</translation>
    </message>
    <message>
        <source>Decision date</source>
        <translation>Ngày quyết định</translation>
    </message>
</context>
</TS>
