<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>SettingsPage</name>
    <message>
        <source>Display</source>
        <translation>Hiển thị</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dữ liệu</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Thư mục dữ liệu</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Chưa kiểm tra</translation>
    </message>
    <message>
        <source>Check the database</source>
        <translation>Kiểm tra cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>The new language applies the next time the program starts.</source>
        <translation>Ngôn ngữ mới được áp dụng từ lần mở chương trình sau.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>Đang kiểm tra cơ sở dữ liệu…</translation>
    </message>
    <message>
        <source>Healthy. Schema version {revision}; {pending} changes waiting to sync.</source>
        <translation>Tốt. Phiên bản lược đồ {revision}; {pending} thay đổi chờ đồng bộ.</translation>
    </message>
    <message>
        <source>Problem found: {detail}. Restore the latest backup or call support.</source>
        <translation>Phát hiện lỗi: {detail}. Hãy khôi phục bản sao lưu gần nhất hoặc gọi hỗ trợ.</translation>
    </message>
    <message>
        <source>The check could not run: {error}</source>
        <translation>Không chạy được việc kiểm tra: {error}</translation>
    </message>
</context>
</TS>