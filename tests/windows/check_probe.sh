#!/usr/bin/env bash
# Checks the probe's last `ctest -T Test` run (tests/windows/probe) in build
# dir $1: every test ended exactly as expected, with the exit value ctest saw,
# and wine's crash debugger (winedbg) attached to no crash. winedbg prints a
# register dump when it attaches; it also lets some crashes exit 0, so its
# dump is checked too: that fails on every run, a crash passing only on some.
set -euo pipefail
dir="$1"
tag="$(head -n 1 "$dir/Testing/TAG")"
xml="$dir/Testing/$tag/Test.xml"

# name, ctest's status, its "Exit Code" text, the exit value (8 bits: wine64
# is a Linux process, so an exception code 0xC0000005 arrives as 5).
expected="probe.Passes passed - -
probe.Fails failed Failed 1
probe.CrashesOnNullWrite failed Failed 5
probe.CrashesWithUser32Loaded failed Failed 5
probe.Aborts failed Failed 3
probe.ExitsEarly failed Failed 3
probe.Hangs failed Timeout 0"

# One line per test: name, status, exit code text, exit value, seconds, and
# whether its output has winedbg's register dump.
seen="$(awk '
  /<Test Status="/ { match($0, /Status="[a-z]+"/); status = substr($0, RSTART + 8, RLENGTH - 9)
                     name = ""; code = "-"; value = "-"; seconds = "-"; debugger = "no"; want = "" }
  /<Name>/ && name == "" { sub(/.*<Name>/, ""); sub(/<\/Name>.*/, ""); name = $0 }
  /name="Exit Code"/ { want = "code" }
  /name="Exit Value"/ { want = "value" }
  /name="Execution Time"/ { want = "seconds" }
  /<Value>/ && want != "" { v = $0; sub(/.*<Value>/, "", v); sub(/<\/Value>.*/, "", v)
                            if (want == "code") code = v; else if (want == "value") value = v; else seconds = v
                            want = "" }
  /Register dump:/ { debugger = "yes" }
  /<\/Test>$/ && name != "" { print name, status, code, value, seconds, debugger; name = "" }
' "$xml")"

failures=0
while read -r name status code value; do
  line="$(grep -E "^${name//./\\.} " <<<"$seen" || true)"
  if [[ -z "$line" ]]; then
    echo "probe: $name did not run" >&2
    failures=$((failures + 1))
    continue
  fi
  read -r _ got_status got_code got_value seconds debugger <<<"$line"
  verdict="ok"
  if [[ "$got_status $got_code $got_value" != "$status $code $value" ]]; then
    verdict="WRONG (expected $status $code $value)"
    failures=$((failures + 1))
  fi
  if [[ "$debugger" == yes ]]; then
    verdict="WRONG (winedbg attached: AeDebug's Debugger is still set)"
    failures=$((failures + 1))
  fi
  printf '  %-32s %-7s %-8s exit %-3s %6.2f s  %s\n' "$name" "$got_status" "$got_code" "$got_value" "$seconds" "$verdict"
done <<<"$expected"

extra="$(awk '{print $1}' <<<"$seen" | grep -v -x -F -f <(awk '{print $1}' <<<"$expected") || true)"
if [[ -n "$extra" ]]; then
  echo "probe: unexpected tests ran: $extra" >&2
  failures=$((failures + 1))
fi
if ((failures > 0)); then
  echo "probe: $failures test(s) of $dir did not end as expected under wine" >&2
  exit 1
fi
