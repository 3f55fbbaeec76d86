@echo off
rem azs-runbook portable kit launcher: runs the bundled program with the Node.js runtime beside it.
rem Nothing is installed; state goes to %APPDATA%\azs-runbook\Config unless --state-dir is given.
"%~dp0node.exe" "%~dp0azs-runbook.mjs" %*
exit /b %ERRORLEVEL%
