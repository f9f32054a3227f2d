@echo off
rem Double-click on Windows: set up once, then run the pipeline on inputs\master.xlsx
chcp 65001 >nul
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe (
  py -3 -m venv .venv || goto :fail
  .venv\Scripts\python -m pip install -q -e . || goto :fail
)
.venv\Scripts\python -m pipeline run inputs\master.xlsx --out outputs
pause
exit /b
:fail
echo ติดตั้งไม่สำเร็จ: ต้องมี Python 3.11 ขึ้นไป (https://www.python.org/downloads/)
pause
