# Build the Windows installer of Kurator: a venv with the build extra, the icons, the PyInstaller bundle,
# then Inno Setup 6 with the version from pyproject.toml. Result: dist\kurator-<version>-setup.exe
# Usage, from any folder:  powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

function Invoke-Step([string]$Program, [string[]]$Arguments) {
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "Команда завершилась с ошибкой ($LASTEXITCODE): $Program $Arguments" }
}

function Find-Iscc {
    $command = Get-Command iscc.exe -ErrorAction SilentlyContinue
    if ($command) { return $command.Source }
    $candidates = @(
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe"),
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe")
    )
    foreach ($path in $candidates) { if (Test-Path $path) { return $path } }
    throw "Не найден Inno Setup 6 (ISCC.exe): winget install -e --id JRSoftware.InnoSetup"
}

$venv = Join-Path $root ".venv-build"
if (-not (Test-Path (Join-Path $venv "Scripts\python.exe"))) { Invoke-Step "py" @("-3.11", "-m", "venv", $venv) }
$python = Join-Path $venv "Scripts\python.exe"

Invoke-Step $python @("-m", "pip", "install", "--upgrade", "pip")
Invoke-Step $python @("-m", "pip", "install", ".[build]")
Invoke-Step $python @("installer\make_icons.py")
Invoke-Step $python @("-m", "PyInstaller", "installer\kurator.spec", "--noconfirm", "--clean",
                      "--distpath", "dist", "--workpath", "build")
$version = (& $python "installer\version.py").Trim()
Invoke-Step (Find-Iscc) @("/DAppVersion=$version", "/DBundleDir=$root\dist\kurator", "/DOutputDir=$root\dist",
                          "installer\windows\kurator.iss")
Write-Host "Готово: dist\kurator-$version-setup.exe"
