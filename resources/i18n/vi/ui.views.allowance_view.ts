<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AllowancePage</name>
    <message>
        <source>Allowance cases</source>
        <translation>Hồ sơ trợ cấp</translation>
    </message>
    <message>
        <source>Monthly payment lists</source>
        <translation>Danh sách chi trả hằng tháng</translation>
    </message>
    <message>
        <source>Allowance &amp; payments</source>
        <translation>Trợ cấp &amp; chi trả</translation>
    </message>
</context>
<context>
    <name>CasesTab</name>
    <message>
        <source>New application…</source>
        <translation>Nhập hồ sơ mới…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tất cả trạng thái</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Tất cả các diện</translation>
    </message>
    <message>
        <source>Search by name or record code…</source>
        <translation>Tìm theo tên (không dấu cũng được) hoặc mã hồ sơ…</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Diện đối tượng</translation>
    </message>
    <message>
        <source>Specific case</source>
        <translation>Trường hợp</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Application date</source>
        <translation>Ngày nộp hồ sơ</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>Coefficient</source>
        <translation>Hệ số</translation>
    </message>
    <message>
        <source>Monthly amount</source>
        <translation>Mức trợ cấp hằng tháng</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Thời gian hưởng</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Hình thức nhận</translation>
    </message>
    <message>
        <source>Chosen case:</source>
        <translation>Hồ sơ đang chọn:</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>Ra quyết định…</translation>
    </message>
    <message>
        <source>Do not approve…</source>
        <translation>Không chấp thuận…</translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation>Điều chỉnh…</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>Tạm dừng…</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Tiếp tục…</translation>
    </message>
    <message>
        <source>Stop…</source>
        <translation>Thôi hưởng…</translation>
    </message>
    <message>
        <source>Move commune…</source>
        <translation>Chuyển xã…</translation>
    </message>
    <message>
        <source>History of decisions</source>
        <translation>Lịch sử quyết định</translation>
    </message>
    <message>
        <source>Change payment method…</source>
        <translation>Đổi hình thức chi trả…</translation>
    </message>
    <message>
        <source>Loading cases…</source>
        <translation>Đang tải hồ sơ…</translation>
    </message>
    <message>
        <source>No allowance cases yet. Press “New application…” to record one.</source>
        <translation>Chưa có hồ sơ trợ cấp nào. Bấm “Nhập hồ sơ mới…” để bắt đầu.</translation>
    </message>
    <message>
        <source>{count} cases</source>
        <translation>{count} hồ sơ</translation>
    </message>
    <message>
        <source>{shown} of {count} cases match</source>
        <translation>{shown} trên {count} hồ sơ phù hợp</translation>
    </message>
    <message>
        <source>No. {number} of {date}, signed by {signer}</source>
        <translation>Số {number} ngày {date}, người ký: {signer}</translation>
    </message>
    <message>
        <source>Not decided yet</source>
        <translation>Chưa có quyết định</translation>
    </message>
    <message>
        <source>{amount} (standard level {level})</source>
        <translation>{amount} (mức chuẩn {level})</translation>
    </message>
    <message>
        <source>From {start}</source>
        <translation>Từ tháng {start}</translation>
    </message>
    <message>
        <source>until before {stop}</source>
        <translation>đến trước tháng {stop}</translation>
    </message>
    <message>
        <source>Choose a case in the list to see its file.</source>
        <translation>Chọn một hồ sơ trong danh sách để xem chi tiết.</translation>
    </message>
    <message>
        <source>Not possible for a case with this status.</source>
        <translation>Không thực hiện được với hồ sơ ở trạng thái này.</translation>
    </message>
</context>
<context>
    <name>PaymentsTab</name>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>Tháng trước</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>Tháng sau</translation>
    </message>
    <message>
        <source>Finalise the list…</source>
        <translation>Chốt danh sách…</translation>
    </message>
    <message>
        <source>Cancel the payment list…</source>
        <translation>Huỷ danh sách chi trả…</translation>
    </message>
    <message>
        <source>For the selected lines:</source>
        <translation>Với các dòng đang chọn:</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>Đã chi trả ngày</translation>
    </message>
    <message>
        <source>Not collected</source>
        <translation>Không đến nhận</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Hình thức nhận</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Số người</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <source>Grand total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>Of which</source>
        <translation>Trong đó</translation>
    </message>
    <message>
        <source>Monthly allowance</source>
        <translation>Trợ cấp tháng</translation>
    </message>
    <message>
        <source>Back pay</source>
        <translation>Truy lĩnh</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>Truy thu</translation>
    </message>
    <message>
        <source>Computing the list for {month}…</source>
        <translation>Đang tính danh sách tháng {month}…</translation>
    </message>
    <message>
        <source>Computing the payment list…</source>
        <translation>Đang tính danh sách chi trả…</translation>
    </message>
    <message>
        <source>List for {month}: finalised</source>
        <translation>Danh sách tháng {month}: đã chốt</translation>
    </message>
    <message>
        <source>List for {month}: not finalised (computed now under the rules)</source>
        <translation>Danh sách tháng {month}: chưa chốt (tính theo quy định tại thời điểm xem)</translation>
    </message>
    <message>
        <source>Nobody is owed anything for {month}</source>
        <translation>Tháng {month} không có ai được chi trả</translation>
    </message>
    <message>
        <source>Already finalised, or nothing to pay.</source>
        <translation>Danh sách đã chốt hoặc không có ai được chi trả.</translation>
    </message>
    <message>
        <source>Only a finalised list from which no payment has been recorded yet can be cancelled.</source>
        <translation>Chỉ huỷ được danh sách đã chốt mà chưa ghi nhận khoản chi nào.</translation>
    </message>
    <message>
        <source>Choose lines of a finalised list first.</source>
        <translation>Hãy chọn các dòng của danh sách đã chốt.</translation>
    </message>
    <message>
        <source>Finalise the payment list</source>
        <translation>Chốt danh sách chi trả</translation>
    </message>
    <message>
        <source>Finalise the list for {month}: {count} people, {total}? After finalising, the list is saved for paying and cannot be recomputed.</source>
        <translation>Chốt danh sách tháng {month}: {count} người, tổng {total}? Sau khi chốt, danh sách được lưu để chi trả và không tính lại.</translation>
    </message>
    <message>
        <source>Finalise</source>
        <translation>Chốt danh sách</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>The list for {month} is finalised: {count} people, {total}.</source>
        <translation>Đã chốt danh sách tháng {month}: {count} người, {total}.</translation>
    </message>
    <message>
        <source>Finalising the payment list…</source>
        <translation>Đang chốt danh sách chi trả…</translation>
    </message>
    <message>
        <source>The list for {month} is cancelled ({count} lines withdrawn). It is computed again under the rules and can be finalised again.</source>
        <translation>Đã huỷ danh sách tháng {month} (rút {count} dòng). Danh sách được tính lại theo quy định và có thể chốt lại.</translation>
    </message>
    <message>
        <source>Recording payments…</source>
        <translation>Đang ghi kết quả chi trả…</translation>
    </message>
</context>
</TS>
