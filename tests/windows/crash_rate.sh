#!/usr/bin/env bash
# Measures how often ctest reports a crashing test (a null write) as passed
# under wine, with wine's crash debugger as wine sets it up and as .ci/windows
# sets it (Debugger unstartable). Run after .ci/windows --probe (it reuses the
# stage's prefix and the GoogleTest 1.12.1 probe build).
#   bash tests/windows/crash_rate.sh [runs]     (default 50)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-50}"
build="$PWD/build/windows"
dir="$build/probe-1.12.1"
wine64="$(command -v wine64 || echo /usr/lib/wine/wine64)"
wineserver="$(command -v wineserver || echo /usr/lib/wine/wineserver)"
export WINEPREFIX="$build/wine-prefix" WINEARCH=win64 WINEDEBUG=-all
unset DISPLAY WAYLAND_DISPLAY
[[ -f "$WINEPREFIX/.gtest-kitty-prefix" && -d "$dir" ]] || {
  echo "crash_rate: run bash .ci/windows --probe first" >&2
  exit 1
}
cmake -DPROBE_CRASH_COPIES="$runs" "$dir" >/dev/null

"$wineserver" -k 2>/dev/null || true
"$wineserver" -p
trap '"$wineserver" -k 2>/dev/null || true' EXIT
"$wine64" wineboot >"$build/wine-session.log" 2>&1 </dev/null

aedebug='HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug'
measure() {
  local label="$1" started=$SECONDS passed
  ctest --test-dir "$dir" -L crash-copies -j2 >"$dir.crash-rate.log" 2>&1 || true
  passed="$(grep -c -E 'probe\.crash_copy\.[0-9]+ \.+ +Passed' "$dir.crash-rate.log" || true)"
  echo "$label: $passed of $runs crashing tests reported passed ($((SECONDS - started)) s)"
}
"$wine64" reg add "$aedebug" /v Auto /t REG_SZ /d 1 /f >/dev/null
"$wine64" reg add "$aedebug" /v Debugger /t REG_SZ /d 'winedbg --auto %ld %ld' /f >/dev/null
measure "wine's default (Auto=1, Debugger=winedbg --auto)"
"$wine64" reg add "$aedebug" /v Auto /t REG_SZ /d 0 /f >/dev/null
measure "Auto=0, Debugger=winedbg --auto"
"$wine64" reg delete "$aedebug" /v Debugger /f >/dev/null
measure "Auto=0, no Debugger value"
"$wine64" reg add "$aedebug" /v Auto /t REG_SZ /d 1 /f >/dev/null
"$wine64" reg add "$aedebug" /v Debugger /t REG_SZ /d '' /f >/dev/null
measure ".ci/windows (Auto=1, Debugger empty)"
cmake -DPROBE_CRASH_COPIES=0 "$dir" >/dev/null
