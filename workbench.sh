#!/usr/bin/env bash
# Sets up, builds and starts the Few-Shot Recommender Workbench.
#   ./workbench.sh        install missing Debian packages, build (Release), import the bundled
#                         dataset if needed, then open the workbench (no display: headless demo)
#   ./workbench.sh test   the same set-up, then the whole test suite through ctest
#   ./workbench.sh sanitize   the same set-up, then the whole test suite built with
#                         AddressSanitizer + UndefinedBehaviorSanitizer (preset asan, build-asan/)
#   ./workbench.sh package    the same set-up and build (installing to /usr), then the Debian
#                         package: prints the path of build/package/fsr-workbench_VERSION_ARCH.deb,
#                         for `sudo apt install ./fsr-workbench_*.deb`
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-run}"
build_dir="${FSR_BUILD_DIR:-build}"

# libopenblas0-openmp: Debian's LibTorch does its matrix products through libblas.so.3, and
# the reference BLAS it gets otherwise is 10-15x slower (neural/attention ranking: 85 ms -> 6 ms).
packages=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev libtorch-dev
          libopenblas0-openmp libsqlite3-dev sqlite3 nlohmann-json3-dev libcli11-dev ccache xvfb xauth imagemagick python3-torch hyperfine)

# libgloo-dev: the headers of Gloo, which LibTorch's c10d process group (data-parallel runs) uses.
packages+=(libgloo-dev)
# desktop-file-utils: the install test validates the desktop entry with desktop-file-validate.
packages+=(desktop-file-utils)
# cpack's DEB generator reads the binaries' library dependencies with dpkg-shlibdeps and file.
[ "$mode" = package ] && packages+=(dpkg-dev file)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The precompiled torch header needs these for ccache to reuse it across builds; the base dir
# lets two clones of the repository share cached objects.
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_BASEDIR="$PWD"
jobs=$(nproc 2>/dev/null || echo 2)

if [ "$mode" = sanitize ]; then
  echo "== building with AddressSanitizer + UndefinedBehaviorSanitizer in build-asan"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  echo "== running the test suite under the sanitizers"
  exec ctest --preset asan -j "$jobs"
fi

# CI (.ci/run with CI=true) treats warnings as errors; local builds only show them.
ci_werror=""
[ "${CI:-}" = true ] && ci_werror="-DFSR_WERROR=ON"
# A package installs under /usr, and its man pages name the paths there. Its maintainer is the
# one Debian's own tools take, DEBFULLNAME <DEBEMAIL>, when set.
package_options=()
if [ "$mode" = package ]; then
  package_options+=(-DCMAKE_INSTALL_PREFIX=/usr)
  [ -n "${DEBEMAIL:-}" ] && package_options+=("-DFSR_PACKAGE_MAINTAINER=${DEBFULLNAME:-$DEBEMAIL} <$DEBEMAIL>")
fi
echo "== building (Release) in $build_dir"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release ${ci_werror:+"$ci_werror"} \
  ${package_options[@]+"${package_options[@]}"} >/dev/null
cmake --build "$build_dir" -j "$jobs"

if [ "$mode" = package ]; then
  echo "== making the Debian package"
  cpack_log=$(cd "$build_dir" && cpack -G DEB) || { echo "$cpack_log" >&2; exit 1; }
  deb=$(sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' <<<"$cpack_log")
  [ -n "$deb" ] || { echo "$cpack_log" >&2; echo "cpack named no .deb" >&2; exit 1; }
  echo "$deb"
  exit 0
fi

fsr="$build_dir/app/fsr"
if ! "$fsr" list --json | grep -q '"name": "movietweetings-100k"'; then
  echo "== importing the bundled MovieTweetings 100K dataset"
  "$fsr" import --name movietweetings-100k --format movietweetings datasets/movietweetings-100k
fi

case "$mode" in
  test)
    echo "== running the test suite"
    ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
    ;;
  run)
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
      exec "$build_dir/app/fsr-workbench"
    fi
    echo "== no display: headless demo"
    "$fsr" list
    "$fsr" stats --dataset movietweetings-100k
    echo "== a first experiment: the bias fold-in baseline on new users (a few seconds)"
    "$fsr" run --config resources/presets/user-cold-start-bias-foldin.json --name "demo: bias fold-in"
    for page in datasets compare; do
      shot="${TMPDIR:-/tmp}/fsr-workbench-$page.png"
      QT_QPA_PLATFORM=offscreen "$build_dir/app/fsr-workbench" --page "$page" --screenshot "$shot"
      echo "rendered the ${page^} page offscreen to $shot"
    done
    ;;
  *)
    echo "usage: $0 [run|test|sanitize|package]" >&2
    exit 2
    ;;
esac
