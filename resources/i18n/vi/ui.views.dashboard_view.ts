<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>DashboardPage</name>
    <message>
        <source>Counting…</source>
        <translation>Đang tổng hợp số liệu…</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Biểu đồ</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Mục</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số liệu</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Bảng số liệu</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>People living in the facility</source>
        <translation>Người đang được nuôi dưỡng tại cơ sở</translation>
    </message>
    <message>
        <source>Everyone on the commune&apos;s records</source>
        <translation>Toàn bộ đối tượng đang quản lý</translation>
    </message>
    <message>
        <source>{scope} — {place}, figures on {day}</source>
        <translation>{scope} — {place}, số liệu ngày {day}</translation>
    </message>
    <message>
        <source>people on record</source>
        <translation>đối tượng đang quản lý</translation>
    </message>
    <message>
        <source>receiving the allowance</source>
        <translation>đang hưởng trợ cấp</translation>
    </message>
    <message>
        <source>awaiting a decision</source>
        <translation>đang chờ quyết định</translation>
    </message>
    <message>
        <source>paid this month</source>
        <translation>chi trả tháng này</translation>
    </message>
    <message>
        <source>paid in {month} (finalised list)</source>
        <translation>chi trả tháng {month} (danh sách đã chốt)</translation>
    </message>
    <message>
        <source>for {month} (estimate from decisions)</source>
        <translation>tháng {month} (ước tính theo quyết định)</translation>
    </message>
    <message>
        <source>people living here</source>
        <translation>người đang được nuôi dưỡng</translation>
    </message>
    <message>
        <source>places</source>
        <translation>chỗ (công suất)</translation>
    </message>
    <message>
        <source>of places taken</source>
        <translation>công suất đã sử dụng</translation>
    </message>
    <message>
        <source>children in care</source>
        <translation>trẻ em đang nuôi dưỡng</translation>
    </message>
    <message>
        <source>Residents by group</source>
        <translation>Người được nuôi dưỡng theo nhóm</translation>
    </message>
    <message>
        <source>Receiving or suspended, by category</source>
        <translation>Đang hưởng hoặc tạm dừng, theo diện</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Số người</translation>
    </message>
    <message>
        <source>By age (years)</source>
        <translation>Theo nhóm tuổi</translation>
    </message>
    <message>
        <source>Months {first} – {last}</source>
        <translation>Tháng {first} – {last}</translation>
    </message>
    <message>
        <source>By sex</source>
        <translation>Theo giới tính</translation>
    </message>
    <message>
        <source>Allowance paid by month (million ₫)</source>
        <translation>Kinh phí trợ cấp theo tháng (triệu ₫)</translation>
    </message>
    <message>
        <source>Finalised payment list</source>
        <translation>Danh sách đã chốt</translation>
    </message>
    <message>
        <source>Estimate from decisions</source>
        <translation>Ước tính theo quyết định</translation>
    </message>
    <message>
        <source>Residents at the end of each month</source>
        <translation>Số người nuôi dưỡng cuối mỗi tháng</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Người được nuôi dưỡng</translation>
    </message>
    <message>
        <source>Places: {count}</source>
        <translation>Công suất: {count}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng số</translation>
    </message>
    <message>
        <source>People living here</source>
        <translation>Người đang được nuôi dưỡng</translation>
    </message>
    <message>
        <source>People on record</source>
        <translation>Đối tượng đang quản lý</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Nhóm tuổi</translation>
    </message>
    <message>
        <source>Category (receiving or suspended)</source>
        <translation>Diện (đang hưởng hoặc tạm dừng)</translation>
    </message>
    <message>
        <source>Case status</source>
        <translation>Tình trạng hồ sơ</translation>
    </message>
    <message>
        <source>Allowance by month</source>
        <translation>Kinh phí trợ cấp theo tháng</translation>
    </message>
    <message>
        <source>finalised</source>
        <translation>đã chốt</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>ước tính</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Cơ sở</translation>
    </message>
    <message>
        <source>{residents} of {capacity} places{share}</source>
        <translation>{residents} trên {capacity} chỗ{share}</translation>
    </message>
</context>
</TS>
