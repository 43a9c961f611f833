#!/usr/bin/env bash
# The launcher under wine as a Linux ctest sees it.
#
#   from_linux.sh eight_bits WINE LAUNCHER PROBE WORK_DIR
#     wine hands a POSIX parent only the low 8 bits of an exit code: a crash
#     (0xC0000005 -> 5) and codes whose low byte is 0 (0xC0000100, 256) must
#     still arrive as failures, never as 0.
#   from_linux.sh sigkill WINE LAUNCHER PROBE WORK_DIR
#     the launcher's wine process killed with SIGKILL (a Linux ctest's
#     TIMEOUT): the test and the process it started end with it.
set -u
scenario=$1 wine=$2 launcher=$3 probe=$4 work=$5
mkdir -p "$work"
failures=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

exit_of() {  # the exit code Linux sees for: launcher -- probe ARGS...
  # Its output aside: wine's crash debugger writes its report there.
  "$wine" "$launcher" --base "$work/homes" -- "$probe" "$@" >"$work/stdout.txt" \
    2>"$work/stderr.txt"
  local code=$?
  echo "  launcher -- probe $*: exit $code, stderr: $(cat "$work/stderr.txt")" >&2
  echo "$code"
}

alive() {  # whether the Windows process $1 runs
  "$wine" "$probe" alive "$1"
}

gone_within() {  # gone_within SECONDS PID
  local deadline=$((SECONDS + $1))
  while alive "$2"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

case $scenario in
  eight_bits)
    check "exit 3 arrives as 3" test "$(exit_of exit 3)" = 3
    check "an access violation arrives as 5 (0xC0000005's low byte)" test "$(exit_of crash)" = 5
    check "exception 0xC0000100 arrives as 255, not 0" test "$(exit_of raise 0xC0000100)" = 255
    check "exit 256 arrives as 255, not 0" test "$(exit_of exit 256)" = 255
    ;;
  sigkill)
    rm -f "$work/held.pid"
    "$wine" "$launcher" --base "$work/homes" -- "$probe" hold "$work/held.pid" &
    launcher_pid=$!
    for _ in $(seq 300); do [[ -s $work/held.pid ]] && break; sleep 0.1; done
    read -r test sleeper <"$work/held.pid" || true
    check "the test and the process it started run" \
      bash -c "[[ -n '${test:-}' && -n '${sleeper:-}' ]] && '$wine' '$probe' alive '${test:-0}' \
               && '$wine' '$probe' alive '${sleeper:-0}'"
    kill -KILL "$launcher_pid"
    wait "$launcher_pid" 2>/dev/null
    check "the launcher killed: the test ended with it" gone_within 10 "${test:-0}"
    check "the launcher killed: the process the test started ended with it" \
      gone_within 10 "${sleeper:-0}"
    ;;
  *)
    echo "unknown scenario '$scenario'" >&2
    exit 64
    ;;
esac
exit $((failures == 0 ? 0 : 1))
