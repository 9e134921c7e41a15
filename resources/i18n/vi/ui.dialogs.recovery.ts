<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key — write it down now</source>
        <translation>Mã khôi phục — hãy ghi lại ngay</translation>
    </message>
    <message>
        <source>Your recovery key</source>
        <translation>Mã khôi phục của bạn</translation>
    </message>
    <message>
        <source>The old recovery key no longer works. Record this new one:</source>
        <translation>Mã khôi phục cũ không còn dùng được. Hãy ghi lại mã mới này:</translation>
    </message>
    <message>
        <source>The administrator&apos;s account is ready and the data is encrypted. Record this recovery key:</source>
        <translation>Đã tạo tài khoản quản trị và mã hoá dữ liệu. Hãy ghi lại mã khôi phục này:</translation>
    </message>
    <message>
        <source>• It is shown only this once: the program does not keep it.
• It sets a new password when the administrator&apos;s is forgotten, and restores damaged data.
• Whoever holds it can open all the data: keep the paper in a sealed envelope, locked away from this PC (the office safe).
• If every password and this key are lost, nobody can open the data.</source>
        <translation>• Mã chỉ hiện một lần này: phần mềm không lưu lại.
• Mã dùng để đặt mật khẩu mới khi quản trị viên quên mật khẩu, và để khôi phục dữ liệu bị hỏng.
• Ai có mã này đều mở được toàn bộ dữ liệu: hãy cho giấy vào phong bì dán kín, cất xa máy tính (tủ sắt của cơ quan).
• Nếu mất cả mọi mật khẩu lẫn mã này thì không ai mở được dữ liệu.</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Lưu thành PDF…</translation>
    </message>
    <message>
        <source>A PDF is for printing: print it, then delete the file from this PC.</source>
        <translation>Tệp PDF chỉ để in: in xong hãy xoá tệp khỏi máy này.</translation>
    </message>
    <message>
        <source>I have written down (or printed) the recovery key</source>
        <translation>Tôi đã ghi lại (hoặc in) mã khôi phục</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Made on {when} for the administrator {user}.</source>
        <translation>Tạo lúc {when} cho quản trị viên {user}.</translation>
    </message>
    <message>
        <source>Data folder: {folder}</source>
        <translation>Thư mục dữ liệu: {folder}</translation>
    </message>
    <message>
        <source>Keep this paper sealed and locked away from the PC. Whoever holds it can open all the data.</source>
        <translation>Hãy niêm phong và cất giấy này xa máy tính. Ai có mã này đều mở được toàn bộ dữ liệu.</translation>
    </message>
    <message>
        <source>BTXH Desktop — recovery key</source>
        <translation>BTXH Desktop — mã khôi phục</translation>
    </message>
    <message>
        <source>Saved {name}. Print it, then delete the file.</source>
        <translation>Đã lưu {name}. Hãy in ra rồi xoá tệp.</translation>
    </message>
    <message>
        <source>Save the recovery key as PDF</source>
        <translation>Lưu mã khôi phục thành PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
</context>
</TS>
