; Inno Setup 6 script: the Russian-language installer of Kurator for Windows 10/11.
; Per-user install (no administrator rights), Start-menu and optional desktop shortcuts, .kpkt files open in Kurator.
; Build with installer\windows\build.ps1, or: iscc /DAppVersion=X.Y.Z kurator.iss (after PyInstaller made dist\kurator).
; Paths are relative to this file's folder. Saved as UTF-8 with BOM so that the Russian texts survive.

#ifndef AppVersion
  #error Укажите версию: iscc /DAppVersion=X.Y.Z kurator.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\kurator"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
AppId={{6F1C2B4E-9D3A-4C8B-A1E2-5B7D0C9E4F31}
AppName=Куратор
AppVersion={#AppVersion}
AppVerName=Куратор {#AppVersion}
AppPublisher=Kurator
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Kurator
DefaultGroupName=Куратор
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
SetupIconFile=..\..\resources\icons\kurator.ico
UninstallDisplayIcon={app}\Kurator.exe
UninstallDisplayName=Куратор
OutputDir={#OutputDir}
OutputBaseFilename=kurator-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\Kurator.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\kurator-cli.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the program's files wholesale, so no library of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Куратор"; Filename: "{app}\Kurator.exe"; WorkingDir: "{app}"; Comment: "Сопровождение школ ШНОР/ШНСУ"
Name: "{autodesktop}\Куратор"; Filename: "{app}\Kurator.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Software\Classes\.kpkt"; ValueType: string; ValueName: ""; ValueData: "Kurator.Packet"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\Kurator.Packet"; ValueType: string; ValueName: ""; ValueData: "Пакет данных Куратора"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Kurator.Packet\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Kurator.exe,0"
Root: HKCU; Subkey: "Software\Classes\Kurator.Packet\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Kurator.exe"" gui ""%1"""

[Run]
Filename: "{app}\Kurator.exe"; Description: "{cm:LaunchProgram,Куратор}"; Flags: nowait postinstall skipifsilent

[Code]
{ The user's data (database, backups, attached files) lives in %LOCALAPPDATA%\Kurator, apart from the program.
  Uninstalling keeps it unless the user explicitly agrees to delete it; the default answer is No. }
function UserDataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\Kurator');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(UserDataDir()) and not UninstallSilent() then
    if MsgBox('Удалить также базу данных и резервные копии?' + #13#10 + #13#10 + UserDataDir() + #13#10 + #13#10 +
              'Если вы собираетесь установить Куратор снова, ответьте «Нет».',
              mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DelTree(UserDataDir(), True, True, True);
end;
