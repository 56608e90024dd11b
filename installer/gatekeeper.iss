; Inno Setup 6 script: the Windows installer of gatekeeper (UTF-8 with a BOM: it has Chinese).
;
; On a Windows build machine, from the repository's root:
;   py -3.11 -m venv .venv && .venv\Scripts\pip install -e ".[bundle]"
;   .venv\Scripts\pyinstaller --noconfirm --clean --distpath dist --workpath build installer\gatekeeper.spec
;   iscc /DAppVersion=0.1.0 installer\gatekeeper.iss
; makes dist\installer\gatekeeper-setup-0.1.0.exe from the bundle dist\gatekeeper\.
;
; It installs the bundle in Program Files (or, when the person installing is not an
; administrator and chooses so, for that user only), adds Start menu shortcuts for the
; application, the gate kiosk and the officer console, optionally a desktop shortcut and a
; shortcut that starts the kiosk full screen at login, and runs `gatekeeper.exe --self-test`
; at the end. Shortcuts start gatekeeperw.exe (no console window); gatekeeper.exe is the
; command line. Each user's data stays in their own data folder (%LOCALAPPDATA%\gatekeeper);
; uninstalling keeps it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "gatekeeper"
#define Bundle "..\dist\gatekeeper"
; Inno Setup 6.3 and later ship the Simplified Chinese messages; older ones may not.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define HaveChinese
#endif

[Setup]
AppId={{6E0C2B7A-3F4D-4C57-9A61-2D8B5E7F4A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=gatekeeper
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=gatekeeper-setup-{#AppVersion}
SetupIconFile=gatekeeper.ico
UninstallDisplayIcon={app}\gatekeeper.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#ifdef HaveChinese
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
en.KioskShortcut=gatekeeper kiosk
en.ConsoleShortcut=gatekeeper officer console
en.StartGroup=Starting the kiosk:
en.KioskAtLogin=Start the kiosk full screen when a user logs in (for the gate PC)
en.SelfTestRunning=Checking that gatekeeper works on this computer...
en.SelfTestFailed=gatekeeper is installed, but its self-test failed on this computer. Open a command prompt and run%n%n"%1" --self-test%n%nto see which check failed.
#ifdef HaveChinese
zh_CN.KioskShortcut=gatekeeper 门岗终端
zh_CN.ConsoleShortcut=gatekeeper 安全员控制台
zh_CN.StartGroup=启动门岗终端：
zh_CN.KioskAtLogin=用户登录时全屏启动门岗终端（门岗电脑）
zh_CN.SelfTestRunning=正在检查 gatekeeper 能否在本机运行……
zh_CN.SelfTestFailed=gatekeeper 已安装，但在本机的自检未通过。请打开命令提示符并运行%n%n"%1" --self-test%n%n查看未通过的检查项。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "kioskatlogin"; Description: "{cm:KioskAtLogin}"; GroupDescription: "{cm:StartGroup}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Excludes: ".built"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older version that the new one no longer has.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\gatekeeperw.exe"
Name: "{autoprograms}\{cm:KioskShortcut}"; Filename: "{app}\gatekeeperw.exe"; Parameters: "kiosk --fullscreen"
Name: "{autoprograms}\{cm:ConsoleShortcut}"; Filename: "{app}\gatekeeperw.exe"; Parameters: "console"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\gatekeeperw.exe"; Tasks: desktopicon
; The kiosk at login: in the Startup folder of all users (or of this user, for a per-user
; install). Add the kiosk's options to Parameters (--camera, --thermometer, --unattended).
Name: "{autostartup}\{cm:KioskShortcut}"; Filename: "{app}\gatekeeperw.exe"; Parameters: "kiosk --fullscreen"; Tasks: kioskatlogin

[Run]
Filename: "{app}\gatekeeperw.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The self-test (database, badge, kiosk rendered offscreen, fonts) after installing: a
  machine that cannot run gatekeeper is told so now, not at the gate. }
procedure CurStepChanged(CurStep: TSetupStep);
var
  Exe: String;
  ResultCode: Integer;
begin
  if CurStep <> ssPostInstall then
    Exit;
  Exe := ExpandConstant('{app}\gatekeeper.exe');
  WizardForm.StatusLabel.Caption := CustomMessage('SelfTestRunning');
  if not Exec(Exe, '--self-test', '', SW_HIDE, ewWaitUntilTerminated, ResultCode) then
    ResultCode := -1;
  if (ResultCode <> 0) and not WizardSilent then
    MsgBox(FmtMessage(CustomMessage('SelfTestFailed'), [Exe]), mbError, MB_OK);
  if ResultCode <> 0 then
    Log(Format('gatekeeper --self-test exited with %d', [ResultCode]));
end;
