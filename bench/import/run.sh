#!/usr/bin/env bash
# Times `fsr import --format movielens-1m` on a generated 1,000,000-rating ratings.dat against the
# sqlite3 shell's `.import` of the same rows (as CSV) into a plain 4-column table, and measures the
# peak memory of our import. Not a test: numbers depend on the machine.
#
# Usage: bench/import/run.sh [ratings (default 1000000)] [runs (default 5)]
# Env:   FSR=path/to/fsr (default: build/app/fsr, then build-tests/app/fsr)  WORK=scratch folder
set -euo pipefail

ratings=${1:-1000000}
runs=${2:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
fsr=${FSR:-}
if [[ -z "$fsr" ]]; then
  for candidate in "$root/build/app/fsr" "$root/build-tests/app/fsr"; do
    [[ -x "$candidate" ]] && { fsr=$candidate; break; }
  done
fi
[[ -x "${fsr:-}" ]] || { echo "fsr binary not found; build it or set FSR=" >&2; exit 2; }
fsr=$(realpath "$fsr")
command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 2; }
if [[ -n "${WORK:-}" ]]; then
  work=$(realpath -m "$WORK")
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/fsr-bench-import.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/ml" && cd "$work"

# MovieLens 1M layout (UserID::MovieID::Rating::Timestamp, grouped by user, ML-1M's 6040 users
# and 3706 movies) with a fixed LCG, so every run and machine sees the same bytes.
python3 - "$ratings" > ml/ratings.dat <<'PY'
import sys
total = int(sys.argv[1])
users, items = 6040, 3706
state = 20240501
def lcg():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return state >> 33
out = sys.stdout
written, user = 0, 0
lines = []
while written < total:
    user += 1
    if user > users:  # more ratings than ML-1M holds: keep adding users
        users += 1
    # A long-tailed count per user (20..~2000), like the real file, capped by what is left.
    count = min(total - written, 20 + (lcg() % 64) * (lcg() % 32) // 4, items)
    start, stride = lcg() % items, 1 + 2 * (lcg() % 500)
    while stride % 17 == 0 or stride % 109 == 0:  # coprime with 3706 = 2*17*109: distinct items
        stride += 2
    t = 956703932 + lcg() % 90000000
    for j in range(count):
        item = (start + j * stride) % items + 1
        t += lcg() % 600
        lines.append(f"{user}::{item}::{1 + lcg() % 5}::{t}\n")
    written += count
    if len(lines) > 100000:
        out.write("".join(lines)); lines = []
out.write("".join(lines))
PY
sed 's/::/,/g' ml/ratings.dat > ratings.csv
echo "rows: $(wc -l < ml/ratings.dat) ($(du -h ml/ratings.dat | cut -f1)), fsr: $fsr, work: $work"

fsr_cmd="$fsr import --db $work/fsr.sqlite --name bench --format movielens-1m $work/ml"
fsr_prep="rm -f $work/fsr.sqlite $work/fsr.sqlite-wal $work/fsr.sqlite-shm"
sql_cmd="sqlite3 $work/plain.sqlite -cmd 'CREATE TABLE ratings(user INTEGER, item INTEGER, rating REAL, ts INTEGER);' '.mode csv' '.import $work/ratings.csv ratings'"
sql_prep="rm -f $work/plain.sqlite"

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" --export-json "$work/hyperfine.json" \
    --prepare "$fsr_prep" -n "fsr import" "$fsr_cmd" \
    --prepare "$sql_prep" -n "sqlite3 .import" "$sql_cmd" >&2
  # Wall-clock medians, plus mean CPU time (user + system): on a busy machine the CPU time is the
  # steadier measure of the work each side does.
  read -r ours theirs ours_cpu theirs_cpu < <(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(r[0]['median'], r[1]['median'], r[0]['user'] + r[0]['system'], r[1]['user'] + r[1]['system'])" "$work/hyperfine.json")
else
  time_runs() { # prep, cmd
    for _ in $(seq "$runs"); do
      bash -c "$1"
      /usr/bin/time -f %e -o "$work/t" bash -c "$2" >/dev/null
      cat "$work/t"
    done | median
  }
  ours=$(time_runs "$fsr_prep" "$fsr_cmd")
  theirs=$(time_runs "$sql_prep" "$sql_cmd")
  ours_cpu=nan theirs_cpu=nan
fi

# Check both loaded every row before trusting the times.
loaded_ours=$("$fsr" stats --db "$work/fsr.sqlite" --dataset bench --json | python3 -c "import json,sys; print(json.load(sys.stdin)['ratings'])")
loaded_theirs=$(sqlite3 "$work/plain.sqlite" 'SELECT COUNT(*) FROM ratings')

bash -c "$fsr_prep"
/usr/bin/time -v -o "$work/rss" $fsr_cmd >/dev/null
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/rss")

python3 - "$ours" "$theirs" "$rss_kb" "$loaded_ours" "$loaded_theirs" "$ours_cpu" "$theirs_cpu" <<'PY'
import sys
ours, theirs, rss, a, b = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
ours_cpu, theirs_cpu = float(sys.argv[6]), float(sys.argv[7])
print(f"rows loaded:          fsr {a}, sqlite3 {b}")
print(f"fsr import median:    {ours:.3f} s")
print(f"sqlite3 .import median: {theirs:.3f} s")
print(f"ratio ours/sqlite3:   {ours / theirs:.2f}   (target <= 1.0)")
if ours_cpu == ours_cpu:
    print(f"CPU time (user+sys):  fsr {ours_cpu:.3f} s, sqlite3 {theirs_cpu:.3f} s, ratio {ours_cpu / theirs_cpu:.2f}")
print(f"fsr import peak RSS:  {rss / 1024:.1f} MB   (target < 300 MB)")
PY
