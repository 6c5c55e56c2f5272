#!/bin/sh
# GUI event-loop latency while training (bench/gui/guilatency.cpp): builds the benchmark in
# BUILD (default build) and runs it on the offscreen platform. Extra arguments go to the program
# (--seconds S, --db FILE --config FILE.json).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$root/build}
cmake --build "$build" --target fsr_bench_gui -j "${JOBS:-2}"
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$build/bench/fsr_bench_gui" "$@"
