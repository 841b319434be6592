; Inno Setup recipe for the Windows installer. A recipe only: not built or tested in CI.
;
; On Windows, from the repository root, with Python 3.11+ and Inno Setup 6 (iscc) installed:
;   py -m venv .venv
;   .venv\Scripts\python -m pip install -e ".[package]"
;   .venv\Scripts\python tools\make_icons.py build\icons
;   set JOB_TRACKER_ICONS=build\icons
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\job-tracker.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\job-tracker.iss
; The installer lands in dist\job-tracker-<version>-setup.exe. Installs per user by default (no
; admin rights needed); uninstalling removes the program and never the data in
; %LOCALAPPDATA%\job-tracker.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{8C3F2B1E-6C4A-4F0B-9E57-2D3A1B7C9F10}
AppName=Job Tracker
AppVersion={#AppVersion}
AppPublisher=Job Tracker team
DefaultDirName={autopf}\Job Tracker
DefaultGroupName=Job Tracker
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=job-tracker-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\job-tracker.ico
UninstallDisplayIcon={app}\job-tracker.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\job-tracker\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Job Tracker"; Filename: "{app}\job-tracker.exe"
Name: "{autodesktop}\Job Tracker"; Filename: "{app}\job-tracker.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\job-tracker.exe"; Description: "{cm:LaunchProgram,Job Tracker}"; Flags: nowait postinstall skipifsilent
