# Windows installers with jpackage: app image, msi and exe (per-user, Start menu entry, desktop shortcut).
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 [app-image|msi|exe|all]
# Run on Windows 10/11 with a JDK 17+ (JAVA_HOME or jpackage on PATH), Maven, and for msi/exe the
# WiX Toolset 3.x (candle.exe, light.exe on PATH; jpackage 17 does not take WiX 4+).
# Output: target\installer\out\ (PlantWatch\ app image, PlantWatch-<version>.msi/.exe).
# Does what installers/common.sh does on Linux and macOS: the same exclusions (installers/exclude.txt),
# natives for other platforms dropped, JavaFX jars on the module path, the options of installers/jpackage.args.
param([ValidateSet('app-image', 'msi', 'exe', 'all')][string]$What = 'all')
$ErrorActionPreference = 'Stop'

$Root = (Resolve-Path "$PSScriptRoot\..\..").Path
$Work = Join-Path $Root 'target\installer'
$Jpackage = if ($env:JAVA_HOME -and (Test-Path "$env:JAVA_HOME\bin\jpackage.exe")) { "$env:JAVA_HOME\bin\jpackage.exe" } `
            else { (Get-Command jpackage -ErrorAction Stop).Source }
$Java = Join-Path (Split-Path $Jpackage) 'java.exe'
$Pom = [xml](Get-Content "$Root\pom.xml")
$Version = ($Pom.project.version -replace '-.*$', '')   # 0.1.0-SNAPSHOT -> 0.1.0
$Arch = if ($env:PROCESSOR_ARCHITECTURE -eq 'ARM64') { 'aarch_64' } else { 'x86_64' }

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

# mvn package (tests skipped) when the jar is missing or older than a source
$Jar = Join-Path $Root 'target\plantwatch.jar'
$Stale = -not (Test-Path $Jar) -or -not (Test-Path "$Root\target\libs") -or
    (Get-ChildItem "$Root\src\main", "$Root\pom.xml" -Recurse -File | Where-Object { $_.LastWriteTime -gt (Get-Item $Jar).LastWriteTime })
if ($Stale) {
    Push-Location $Root
    try { Invoke-Checked 'mvn' @('-B', '-q', '-DskipTests', 'package') } finally { Pop-Location }
}

# stage: target\installer\input (class path + sample-data), target\installer\jfx (JavaFX, module path)
Remove-Item -Recurse -Force "$Work\input", "$Work\jfx", "$Work\out\PlantWatch" -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$Work\input\sample-data", "$Work\jfx", "$Work\out" | Out-Null
$Globs = Get-Content "$Root\installers\exclude.txt" | ForEach-Object { ($_ -replace '#.*$', '').Trim() } | Where-Object { $_ }
$Kept = 0; $Skipped = 0
foreach ($j in Get-ChildItem "$Root\target\libs\*.jar") {
    $n = $j.Name
    if ($n -match '^javafx-.*-[0-9.]+\.jar$') { continue }                       # empty placeholder jars
    if ($n -match '^javafx-.*-[0-9.]+-(linux|mac|win)(-aarch64)?\.jar$') { Copy-Item $j.FullName "$Work\jfx"; continue }
    if ($n -match '-(linux|osx|windows)-(x86_64|aarch_64|riscv64|ppcle_64|s390_64|loongarch_64)\.jar$' -and
        "$($Matches[1])-$($Matches[2])" -ne "windows-$Arch") { $Skipped++; continue }
    if ($Globs | Where-Object { $n -like $_ }) { $Skipped++; continue }
    Copy-Item $j.FullName "$Work\input"; $Kept++
}
Copy-Item $Jar "$Work\input"
Get-ChildItem "$Root\sample-data" -File | Copy-Item -Destination "$Work\input\sample-data"
Write-Host "installers: staged $Kept jars (+ plantwatch.jar), left out $Skipped"
$RepackArgs = @("$Root\installers\RepackJars.java", "$Work\input", 'windows', $Arch)
if ($env:STORE_JARS) { $RepackArgs += '--store' }
Invoke-Checked $Java $RepackArgs

$Common = @('--app-version', $Version, "@$Root\installers\jpackage.args")
Invoke-Checked $Jpackage (@('--type', 'app-image', '--dest', "$Work\out", '--input', "$Work\input",
    '--module-path', "$Work\jfx", '--icon', "$Root\installers\icons\PlantWatch.ico",
    '--add-launcher', "PlantWatchCli=$Root\installers\windows\cli-launcher.properties") + $Common)
$Image = "$Work\out\PlantWatch"
Write-Host "app-image: $Image"

foreach ($type in @('msi', 'exe')) {
    if ($What -ne $type -and $What -ne 'all') { continue }
    Remove-Item "$Work\out\*.$type" -ErrorAction SilentlyContinue
    # a fixed upgrade code, so that a newer version replaces an installed one
    Invoke-Checked $Jpackage @('--type', $type, '--dest', "$Work\out", '--app-image', $Image,
        '--name', 'PlantWatch', '--app-version', $Version, '--vendor', 'PlantWatch',
        '--description', 'Operator console for plant telemetry',
        '--win-menu', '--win-menu-group', 'PlantWatch', '--win-shortcut', '--win-per-user-install',
        '--win-dir-chooser', '--win-upgrade-uuid', '7f3c1e52-4a8e-4f59-9a8e-2f1f6b0c5d11')
    Get-ChildItem "$Work\out\*.$type" | ForEach-Object { Write-Host "${type}: $($_.FullName) ($([math]::Round($_.Length / 1MB)) MB)" }
}
