#!/bin/sh
# Runs the engine benchmarks and their Python peers side by side and prints medians and ratios.
#   bench/engine/run.sh [BUILD_DIR] [REPEATS]
# Needs the fsr_bench_engine target built in BUILD_DIR (default: build) and /usr/bin/python3 with
# Debian's python3-torch (the same 1.13 as our LibTorch).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
repeats=${2:-3}
python=${PYTHON:-/usr/bin/python3}
ours=$("$build/bench/fsr_bench_engine" "$repeats")
peer=$("$python" "$here/mf_epoch.py" "$repeats"; "$python" "$here/maml_epoch.py" "$repeats")
echo "$ours" | sed 's/^/ours   /'
echo "$peer" | sed 's/^/python /'
for name in mf_epoch maml_epoch; do
  a=$(echo "$ours" | awk -v n=$name '$1==n {print $2}')
  b=$(echo "$peer" | awk -v n=$name '$1==n {print $2}')
  awk -v n=$name -v a="$a" -v b="$b" 'BEGIN {printf "%-12s ours %.3fs  python %.3fs  ratio %.2f (target <= 0.5)\n", n, a, b, a / b}'
done
echo "$ours" | awk '/^adapt_rank/ {printf "%-22s %.2f ms (target < 20 ms for 10,000 items)\n", $1, $2 * 1000}'
