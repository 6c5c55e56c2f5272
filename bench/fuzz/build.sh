#!/usr/bin/env bash
# Builds one libFuzzer binary per target of tests/fuzz/fuzzharness.h into build-fuzz/ with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer, apart from the CMake build (which uses gcc and
# would not link libFuzzer). Needs Debian's clang and libclang-rt-14-dev. Only the torch-free
# parts of core are compiled: the importers, the store and the experiment-config parser.
#   bench/fuzz/build.sh [TARGET...]     (default: all)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${FSR_FUZZ_BUILD:-$root/build-fuzz}
cxx=${CXX_FUZZ:-clang++}
jobs=${FSR_FUZZ_JOBS:-2}
mkdir -p "$out/obj"

flags=(-std=c++17 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined
       -fno-sanitize-recover=undefined -I"$root/core" -I"$root/tests")
sources=("$root"/core/common/*.cpp "$root"/core/data/*.cpp "$root"/core/io/*.cpp "$root"/core/store/*.cpp
         "$root"/core/experiment/config.cpp)

# Objects once for all targets; make keeps rebuilds incremental.
objects=()
{
  for src in "${sources[@]}"; do
    obj="$out/obj/$(realpath --relative-to="$root/core" "$src" | tr / _).o"
    objects+=("$obj")
    printf '%s: %s\n\t%s %s -MMD -c %s -o %s\n' "$obj" "$src" "$cxx" "${flags[*]}" "$src" "$obj"
    printf -- '-include %s\n' "${obj%.o}.d"
  done
  printf 'all: %s\n' "${objects[*]}"
} > "$out/objects.mk"
make -s -j"$jobs" -f "$out/objects.mk" all

all_targets=(movielens-100k-data movielens-100k-item movielens-100k-user movielens-1m-ratings movielens-1m-movies
             movielens-csv-ratings movielens-csv-movies movietweetings-ratings movietweetings-movies csv config)
selected=("$@")
[[ ${#selected[@]} -eq 0 ]] && selected=("${all_targets[@]}")
for target in "${selected[@]}"; do
  "$cxx" "${flags[@]/fuzzer-no-link/fuzzer}" -DFSR_FUZZ_TARGET="\"$target\"" \
    -DFSR_FIXTURES_DIR="\"$root/tests/fixtures\"" "$root/tests/fuzz/fuzz_target.cpp" "${objects[@]}" \
    -lsqlite3 -o "$out/fuzz-$target" &
  while (( $(jobs -rp | wc -l) >= jobs )); do wait -n; done
done
wait
echo "fuzzers in $out: ${selected[*]}"
