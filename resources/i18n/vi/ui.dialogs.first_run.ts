<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>FacilityPage</name>
    <message>
        <source>The facility</source>
        <translation>Thông tin cơ sở</translation>
    </message>
    <message>
        <source>The name appears on printed papers. The code is short and fixed: it names the facility&apos;s data on the province&apos;s sync server, so use the code the province gave you if there is one.</source>
        <translation>Tên cơ sở được in trên các giấy tờ. Mã cơ sở ngắn và không đổi: máy chủ đồng bộ của tỉnh dùng mã này để nhận biết dữ liệu của cơ sở, vì vậy nếu tỉnh đã cấp mã thì hãy dùng đúng mã đó.</translation>
    </message>
    <message>
        <source>e.g. Trung tâm Bảo trợ xã hội tỉnh Hà Tĩnh</source>
        <translation>ví dụ: Trung tâm Bảo trợ xã hội tỉnh Hà Tĩnh</translation>
    </message>
    <message>
        <source>e.g. TTBTXH01</source>
        <translation>ví dụ: TTBTXH01</translation>
    </message>
    <message>
        <source>Up to 16 letters without diacritics, digits, - or _; no spaces.</source>
        <translation>Tối đa 16 ký tự: chữ cái không dấu, chữ số, dấu - hoặc _; không có dấu cách.</translation>
    </message>
    <message>
        <source>Facility name</source>
        <translation>Tên cơ sở</translation>
    </message>
    <message>
        <source>Facility code</source>
        <translation>Mã cơ sở</translation>
    </message>
    <message>
        <source>Stands in</source>
        <translation>Địa bàn</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>BTXH Desktop — set up the site</source>
        <translation>BTXH Desktop — thiết lập đơn vị</translation>
    </message>
    <message>
        <source>BTXH Desktop — first run</source>
        <translation>BTXH Desktop — lần đầu sử dụng</translation>
    </message>
    <message>
        <source>Kind of site</source>
        <translation>Loại đơn vị</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa bàn</translation>
    </message>
    <message>
        <source>The facility</source>
        <translation>Thông tin cơ sở</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Tài khoản quản trị</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Mã khôi phục</translation>
    </message>
    <message>
        <source>Sync server</source>
        <translation>Máy chủ đồng bộ</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <source>Sign in and start</source>
        <translation>Đăng nhập và bắt đầu</translation>
    </message>
    <message>
        <source>Choose one of the two kinds of site.</source>
        <translation>Hãy chọn một trong hai loại đơn vị.</translation>
    </message>
    <message>
        <source>The list of communes is still loading; try again in a moment.</source>
        <translation>Danh mục xã/phường đang được tải; hãy thử lại sau giây lát.</translation>
    </message>
    <message>
        <source>Choose the province, then the commune or ward, in the lists.</source>
        <translation>Hãy chọn tỉnh/thành phố, rồi chọn xã/phường trong danh sách.</translation>
    </message>
    <message>
        <source>Choose the commune or ward in the list on the right.</source>
        <translation>Hãy chọn xã/phường trong danh sách bên phải.</translation>
    </message>
    <message>
        <source>The facility code must be 1 to 16 letters without diacritics, digits, - or _ (no spaces), e.g. TTBTXH01.</source>
        <translation>Mã cơ sở phải gồm 1 đến 16 ký tự: chữ cái không dấu, chữ số, dấu - hoặc _ (không có dấu cách), ví dụ TTBTXH01.</translation>
    </message>
    <message>
        <source>Saving the site…</source>
        <translation>Đang lưu đơn vị…</translation>
    </message>
    <message>
        <source>The site could not be saved ({error}); it is asked again next time.</source>
        <translation>Chưa lưu được đơn vị ({error}); phần mềm sẽ hỏi lại ở lần mở sau.</translation>
    </message>
    <message>
        <source>Enter the server address, or press “Later”.</source>
        <translation>Hãy nhập địa chỉ máy chủ, hoặc bấm “Để sau”.</translation>
    </message>
    <message>
        <source>Enter the user name the province gave you.</source>
        <translation>Hãy nhập tên đăng nhập do tỉnh cấp.</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Đang kết nối tới máy chủ…</translation>
    </message>
    <message>
        <source>Cannot reach the server at {url}. Check the address (ask the province if unsure) and that this PC is connected to the network, or press “Later”.</source>
        <translation>Không kết nối được máy chủ {url}. Hãy kiểm tra lại địa chỉ (hỏi cán bộ của tỉnh nếu chưa chắc) và kết nối mạng của máy này, hoặc bấm “Để sau”.</translation>
    </message>
    <message>
        <source>The server answers. The connection works.</source>
        <translation>Máy chủ trả lời bình thường. Kết nối tốt.</translation>
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
    <name>KindPage</name>
    <message>
        <source>Who uses this PC?</source>
        <translation>Máy này dùng cho đơn vị nào?</translation>
    </message>
    <message>
        <source>The administrator&apos;s account exists, but this PC is not yet set up for a commune or a facility. Choose where the program is used.</source>
        <translation>Tài khoản quản trị đã có, nhưng máy này chưa được gắn với xã/phường hay cơ sở nào. Hãy chọn nơi sử dụng phần mềm.</translation>
    </message>
    <message>
        <source>Welcome. A few short steps set the program up: where it is used, the administrator&apos;s account and, if you have one, the province&apos;s sync server.</source>
        <translation>Xin chào! Chỉ vài bước ngắn để bắt đầu: chọn nơi sử dụng phần mềm, tạo tài khoản quản trị và, nếu có, kết nối với máy chủ đồng bộ của tỉnh.</translation>
    </message>
    <message>
        <source>A commune or ward office (UBND xã/phường)</source>
        <translation>Ủy ban nhân dân xã/phường (UBND xã/phường)</translation>
    </message>
    <message>
        <source>A social assistance facility (cơ sở trợ giúp xã hội)</source>
        <translation>Cơ sở trợ giúp xã hội (trung tâm bảo trợ xã hội)</translation>
    </message>
    <message>
        <source>The culture and social affairs officer keeps the list of people receiving the monthly allowance in the commune, their decisions and payments.</source>
        <translation>Công chức văn hoá – xã hội quản lý danh sách đối tượng hưởng trợ cấp xã hội hằng tháng trên địa bàn, các quyết định và việc chi trả.</translation>
    </message>
    <message>
        <source>A care centre or social protection centre keeps the files of the people it looks after: admission, care, leaving.</source>
        <translation>Trung tâm bảo trợ xã hội, trung tâm công tác xã hội quản lý hồ sơ đối tượng được nuôi dưỡng, chăm sóc: tiếp nhận, chăm sóc, rời cơ sở.</translation>
    </message>
