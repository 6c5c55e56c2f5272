#!/bin/sh
# Runs the engine benchmarks and their Python peers side by side and prints medians and ratios.
#   bench/engine/run.sh [BUILD_DIR] [ROUNDS]
# Needs the fsr_bench_engine target built in BUILD_DIR (default: build) and /usr/bin/python3 with
# Debian's python3-torch (the same 1.13 as our LibTorch). Ours and the peer alternate, one epoch
# each per round, so that load from elsewhere on the machine hits both alike.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
rounds=${2:-5}
python=${PYTHON:-/usr/bin/python3}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for r in $(seq "$rounds"); do
  "$build/bench/fsr_bench_engine" 1 mf_epoch | sed 's/^/ours /' >>"$log"
  "$python" "$here/mf_epoch.py" 1 | sed 's/^/python /' >>"$log"
  "$build/bench/fsr_bench_engine" 1 maml_epoch | sed 's/^/ours /' >>"$log"
  "$python" "$here/maml_epoch.py" 1 | sed 's/^/python /' >>"$log"
  "$build/bench/fsr_bench_engine" 1 joint_epoch | sed 's/^/ours /' >>"$log"
done
"$build/bench/fsr_bench_engine" 1 fit | sed 's/^/ours /' >>"$log"
"$build/bench/fsr_bench_engine" 3 adapt_rank | sed 's/^/ours /' >>"$log"
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for name in mf_epoch maml_epoch; do
  a=$(awk -v n=$name '$1=="ours" && $2==n {print $3}' "$log" | median)
  b=$(awk -v n=$name '$1=="python" && $2==n {print $3}' "$log" | median)
  awk -v n=$name -v a="$a" -v b="$b" -v r="$rounds" \
    'BEGIN {printf "%-12s ours %.3fs  python %.3fs  ratio %.2f (target <= 0.5; medians of %d)\n", n, a, b, a / b, r}'
done
a=$(awk '$1=="ours" && $2=="joint_epoch" {print $3}' "$log" | median)
b=$(awk '$1=="ours" && $2=="mf_epoch" {print $3}' "$log" | median)
awk -v a="$a" -v b="$b" -v r="$rounds" \
  'BEGIN {printf "%-12s joint %.3fs  rating %.3fs  ratio %.2f (target <= 2; medians of %d)\n", "joint_epoch", a, b, a / b, r}'
awk '$1=="ours" && $2 ~ /^fit_/ {printf "%-26s %.2f s (target < 5 s on 100K ratings)\n", $2, $3}' "$log"
awk '$1=="ours" && $2 ~ /^(adapt_rank|rank_only)/ {printf "%-26s %.2f ms (adapting: target < 20 ms for 10,000 items)\n", $2, $3 * 1000}' "$log"
