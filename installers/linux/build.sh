#!/usr/bin/env bash
# Linux installers with jpackage: app-image, deb, and rpm when rpmbuild is installed.
#   installers/linux/build.sh [app-image|deb|rpm|all]     (default: all)
# Output: target/installer/out/ (PlantWatch/ app image, plantwatch_*.deb, plantwatch-*.rpm).
# Needs a JDK 17+ with jpackage and jmods (Debian: openjdk-17-jdk-headless); the deb needs
# dpkg-deb and fakeroot, the rpm rpmbuild. MVN_ARGS (e.g. -o) is passed to the Maven build.
# STORE_JARS=1 (the default here) stores the jars' entries uncompressed: the deb is 114 MB instead of
# 207 MB (xz compresses class files far better than deflate did), the installed size 633 MB instead
# of 326 MB (installers/README.md, "Size"). STORE_JARS=0 keeps the jars as Maven made them.
set -euo pipefail
source "$(dirname "$0")/../common.sh"
export STORE_JARS="${STORE_JARS:-1}"

what="${1:-all}"
case "$what" in app-image|deb|rpm|all) ;; *) echo "usage: $0 [app-image|deb|rpm|all]" >&2; exit 2 ;; esac

arch="$(uname -m)"; case "$arch" in aarch64|arm64) arch=aarch_64 ;; esac

ensure_built
stage linux "$arch"
jpackage_app_image --icon "$ROOT/installers/icons/PlantWatch.png"
image="$WORK/out/PlantWatch"
echo "app-image: $image ($(du -sm "$image" | cut -f1) MB)"

# Packages are made from the app image built above (no second jlink). The desktop entry
# (--linux-shortcut) goes in the menu group; the deps are JavaFX's (its natives are in the jars,
# so jpackage's own scan of the runtime's libraries does not see them).
package() {
  local type="$1" deps="$2"
  rm -f "$WORK"/out/*."$type"
  "$JPACKAGE" --type "$type" --dest "$WORK/out" --app-image "$image" \
    --name PlantWatch --app-version "$VERSION" --vendor PlantWatch \
    --description "Operator console for plant telemetry: live values, trends and alarms through embedded Spark" \
    --icon "$ROOT/installers/icons/PlantWatch.png" \
    --linux-package-name plantwatch --linux-shortcut --linux-menu-group "Utility;Monitor" \
    --linux-app-category utils --linux-deb-maintainer "plantwatch@example.org" \
    --linux-package-deps "$deps"
}

if [ "$what" = deb ] || [ "$what" = all ]; then
  package deb "libgtk-3-0, libxtst6, libgl1, fontconfig"
  echo "deb: $(ls "$WORK"/out/*.deb) ($(du -m "$WORK"/out/*.deb | cut -f1) MB)"
fi
if [ "$what" = rpm ] || [ "$what" = all ]; then
  if command -v rpmbuild >/dev/null; then
    package rpm "gtk3, libXtst, mesa-libGL, fontconfig"
    echo "rpm: $(ls "$WORK"/out/*.rpm) ($(du -m "$WORK"/out/*.rpm | cut -f1) MB)"
  elif [ "$what" = rpm ]; then
    echo "rpm: rpmbuild not found (Debian: apt-get install rpm)" >&2; exit 1
  else
    echo "rpm: skipped, rpmbuild not found (Debian: apt-get install rpm)"
  fi
fi
