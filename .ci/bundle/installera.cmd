@echo off
rem Installerar sipmote @VERSION@ utan natverk (Windows 10/11, x64), for Python @PYTHON@.
rem
rem   installera.cmd [MAPP]
rem
rem MAPP: var programmet hamnar (standard: %LOCALAPPDATA%\sipmote-program). Dina planer
rem ligger inte dar utan i sipmotes datamapp; en ny installation ror dem inte.
rem Inga administratorsrattigheter behovs. SIPMOTE_NO_SHORTCUT=1: ingen genvag,
rem SIPMOTE_NO_PAUSE=1: vanta inte pa en tangent pa slutet.
setlocal EnableExtensions
for /f "tokens=2 delims=:." %%c in ('chcp') do set "OLDCP=%%c"
chcp 65001 >nul

set "WANT=@PYTHON@"
set "HERE=%~dp0"
set "WHEELS=%HERE%wheels"
if "%~1"=="" (set "DIR=%LOCALAPPDATA%\sipmote-program") else (set "DIR=%~f1")
set "VENV=%DIR%\venv"
set "BIN=%DIR%\bin"

rem The wheels in this folder are built for Python @PYTHON@ only.
rem The py launcher (python.org installer) finds every installed version; then "python".
set "PY="
py -%WANT% -c "import sys" >nul 2>&1 && set "PY=py -%WANT%"
if not defined PY python -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '%WANT%'.split('.'))))" >nul 2>&1 && set "PY=python"
if not defined PY (
  echo sipmote: Python %WANT% hittades inte. Paketet är byggt för Python %WANT%: installera den
  echo från python.org ^(kryssa i "Add python.exe to PATH"^) eller hämta paketet för den Python du har.
  goto :fail
)

echo Installerar sipmote i "%DIR%" ...
if exist "%VENV%.new" rmdir /s /q "%VENV%.new"
%PY% -m venv "%VENV%.new"
if errorlevel 1 (echo sipmote: kunde inte skapa en virtuell miljö med %PY%. & goto :fail)
"%VENV%.new\Scripts\python.exe" -m pip install --quiet --no-index --find-links "%WHEELS%" --disable-pip-version-check sipmote
if errorlevel 1 (echo sipmote: installationen misslyckades; ingenting är ändrat. & goto :fail)
"%VENV%.new\Scripts\python.exe" -m sipmote --help >nul
if errorlevel 1 (echo sipmote: sipmote startar inte efter installationen; ingenting är ändrat. & goto :fail)
if exist "%VENV%" rmdir /s /q "%VENV%"
move "%VENV%.new" "%VENV%" >nul
if errorlevel 1 (echo sipmote: kunde inte flytta på plats "%VENV%" - är sipmote öppet? & goto :fail)
rem the venv's own sipmote.exe names the temporary folder: everything below runs
rem "python.exe -m sipmote" instead, which works wherever the venv is

rem "sipmote" in any new terminal: a small launcher in BIN (ASCII only, so any code page
rem reads it), BIN added to the user's own PATH (no administrator needed)
if not exist "%BIN%" mkdir "%BIN%"
> "%BIN%\sipmote.cmd" echo @"%%~dp0..\venv\Scripts\python.exe" -m sipmote %%*
powershell -NoProfile -ExecutionPolicy Bypass -Command "$p=[Environment]::GetEnvironmentVariable('Path','User'); if(-not $p){$p=''}; if(($p -split ';') -notcontains $env:BIN){[Environment]::SetEnvironmentVariable('Path', (($p.TrimEnd(';') + ';' + $env:BIN).TrimStart(';')), 'User')}"
if errorlevel 1 echo Obs: kunde inte lägga till "%BIN%" i PATH; starta med "%BIN%\sipmote.cmd".

if "%SIPMOTE_NO_SHORTCUT%"=="1" goto :done
rem Shortcuts on the desktop and in the Start menu; through Windows Terminal when it is there
set "EXE=%VENV%\Scripts\python.exe"
set "WT="
for /f "delims=" %%w in ('where wt.exe 2^>nul') do if not defined WT set "WT=%%w"
powershell -NoProfile -ExecutionPolicy Bypass -Command "$s=New-Object -ComObject WScript.Shell; foreach($d in @([Environment]::GetFolderPath('Desktop'), [Environment]::GetFolderPath('Programs'))){ if(-not $d){continue}; $l=$s.CreateShortcut((Join-Path $d 'sipmote.lnk')); if($env:WT){$l.TargetPath=$env:WT; $l.Arguments='\"' + $env:EXE + '\" -m sipmote'} else {$l.TargetPath=$env:EXE; $l.Arguments='-m sipmote'}; $l.WorkingDirectory=$env:USERPROFILE; $l.Description='sipmote: SIP-möten'; $l.Save() }"
if errorlevel 1 (echo Obs: genvägarna kunde inte skapas; starta med "%BIN%\sipmote.cmd".) else (echo Genväg "sipmote" på skrivbordet och i Start-menyn.)

:done
echo Klart. Öppna ett nytt terminalfönster och skriv:  sipmote demo
call :end
exit /b 0

:fail
call :end
exit /b 1

:end
if not "%SIPMOTE_NO_PAUSE%"=="1" pause
if defined OLDCP chcp %OLDCP% >nul
exit /b 0
