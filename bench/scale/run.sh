#!/usr/bin/env bash
# Evaluation and data-parallel training at scale, in one run. Not a test: numbers depend on the
# machine. Prints, on generated data:
#   1. evaluation of a warm biased-MF run (2 epochs, rating objective) in blocks against one
#      entity at a time, next to one training epoch, on about 1.3M and 4.7M ratings
#      (fsr_bench_scale: both paths through ExperimentRunner, alternating);
#   2. 1 rank against 2 ranks on this machine (`fsr run` against `fsr launch -n 2 -- fsr run`)
#      for pretraining (warm biased-MF, 1.3M ratings) and meta-training (MAML, user cold start).
#
# Usage: bench/scale/run.sh [BUILD_DIR (default build)] [ROUNDS (default 3)]
# Env:   WORK=scratch folder (default: a temporary one, removed at the end)
#        SKIP_4M=1 leaves out the 4.7M-rating set (its one-by-one evaluation takes minutes)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath "${1:-$root/build}")
rounds=${2:-3}
fsr=$build/app/fsr
bench=$build/bench/fsr_bench_scale
[[ -x "$fsr" && -x "$bench" ]] || { echo "build fsr and fsr_bench_scale in $build first" >&2; exit 2; }
if [[ -n "${WORK:-}" ]]; then
  work=$(realpath -m "$WORK")
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/fsr-bench-scale.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
db=$work/scale.sqlite

generate() { # NAME USERS ITEMS
  "$fsr" list --db "$db" --json 2>/dev/null | grep -q "\"name\": *\"$1\"" && return
  "$fsr" generate --db "$db" --name "$1" --users "$2" --items "$3" --median-ratings 45 --seed 1 >&2
}
generate s1m 20000 5000
generate meta 4000 1500
[[ -n "${SKIP_4M:-}" ]] || generate s4m 70000 20000

echo "== evaluation in blocks against one entity at a time (medians of $rounds; warm biased-MF, 2 epochs)"
sets="s1m"
[[ -n "${SKIP_4M:-}" ]] || sets="s1m s4m"
for set in $sets; do
  repeats=$rounds
  [[ $set == s4m ]] && repeats=1
  "$bench" "$db" "$set" "$repeats" 2 | awk '/^summary/ {
    printf "%-4s epoch %6.2fs  eval before %7.2fs  after %6.2fs  speed-up %5.1fx  eval/epoch %.2f (target <= 1)  metrics differ by %s\n",
      $2, $6, $8, $10, $12, $14, $16 }'
done

config() { # FILE DATASET PROTOCOL MODEL METHOD EPOCHS
  cat >"$1" <<EOF
{"dataset": "$2", "seed": 7, "device": "cpu", "protocol": $3,
 "model": {"kind": "biased-mf", "dim": 32}, "method": $4,
 "train": {"epochs": $5, "objective": "rating"}, "eval": {"k": [10]}}
EOF
}
config "$work/pretrain.json" s1m '{"kind": "warm", "test_fraction": 0.1}' '{"kind": "none"}' 2
config "$work/meta.json" meta '{"kind": "user-cold-start", "support_sizes": [5, 10]}' \
  '{"kind": "maml", "inner_lr": 0.1, "inner_steps": 3, "scope": "user", "meta_batch": 32}' 2

trainSeconds() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["train_seconds"])' "$1"; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "== 1 rank against 2 ranks on this machine ($(nproc) cores; medians of $rounds training times)"
for job in pretrain meta; do
  one=() two=()
  for round in $(seq "$rounds"); do
    "$fsr" run --db "$db" --config "$work/$job.json" --json-out "$work/one.json" >/dev/null 2>&1
    one+=("$(trainSeconds "$work/one.json")")
    "$fsr" launch -n 2 -- "$fsr" run --db "$db" --config "$work/$job.json" --json-out "$work/two.json" >/dev/null 2>&1
    two+=("$(trainSeconds "$work/two.json")")
  done
  a=$(printf '%s\n' "${one[@]}" | median)
  b=$(printf '%s\n' "${two[@]}" | median)
  awk -v n="$job" -v a="$a" -v b="$b" 'BEGIN {printf "%-9s 1 rank %6.2fs  2 ranks %6.2fs  speed-up %.2fx\n", n, a, b, a / b}'
done
