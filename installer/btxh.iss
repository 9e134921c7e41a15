; BTXH Desktop — Windows installer (Inno Setup 6.3 or later).
;
; On Windows, from the repository root, after the PyInstaller build:
;     pyinstaller --noconfirm installer\btxh.spec      -> dist\btxh\, dist\btxh-version.iss
;     iscc installer\btxh.iss                          -> dist\installer\BTXH-Desktop-<version>-setup.exe
; (docs/installer.md has the whole procedure, code signing included.)
;
; NOT VERIFIED: this script was written and reviewed on Linux, where Inno Setup cannot run. It
; has not been compiled or run yet; the first Windows build must check it (docs/installer.md
; lists what to try).
;
; - Per-machine install (administrator rights) into Program Files\BTXH Desktop.
; - Start-menu shortcut; desktop shortcut (a task the user may untick).
; - Vietnamese texts: Inno Setup ships no Vietnamese.isl, so the messages a user can see are
;   translated below on top of the English defaults. A complete translation (the unofficial
;   Vietnamese.isl from jrsoftware.org) placed next to this script is used as the base.
; - Uninstalling removes the program files only. The data (database, backups, logs,
;   attachments) live in each user's AppData\Local\BTXH\BTXH Desktop (platformdirs), outside
;   the program folder, and are never deleted; the uninstall messages say so.
; - The version comes from pyproject.toml: installer/btxh.spec writes dist\btxh-version.iss.
;   `iscc /DAppVersion=1.2.3 ...` overrides it, `/DDistDir=...` points at another dist folder.
;
; This file is UTF-8 with a byte-order mark, so that every editor and compiler reads the Vietnamese.

#if VER < EncodeVer(6,3,0)
  #error Inno Setup 6.3 or later is required (ArchitecturesAllowed=x64compatible)
#endif

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\dist"
#endif
#ifndef AppVersion
  #include DistDir + "\btxh-version.iss"
#endif
#define AppName "BTXH Desktop"
#define AppPublisher "BTXH"
#define AppExe "btxh-desktop.exe"

