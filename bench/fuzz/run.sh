#!/usr/bin/env bash
# Runs each fuzz target (built by bench/fuzz/build.sh) for SECONDS, one after another, one job
# each (the machines are shared), and prints a summary line per target: seconds, executions,
# coverage and whether it found anything. New inputs go to build-fuzz/corpus/<target> (the seed
# corpus in tests/fuzz/corpus stays as committed); crashers to build-fuzz/artifacts/<target>/.
# Copy a crasher to tests/fuzz/crashers/<target>/ to replay it in the normal test suite.
#   bench/fuzz/run.sh SECONDS [TARGET...]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${FSR_FUZZ_BUILD:-$root/build-fuzz}
seconds=${1:?usage: run.sh SECONDS [TARGET...]}
shift
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for binary in "$out"/fuzz-*; do targets+=("${binary##*/fuzz-}"); done
fi
status=0
for target in "${targets[@]}"; do
  corpus="$out/corpus/$target"; artifacts="$out/artifacts/$target"; log="$out/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  start=$(date +%s)
  # -fork=1: one child at a time that libFuzzer restarts after a finding, so one known bug does
  # not end the target's time (-ignore_*); every finding still lands in $artifacts. -rss_limit_mb
  # and -timeout turn runaway memory and hangs into findings; -max_len lets inputs grow past the
  # default 4 KB toward the long-line cases.
  nice -n 10 "$out/fuzz-$target" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$artifacts/" "$corpus" "$root/tests/fuzz/corpus/$target" > "$log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - start ))
  # Fork mode's status lines: "#<execs>: cov: <edges> ft: ... crash: <n> ...".
  runs=$(grep -o '^#[0-9]*: cov' "$log" | tail -1 | tr -dc 0-9)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  found=$(find "$artifacts" -type f | wc -l)
  printf '%-24s %5ss  %10s execs  %-10s rc=%s  artifacts=%s\n' "$target" "$elapsed" "${runs:-?}" "${cov:-cov: ?}" "$rc" "$found"
  [[ $rc -ne 0 || $found -ne 0 ]] && status=1
done
exit $status
