<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>PeoplePage</name>
    <message>
        <source>Add a person…</source>
        <extracomment>A person&apos;s file is to open (None: an empty one for a new person). Every time a list of ids is shown (tests and benchmarks wait for it).</extracomment>
        <translation>Thêm đối tượng…</translation>
    </message>
    <message>
        <source>Search by name, CCCD number or record code — no accents needed</source>
        <translation>Tìm theo họ tên, số CCCD hoặc mã hồ sơ — gõ không dấu cũng được</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>Nhóm:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Diện:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Tình trạng:</translation>
    </message>
    <message>
        <source>Commune:</source>
        <translation>Xã/phường:</translation>
    </message>
    <message>
        <source>Facility:</source>
        <translation>Cơ sở:</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Xoá tìm kiếm và bộ lọc</translation>
    </message>
    <message>
        <source>Double-click a person, or press Enter, to open their file.</source>
        <translation>Nhấn đúp vào một người, hoặc nhấn Enter, để mở hồ sơ.</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Đối tượng</translation>
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
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Diện</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>{total} matches: showing the first {shown}. Type more to narrow the list.</source>
        <translation>{total} kết quả: đang hiện {shown} người đầu. Gõ thêm để thu hẹp danh sách.</translation>
    </message>
    <message>
        <source>More than {shown} matches: showing the first {shown}. Type more to narrow the list.</source>
        <translation>Hơn {shown} kết quả: đang hiện {shown} người đầu. Gõ thêm để thu hẹp danh sách.</translation>
    </message>
    <message>
        <source>Nobody found. Check the spelling or clear some filters.</source>
        <translation>Không tìm thấy ai. Hãy kiểm tra chính tả hoặc bỏ bớt bộ lọc.</translation>
    </message>
    <message>
        <source>Nobody is recorded yet. Press “Add a person…” to start.</source>
        <translation>Chưa có đối tượng nào. Nhấn “Thêm đối tượng…” để bắt đầu.</translation>
    </message>
    <message>
        <source>{count} matches</source>
        <translation>{count} kết quả</translation>
    </message>
    <message>
        <source>{count} people</source>
        <translation>{count} đối tượng</translation>
    </message>
</context>
</TS>