</context>
<context>
    <name>PlacePage</name>
    <message>
        <source>&amp;Province or city</source>
        <translation>&amp;Tỉnh/thành phố</translation>
    </message>
    <message>
        <source>Type to search, e.g. dak lak</source>
        <translation>Gõ để tìm, ví dụ: dak lak</translation>
    </message>
    <message>
        <source>Provinces and cities</source>
        <translation>Danh sách tỉnh/thành phố</translation>
    </message>
    <message>
        <source>&amp;Commune, ward or special zone</source>
        <translation>&amp;Xã/phường/đặc khu</translation>
    </message>
    <message>
        <source>Type to search, e.g. dong hoa</source>
        <translation>Gõ để tìm, ví dụ: dong hoa</translation>
    </message>
    <message>
        <source>Communes and wards</source>
        <translation>Danh sách xã/phường</translation>
    </message>
    <message>
        <source>Where is the facility?</source>
        <translation>Cơ sở đặt tại đâu?</translation>
    </message>
    <message>
        <source>Choose the province, then the commune or ward where the facility stands. Typing part of a name is enough, with or without diacritics.</source>
        <translation>Chọn tỉnh/thành phố, rồi chọn xã/phường nơi cơ sở đặt trụ sở. Chỉ cần gõ một phần tên, có dấu hay không dấu đều được.</translation>
    </message>
    <message>
        <source>Which commune or ward?</source>
        <translation>Xã/phường nào?</translation>
    </message>
    <message>
        <source>Choose the province, then your commune or ward (the units since 1 July 2025). Typing part of a name is enough, with or without diacritics; a commune can also be searched in the whole country.</source>
        <translation>Chọn tỉnh/thành phố, rồi chọn xã/phường của mình (theo đơn vị hành chính từ 01/7/2025). Chỉ cần gõ một phần tên, có dấu hay không dấu đều được; cũng có thể tìm xã/phường trong cả nước.</translation>
    </message>
    <message>
        <source>Chosen: {place}</source>
        <translation>Đã chọn: {place}</translation>
    </message>
    <message>
        <source>Nothing chosen yet: pick a province, or search for the commune.</source>
        <translation>Chưa chọn: hãy chọn tỉnh/thành phố, hoặc gõ tên xã/phường để tìm.</translation>
    </message>
    <message>
        <source>Now pick the commune or ward in the list on the right.</source>
        <translation>Bây giờ hãy chọn xã/phường trong danh sách bên phải.</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Connect to the sync server (optional)</source>
        <translation>Kết nối máy chủ đồng bộ (không bắt buộc)</translation>
    </message>
    <message>
        <source>If the province gave you a server address and an account, enter them to send this PC&apos;s data to the province. Without a network, or without an account yet, press “Later”: the program works fully on this PC, and the server can be set up any time on the Sync screen.</source>
        <translation>Nếu tỉnh đã cấp địa chỉ máy chủ và tài khoản, hãy nhập vào đây để gửi dữ liệu của máy này lên tỉnh. Nếu chưa có mạng hoặc chưa có tài khoản, hãy bấm “Để sau”: phần mềm vẫn làm việc đầy đủ trên máy này, và có thể kết nối máy chủ bất cứ lúc nào ở màn hình Đồng bộ.</translation>
    </message>
    <message>
        <source>Check the connection</source>
        <translation>Kiểm tra kết nối</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <source>User name on the server</source>
        <translation>Tên đăng nhập máy chủ</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>The password is not stored: the server gives a sign-in key, kept in Windows&apos; credential store.</source>
        <translation>Mật khẩu không được lưu trên máy này: máy chủ cấp một khóa đăng nhập, được cất trong kho mật khẩu của Windows.</translation>
    </message>
</context>
</TS>
