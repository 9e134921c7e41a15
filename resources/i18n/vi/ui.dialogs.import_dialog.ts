<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import beneficiaries from Excel</source>
        <translation>Nhập danh sách đối tượng từ Excel</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Choose the spreadsheet (.xlsx) with the beneficiaries. The header row is found by itself; the next step shows which column was taken for what.</source>
        <translation>Chọn tệp Excel (.xlsx) có danh sách đối tượng. Chương trình tự tìm dòng tiêu đề; bước sau cho thấy mỗi cột được dùng cho thông tin nào.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>None: the columns are guessed from the headers</source>
        <translation>Không có: các cột được đoán theo tiêu đề</translation>
    </message>
    <message>
        <source>Use a saved mapping…</source>
        <translation>Dùng ánh xạ cột đã lưu…</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>Ánh xạ cột</translation>
    </message>
    <message>
        <source>Save this mapping…</source>
        <translation>Lưu ánh xạ cột này…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>Tất cả các dòng</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>Dòng bị từ chối</translation>
    </message>
    <message>
        <source>Rows with remarks</source>
        <translation>Dòng có lưu ý</translation>
    </message>
    <message>
        <source>Valid rows</source>
        <translation>Dòng hợp lệ</translation>
    </message>
    <message>
        <source>Save the check results (Excel)…</source>
        <translation>Lưu kết quả kiểm tra (Excel)…</translation>
    </message>
    <message>
        <source>Save the rejected rows (Excel)…</source>
        <translation>Lưu các dòng bị từ chối (Excel)…</translation>
    </message>
    <message>
        <source>Read the file</source>
        <translation>Đọc tệp</translation>
    </message>
    <message>
        <source>Check the rows</source>
        <translation>Kiểm tra các dòng</translation>
    </message>
    <message>
        <source>Import {count} rows</source>
        <translation>Nhập {count} dòng</translation>
    </message>
    <message>
        <source>Choose the spreadsheet</source>
        <translation>Chọn tệp Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose a saved mapping</source>
        <translation>Chọn tệp ánh xạ cột đã lưu</translation>
    </message>
    <message>
        <source>Column mapping (*.json)</source>
        <translation>Ánh xạ cột (*.json)</translation>
    </message>
    <message>
        <source>Save the column mapping</source>
        <translation>Lưu ánh xạ cột</translation>
    </message>
    <message>
        <source>Save the check results</source>
        <translation>Lưu kết quả kiểm tra</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Đang đọc tệp…</translation>
    </message>
    <message>
        <source>Sheet “{sheet}”: header in row {row}, {count} data rows. Check the column taken for each field; choose “not imported” for fields the file lacks.</source>
        <translation>Trang “{sheet}”: dòng tiêu đề {row}, {count} dòng dữ liệu. Hãy kiểm tra cột được dùng cho từng thông tin; chọn “không nhập” cho thông tin tệp không có.</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— không nhập —</translation>
    </message>
    <message>
        <source>e.g. {value}</source>
        <translation>ví dụ: {value}</translation>
    </message>
    <message>
        <source>{rows} rows checked: {valid} can be imported ({warnings} with remarks), {rejected} rejected. Rejected rows are not imported; save the check results to correct them in Excel.</source>
        <translation>Đã kiểm tra {rows} dòng: {valid} dòng nhập được ({warnings} dòng có lưu ý), {rejected} dòng bị từ chối. Dòng bị từ chối không được nhập; hãy lưu kết quả kiểm tra để sửa lại trong Excel.</translation>
    </message>
    <message>
        <source>Row {row}: {reasons}</source>
        <translation>Dòng {row}: {reasons}</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>hợp lệ</translation>
    </message>
    <message>
        <source>Imported {people} people and {cases} allowance cases. {rejected} rows were rejected and not imported.</source>
        <translation>Đã nhập {people} đối tượng và {cases} hồ sơ trợ cấp. {rejected} dòng bị từ chối, không được nhập.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Đang hủy…</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was imported.</source>
        <translation>Đã hủy. Không có dòng nào được nhập.</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Đã lưu: {path}</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Valid</source>
        <translation>Hợp lệ</translation>
    </message>
    <message>
        <source>Valid, with remarks</source>
        <translation>Hợp lệ, có lưu ý</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
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
        <source>ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Diện</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Lý do</translation>
    </message>
</context>
</TS>
