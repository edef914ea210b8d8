; ogi-review Windows installer: per-user install, no admin rights.
; Start-menu and desktop shortcuts, an uninstaller, and the .ogiproj file association,
; all under HKCU. Build (on Windows CI or with makensis on Linux):
;   makensis -DVERSION=0.1.0 -DPAYLOAD_DIR=dist\ogi-review -DOUTFILE=dist\ogi-review-setup.exe packaging\windows\installer.nsi
Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef PAYLOAD_DIR
  !define PAYLOAD_DIR "..\..\dist\ogi-review"
!endif
!ifndef OUTFILE
  !define OUTFILE "ogi-review-${VERSION}-setup.exe"
!endif
!define APPNAME "ogi-review"
!define APPNAME_ZH "政府信息公开年报审核"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"
!define PROGID "ogi-review.Project"

Name "${APPNAME_ZH}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "Software\${APPNAME}" "InstallDir"
BrandingText "${APPNAME_ZH} ${VERSION}"

!include "MUI2.nsh"
!define MUI_ICON "..\icons\ogi-review.ico"
!define MUI_UNICON "..\icons\ogi-review.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\ogi-review.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString DESKTOP_SHORTCUT ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString DESKTOP_SHORTCUT ${LANG_ENGLISH} "Desktop shortcut"
LangString PROJECT_FILE ${LANG_SIMPCHINESE} "年报审核项目"
LangString PROJECT_FILE ${LANG_ENGLISH} "ogi-review project"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APPNAME_ZH}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APPNAME_ZH} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "MIT License"

Section "!${APPNAME_ZH}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APPNAME_ZH}"
  CreateShortcut "$SMPROGRAMS\${APPNAME_ZH}\${APPNAME_ZH}.lnk" "$INSTDIR\ogi-review.exe"
  CreateShortcut "$SMPROGRAMS\${APPNAME_ZH}\卸载.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "Software\${APPNAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APPNAME_ZH}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "ogi-review"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\ogi-review.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1

  ; .ogiproj → ogi-review (per user)
  WriteRegStr HKCU "Software\Classes\.ogiproj" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(PROJECT_FILE)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\ogi-review.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\ogi-review.exe" gui "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "$(DESKTOP_SHORTCUT)" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APPNAME_ZH}.lnk" "$INSTDIR\ogi-review.exe"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\${APPNAME_ZH}.lnk"
  RMDir /r "$SMPROGRAMS\${APPNAME_ZH}"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\${APPNAME}"
  ReadRegStr $0 HKCU "Software\Classes\.ogiproj" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.ogiproj"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
