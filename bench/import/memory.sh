#!/usr/bin/env bash
# Peak memory of `fsr import` as the file grows: imports generated CSV files of 1M and 10M
# ratings (random users, items, ratings and times, so a few duplicates too) and prints each peak
# RSS and their ratio. Bounded memory means the ratio stays far below the 10x growth in ratings.
# Needs about 300 MB in the scratch folder and as much again in TMPDIR for the sorted runs.
#
# Usage: bench/import/memory.sh [small (default 1000000)] [large (default 10000000)]
# Env:   FSR=path/to/fsr (default: build/app/fsr)  WORK=scratch folder
set -euo pipefail
small=${1:-1000000}
large=${2:-10000000}
root=$(cd "$(dirname "$0")/../.." && pwd)
fsr=$(realpath "${FSR:-$root/build/app/fsr}")
[[ -x "$fsr" ]] || { echo "fsr binary not found; build it or set FSR=" >&2; exit 2; }
if [[ -n "${WORK:-}" ]]; then
  work=$(realpath -m "$WORK")
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/fsr-bench-memory.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

peak_mb() { # ratings
  local n=$1 csv="$work/ratings-$1.csv" db="$work/memory.sqlite"
  awk -v n="$n" 'BEGIN { srand(1); for (k = 0; k < n; k++)
    printf "%d,%d,%d,%d\n", 1 + int(rand() * n / 50), 1 + int(rand() * 50000), 1 + int(rand() * 5), 1e9 + int(rand() * 6e8) }' > "$csv"
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -v -o "$work/rss" "$fsr" import --db "$db" --name m --format csv --no-header \
    --columns user,item,rating,timestamp "$csv" >&2
  rm -f "$csv"
  awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$work/rss"
}

small_mb=$(peak_mb "$small")
large_mb=$(peak_mb "$large")
echo "fsr import peak RSS: $small ratings $small_mb MB, $large ratings $large_mb MB"
awk -v a="$small_mb" -v b="$large_mb" -v r="$((large / small))" \
  'BEGIN { printf "ratio large/small: %.2f for %dx the ratings (bounded: well below %d)\n", b / a, r, r }'
