#!/usr/bin/env bash
# fsr-workbench answers --help, -h, --version and -v without a display: everything that points Qt
# at one is removed from the environment, where constructing a QApplication aborts while Qt
# looks for xcb (checked first, so that the answers below are known to need no display).
#   nodisplay.sh FSR_WORKBENCH VERSION
set -uo pipefail
workbench=$1
version=$2
failures=0

# Runs fsr-workbench with no display; sets $status and $output (stdout and stderr together).
without_display() {
  output=$(ulimit -c 0; env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$workbench" "$@" 2>&1)
  status=$?
}

fail() {
  echo "FAIL: $1"
  echo "$output" | head -20
  failures=$((failures + 1))
}

# expect TEXT ARGS...: exit 0 and TEXT in the output.
expect() {
  local text=$1
  shift
  without_display "$@"
  if [ "$status" -ne 0 ]; then
    fail "fsr-workbench $*: exit $status, expected 0"
  elif ! grep -qF -- "$text" <<<"$output"; then
    fail "fsr-workbench $*: the output lacks '$text'"
  else
    echo "ok: fsr-workbench $*"
  fi
}

without_display --page datasets --screenshot /dev/null
if [ "$status" -eq 0 ]; then
  fail "the GUI started without a display, so this environment cannot show that --help needs none"
else
  echo "ok: without a display the GUI itself does not start (exit $status)"
fi

expect "--screenshot <PNG>" --help
expect "--page <PAGE>" -h
expect "fsr-workbench $version" --version
expect "fsr-workbench $version" -v
expect "--size <WxH>" --page datasets --db /nonexistent/folder/x.sqlite --help # after other options
expect "fsr-workbench $version" -platform xcb --version # Qt's own options do not get in the way
without_display --help
if grep -qi "xcb\|platform plugin" <<<"$output"; then
  fail "--help still went looking for a display"
fi

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
