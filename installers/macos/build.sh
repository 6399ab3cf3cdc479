#!/usr/bin/env bash
# macOS installer with jpackage: PlantWatch.app and a dmg.
#   installers/macos/build.sh [app-image|dmg|all]     (default: all)
# Run on macOS with a JDK 17+ (JAVA_HOME or jpackage on PATH) and Maven; Xcode's command line tools
# are not needed for an unsigned dmg (hdiutil is part of macOS). Output: target/installer/out/.
# The app is not signed or notarized: Gatekeeper asks once (right-click > Open). To sign, add
# --mac-sign --mac-signing-key-user-name "Developer ID Application: ..." to the jpackage calls.
set -euo pipefail
source "$(dirname "$0")/../common.sh"

what="${1:-all}"
case "$what" in app-image|dmg|all) ;; *) echo "usage: $0 [app-image|dmg|all]" >&2; exit 2 ;; esac
arch="$(uname -m)"; case "$arch" in arm64|aarch64) arch=aarch_64 ;; esac

ensure_built
stage osx "$arch"
jpackage_app_image --icon "$ROOT/installers/icons/PlantWatch.icns" \
  --mac-package-name PlantWatch --mac-package-identifier io.plantwatch.console
image="$WORK/out/PlantWatch.app"
echo "app-image: $image ($(du -sm "$image" | cut -f1) MB)"

if [ "$what" != app-image ]; then
  rm -f "$WORK"/out/*.dmg
  "$JPACKAGE" --type dmg --dest "$WORK/out" --app-image "$image" \
    --name PlantWatch --app-version "$VERSION" --vendor PlantWatch \
    --mac-package-name PlantWatch --mac-package-identifier io.plantwatch.console
  echo "dmg: $(ls "$WORK"/out/*.dmg) ($(du -m "$WORK"/out/*.dmg | cut -f1) MB)"
fi
