@echo off
rem Double-click on Windows: set up once, then open the web page for staff in the browser
rem (http://127.0.0.1:8750/, this PC only). Close this window to stop it.
chcp 65001 >nul
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe (
  py -3 -m venv .venv || goto :fail
)
rem -- an older set-up may lack the web packages: install them once --
.venv\Scripts\python -c "import fastapi, uvicorn, python_multipart" 2>nul || (
  .venv\Scripts\python -m pip install -q -e . || goto :fail
)
.venv\Scripts\python -m pipeline serve --open
pause
exit /b
:fail
echo ติดตั้งไม่สำเร็จ: ต้องมี Python 3.11 ขึ้นไป (https://www.python.org/downloads/)
pause