[Setup]
; The AppId identifies the program for upgrades and uninstall: never change it.
AppId={{F4288A5A-5C6F-4ACA-BE4D-261CEC1F04C4}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later.
MinVersion=10.0
OutputDir={#DistDir}\installer
OutputBaseFilename=BTXH-Desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes
SetupLogging=yes

[Languages]
#if FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"
#else
Name: "vi"; MessagesFile: "compiler:Default.isl"
#endif

[LangOptions]
LanguageName=Tiếng Việt
LanguageID=$042A
LanguageCodePage=0

[Messages]
; Only message names that exist in every Inno Setup 6 release are used here.
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt - %1
UninstallAppTitle=Gỡ cài đặt
UninstallAppFullTitle=Gỡ cài đặt %1
InformationTitle=Thông tin
ConfirmTitle=Xác nhận
ErrorTitle=Lỗi
SetupLdrStartupMessage=Chương trình sẽ cài đặt %1. Bạn có muốn tiếp tục?
LdrCannotCreateTemp=Không tạo được tệp tạm. Đã dừng cài đặt
LdrCannotExecTemp=Không chạy được tệp trong thư mục tạm. Đã dừng cài đặt
LastErrorMessage=%1.%n%nLỗi %2: %3
SetupFileMissing=Thiếu tệp %1 trong thư mục cài đặt. Hãy khắc phục sự cố hoặc lấy một bản sao mới của chương trình.
SetupFileCorrupt=Các tệp cài đặt bị hỏng. Hãy lấy một bản sao mới của chương trình.
SetupFileCorruptOrWrongVer=Các tệp cài đặt bị hỏng hoặc không hợp với phiên bản trình cài đặt này. Hãy khắc phục sự cố hoặc lấy một bản sao mới của chương trình.
InvalidParameter=Tham số dòng lệnh không hợp lệ:%n%n%1
SetupAlreadyRunning=Trình cài đặt đang chạy.
WindowsVersionNotSupported=Chương trình không hỗ trợ phiên bản Windows của máy tính này.
OnlyOnTheseArchitectures=Chương trình chỉ cài được trên các phiên bản Windows dành cho bộ xử lý sau:%n%n%1
WinVersionTooLowError=Chương trình cần %1 phiên bản %2 trở lên.
WinVersionTooHighError=Chương trình không cài được trên %1 phiên bản %2 trở lên.
AdminPrivilegesRequired=Cần đăng nhập bằng tài khoản quản trị (Administrator) để cài đặt chương trình này.
SetupAppRunningError=Trình cài đặt thấy %1 đang chạy.%n%nHãy đóng chương trình, rồi bấm OK để tiếp tục, hoặc Hủy để thoát.
UninstallAppRunningError=Trình gỡ cài đặt thấy %1 đang chạy.%n%nHãy đóng chương trình, rồi bấm OK để tiếp tục, hoặc Hủy để thoát.
ErrorCreatingDir=Trình cài đặt không tạo được thư mục "%1"
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Việc cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nBạn có thể chạy lại trình cài đặt vào lúc khác để cài tiếp.%n%nThoát cài đặt?
AboutSetupMenuItem=&Giới thiệu trình cài đặt...
AboutSetupTitle=Giới thiệu trình cài đặt
AboutSetupMessage=%1 phiên bản %2%n%3%n%nTrang chủ của %1:%n%4
ButtonBack=< &Quay lại
ButtonNext=&Tiếp >
ButtonInstall=&Cài đặt
ButtonOK=OK
ButtonCancel=Hủy
ButtonYes=&Có
ButtonYesToAll=Có với &tất cả
ButtonNo=&Không
ButtonNoToAll=K&hông với tất cả
ButtonFinish=&Xong
ButtonBrowse=&Chọn...
ButtonWizardBrowse=C&họn...
ButtonNewFolder=&Tạo thư mục mới
SelectLanguageTitle=Chọn ngôn ngữ cài đặt
ClickNext=Bấm Tiếp để tiếp tục, hoặc Hủy để thoát cài đặt.
BrowseDialogTitle=Chọn thư mục
BrowseDialogLabel=Chọn một thư mục trong danh sách dưới đây, rồi bấm OK.
NewFolderName=Thư mục mới
WelcomeLabel1=Chào mừng bạn đến với trình cài đặt [name]
WelcomeLabel2=Trình cài đặt sẽ cài [name/ver] vào máy tính của bạn.%n%nNên đóng các ứng dụng khác trước khi tiếp tục.
WizardSelectDir=Chọn thư mục cài đặt
SelectDirDesc=Cài [name] vào đâu?
SelectDirLabel3=Trình cài đặt sẽ cài [name] vào thư mục sau.
SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn.
DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng đĩa trống.
CannotInstallToNetworkDrive=Không cài được vào ổ đĩa mạng.
CannotInstallToUNCPath=Không cài được vào đường dẫn UNC.
InvalidPath=Hãy nhập đường dẫn đầy đủ có tên ổ đĩa, ví dụ:%n%nC:\APP%n%nhoặc đường dẫn UNC dạng:%n%n\\server\share
InvalidDrive=Ổ đĩa hoặc thư mục chia sẻ bạn chọn không có hoặc không truy cập được. Hãy chọn nơi khác.
DiskSpaceWarningTitle=Không đủ dung lượng đĩa
DiskSpaceWarning=Cần ít nhất %1 KB dung lượng trống để cài đặt, nhưng ổ đĩa đã chọn chỉ còn %2 KB.%n%nBạn vẫn muốn tiếp tục?
DirNameTooLong=Tên thư mục hoặc đường dẫn quá dài.
InvalidDirName=Tên thư mục không hợp lệ.
BadDirName32=Tên thư mục không được chứa các ký tự sau:%n%n%1
DirExistsTitle=Thư mục đã có
DirExists=Thư mục:%n%n%1%n%nđã có. Bạn vẫn muốn cài vào thư mục này?
DirDoesntExistTitle=Thư mục chưa có
DirDoesntExist=Thư mục:%n%n%1%n%nchưa có. Bạn có muốn tạo thư mục này?
WizardSelectTasks=Chọn tác vụ bổ sung
SelectTasksDesc=Trình cài đặt làm thêm những việc nào?
SelectTasksLabel2=Chọn những việc trình cài đặt làm thêm khi cài [name], rồi bấm Tiếp.
WizardSelectProgramGroup=Chọn thư mục trong menu Start
SelectStartMenuFolderDesc=Đặt lối tắt của chương trình ở đâu?
SelectStartMenuFolderLabel3=Trình cài đặt sẽ tạo lối tắt của chương trình trong thư mục sau của menu Start.
SelectStartMenuFolderBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn.
MustEnterGroupName=Hãy nhập tên thư mục.
NoProgramGroupCheck2=&Không tạo thư mục trong menu Start
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Trình cài đặt đã sẵn sàng cài [name] vào máy tính của bạn.
ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại nếu muốn xem lại hay thay đổi lựa chọn.
ReadyLabel2b=Bấm Cài đặt để bắt đầu.
ReadyMemoDir=Thư mục cài đặt:
ReadyMemoGroup=Thư mục trong menu Start:
ReadyMemoTasks=Tác vụ bổ sung:
WizardPreparing=Chuẩn bị cài đặt
PreparingDesc=Trình cài đặt đang chuẩn bị cài [name] vào máy tính của bạn.
PreviousInstallNotCompleted=Việc cài hoặc gỡ một chương trình trước đó chưa xong. Cần khởi động lại máy tính để hoàn tất việc đó.%n%nSau khi khởi động lại, hãy chạy lại trình cài đặt để cài [name].
CannotContinue=Không thể tiếp tục cài đặt. Bấm Hủy để thoát.
ApplicationsFound=Các ứng dụng sau đang dùng những tệp cần cập nhật. Nên để trình cài đặt tự đóng các ứng dụng này.
ApplicationsFound2=Các ứng dụng sau đang dùng những tệp cần cập nhật. Nên để trình cài đặt tự đóng các ứng dụng này. Cài xong, trình cài đặt sẽ thử mở lại chúng.
CloseApplications=&Tự động đóng các ứng dụng
DontCloseApplications=&Không đóng các ứng dụng
ErrorCloseApplications=Trình cài đặt không tự đóng được mọi ứng dụng. Trước khi tiếp tục, hãy đóng các ứng dụng đang dùng những tệp cần cập nhật.
WizardInstalling=Đang cài đặt
InstallingLabel=Vui lòng chờ trong khi trình cài đặt cài [name] vào máy tính của bạn.
FinishedHeadingLabel=Đã cài đặt xong [name]
FinishedLabelNoIcons=Trình cài đặt đã cài xong [name] vào máy tính của bạn.
FinishedLabel=Trình cài đặt đã cài xong [name] vào máy tính của bạn. Có thể mở chương trình bằng các lối tắt vừa tạo.
ClickFinish=Bấm Xong để thoát trình cài đặt.
FinishedRestartLabel=Để hoàn tất cài đặt [name], cần khởi động lại máy tính. Khởi động lại ngay bây giờ?
FinishedRestartMessage=Để hoàn tất cài đặt [name], cần khởi động lại máy tính.%n%nKhởi động lại ngay bây giờ?
ShowReadmeCheck=Có, tôi muốn xem tệp README
YesRadio=&Có, khởi động lại máy ngay
NoRadio=&Không, tôi sẽ khởi động lại sau
RunEntryExec=Mở %1
RunEntryShellExec=Xem %1
SetupAborted=Cài đặt chưa xong.%n%nHãy khắc phục sự cố rồi chạy lại trình cài đặt.
StatusClosingApplications=Đang đóng các ứng dụng...
StatusCreateDirs=Đang tạo thư mục...
StatusExtractFiles=Đang chép tệp...
StatusCreateIcons=Đang tạo lối tắt...
StatusCreateIniEntries=Đang ghi tệp INI...
StatusCreateRegistryEntries=Đang ghi registry...
StatusRegisterFiles=Đang đăng ký tệp...
StatusSavingUninstall=Đang lưu thông tin gỡ cài đặt...
StatusRunProgram=Đang hoàn tất cài đặt...
StatusRestartingApplications=Đang mở lại các ứng dụng...
StatusRollback=Đang hoàn tác các thay đổi...
ErrorInternal2=Lỗi nội bộ: %1
ErrorFunctionFailedNoCode=%1 không thành công
ErrorFunctionFailed=%1 không thành công; mã %2
ErrorFunctionFailedWithMessage=%1 không thành công; mã %2.%n%3
ErrorExecutingProgram=Không chạy được tệp:%n%1
SourceIsCorrupted=Tệp nguồn bị hỏng
SourceDoesntExist=Không có tệp nguồn "%1"
ErrorReadingExistingDest=Có lỗi khi đọc tệp đang có:
ErrorChangingAttr=Có lỗi khi đổi thuộc tính của tệp đang có:
ErrorCreatingTemp=Có lỗi khi tạo tệp trong thư mục cài đặt:
ErrorReadingSource=Có lỗi khi đọc tệp nguồn:
ErrorCopying=Có lỗi khi chép tệp:
ErrorReplacingExistingFile=Có lỗi khi thay tệp đang có:
ErrorRenamingTemp=Có lỗi khi đổi tên tệp trong thư mục cài đặt:
ErrorRestartingComputer=Trình cài đặt không khởi động lại được máy tính. Hãy tự khởi động lại.
UninstallNotFound=Không có tệp "%1". Không gỡ cài đặt được.
UninstallOpenError=Không mở được tệp "%1". Không gỡ cài đặt được
UninstallUnsupportedVer=Trình gỡ cài đặt này không đọc được tệp nhật ký gỡ cài đặt "%1". Không gỡ cài đặt được
UninstallUnknownEntry=Nhật ký gỡ cài đặt có một mục lạ (%1)
ConfirmUninstall=Gỡ %1 khỏi máy tính này?%n%nChỉ các tệp chương trình bị xóa. Dữ liệu (cơ sở dữ liệu, bản sao lưu, nhật ký, tệp đính kèm) nằm trong thư mục dữ liệu của từng người dùng, mặc định là AppData\Local\BTXH\BTXH Desktop, và được GIỮ NGUYÊN.
UninstallOnlyOnWin64=Chỉ gỡ được bản cài đặt này trên Windows 64-bit.
OnlyAdminCanUninstall=Chỉ người dùng có quyền quản trị mới gỡ được bản cài đặt này.
UninstallStatusLabel=Vui lòng chờ trong khi gỡ %1 khỏi máy tính của bạn.
UninstalledAll=Đã gỡ %1 khỏi máy tính của bạn.%n%nDữ liệu vẫn còn trong thư mục AppData\Local\BTXH\BTXH Desktop của từng người dùng; cài lại chương trình sẽ dùng tiếp dữ liệu đó. Muốn xóa hẳn, hãy tự xóa thư mục này (sau khi đã sao lưu).
UninstalledMost=Đã gỡ %1.%n%nMột số mục không xóa được; bạn có thể tự xóa chúng.
UninstalledAndNeedsRestart=Để gỡ xong %1, cần khởi động lại máy tính.%n%nKhởi động lại ngay bây giờ?
UninstallDataCorrupted=Tệp "%1" bị hỏng. Không gỡ cài đặt được
WizardUninstalling=Tình trạng gỡ cài đặt
StatusUninstalling=Đang gỡ %1...
ShutdownBlockReasonInstallingApp=Đang cài đặt %1.
ShutdownBlockReasonUninstallingApp=Đang gỡ %1.

[CustomMessages]
NameAndVersion=%1 phiên bản %2
AdditionalIcons=Lối tắt khác:
CreateDesktopIcon=Tạo lối tắt trên &màn hình nền (Desktop)
UninstallProgram=Gỡ cài đặt %1
LaunchProgram=Mở %1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole library folder, so no file of an older version lingers (an old
; migration script left in _internal\migrations\versions would confuse alembic). Data are not here.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\btxh\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; Started as the user who ran the installer, not as the administrator: the data folder is per user.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
; Only inside the program folder. The data folder (AppData\Local\BTXH\BTXH Desktop) is never
; listed here, so it survives an uninstall.
Type: filesandordirs; Name: "{app}\_internal"
