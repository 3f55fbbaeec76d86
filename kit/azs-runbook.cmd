@echo off
rem azs-runbook portable kit launcher: runs the bundled program with the Node.js runtime beside it.
rem Nothing is installed; state goes to %APPDATA%\azs-runbook\Config unless --state-dir is given.
setlocal
rem Node's compile cache keeps V8's compiled code of the program between runs (the program is one
rem module: the cache has to be on before Node loads it). In the default state directory's cache\v8,
rem also when --state-dir puts the sessions elsewhere (it holds compiled code, no session data).
if not defined NODE_COMPILE_CACHE if defined APPDATA set "NODE_COMPILE_CACHE=%APPDATA%\azs-runbook\Config\cache\v8"
rem The program suggests commands that start this launcher, not node.exe (not on PATH where a kit runs).
set "AZS_RUNBOOK_LAUNCHER=%~f0"
"%~dp0node.exe" "%~dp0azs-runbook.mjs" %*
exit /b %ERRORLEVEL%
