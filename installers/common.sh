# Shared by installers/linux/build.sh and installers/macos/build.sh (installers/windows/build.ps1
# does the same in PowerShell). Source it; it defines:
#   ROOT, WORK (target/installer), VERSION, JPACKAGE
#   ensure_built           mvn package (tests skipped) when target/plantwatch.jar is missing or stale
#   stage OS ARCH          fills $WORK/input (class path + sample-data) and $WORK/jfx (JavaFX jars),
#                          without the jars of installers/exclude.txt and natives for other platforms
#                          OS: linux|osx|windows, ARCH: x86_64|aarch_64 (netty's classifier names)
#   jpackage_app_image     builds $WORK/out/PlantWatch[.app] from the staged input, plus "$@"
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/installer"
# jpackage's app version must be numeric: 0.1.0-SNAPSHOT -> 0.1.0
VERSION="$(sed -n '/<artifactId>plantwatch<\/artifactId>/{n;s/.*<version>\([0-9.]*\).*/\1/p;q;}' "$ROOT/pom.xml")"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then JPACKAGE="$JAVA_HOME/bin/jpackage"
else JPACKAGE="$(command -v jpackage || true)"; fi
[ -n "$JPACKAGE" ] || { echo "installers: jpackage not found (JDK 17+ needed; set JAVA_HOME)" >&2; exit 1; }
JAVA="$(dirname "$JPACKAGE")/java"

ensure_built() {
  local jar="$ROOT/target/plantwatch.jar"
  if [ ! -f "$jar" ] || [ ! -d "$ROOT/target/libs" ] \
     || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$jar" -type f -print -quit)" ]; then
    echo "installers: building (mvn package, tests skipped)…" >&2
    (cd "$ROOT" && mvn -B -q -DskipTests ${MVN_ARGS:-} package)
  fi
}

# the globs of installers/exclude.txt, without comments
exclusions() { sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$ROOT/installers/exclude.txt"; }

stage() {
  local os="$1" arch="$2" jar name skipped=0 kept=0 glob
  rm -rf "$WORK/input" "$WORK/jfx"
  mkdir -p "$WORK/input" "$WORK/jfx"
  local globs; globs="$(exclusions)"
  for jar in "$ROOT"/target/libs/*.jar; do
    name="$(basename "$jar")"
    case "$name" in
      javafx-*-[0-9]*.[0-9]*.jar)                     # javafx-base-21.0.12.jar: empty, the classifier jar has the code
        if [[ "$name" =~ -[0-9.]+-(linux|mac|win)(-aarch64)?\.jar$ ]]; then cp "$jar" "$WORK/jfx/"; fi
        continue ;;
    esac
    # natives of netty (tcnative, epoll, kqueue) for another OS or CPU
    if [[ "$name" =~ -(linux|osx|windows)-(x86_64|aarch_64|riscv64|ppcle_64|s390_64|loongarch_64)\.jar$ ]] \
       && [ "${BASH_REMATCH[1]}-${BASH_REMATCH[2]}" != "$os-$arch" ]; then
      skipped=$((skipped + 1)); continue
    fi
    local excluded=0
    while IFS= read -r glob; do
      # shellcheck disable=SC2053
      [[ "$name" == $glob ]] && { excluded=1; break; }
    done <<< "$globs"
    if [ "$excluded" = 1 ]; then skipped=$((skipped + 1)); continue; fi
    cp "$jar" "$WORK/input/"; kept=$((kept + 1))
  done
  cp "$ROOT/target/plantwatch.jar" "$WORK/input/"
  # the demo plant: site file, recordings, their licences (not the conversion tools)
  mkdir -p "$WORK/input/sample-data"
  find "$ROOT/sample-data" -maxdepth 1 -type f -exec cp {} "$WORK/input/sample-data/" \;
  [ -n "$(ls "$WORK/jfx")" ] || { echo "installers: no JavaFX platform jars in target/libs" >&2; exit 1; }
  # natives of zstd-jni, snappy-java, lz4-java and commons-crypto for other platforms; with STORE_JARS=1
  # every jar's entries are also stored uncompressed (the package's xz then compresses the classes)
  local store=(); [ "${STORE_JARS:-0}" = 1 ] && store=(--store)
  "$JAVA" "$ROOT/installers/RepackJars.java" "$WORK/input" "$os" "$arch" ${store[@]+"${store[@]}"} >&2
  echo "installers: staged $kept jars (+ plantwatch.jar), left out $skipped, JavaFX: $(ls "$WORK/jfx" | tr '\n' ' ')" >&2
}

jpackage_app_image() {
  # only the image: packages built before (e.g. the deb) stay beside it
  rm -rf "$WORK/out/PlantWatch" "$WORK/out/PlantWatch.app"; mkdir -p "$WORK/out"
  "$JPACKAGE" --type app-image --dest "$WORK/out" \
    --input "$WORK/input" --module-path "$WORK/jfx" \
    --app-version "$VERSION" \
    @"$ROOT/installers/jpackage.args" "$@"
}
