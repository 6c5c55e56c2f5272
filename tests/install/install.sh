#!/usr/bin/env bash
# `cmake --install` into a temporary prefix gives a working installation: the installed fsr,
# fsr-engine and fsr-workbench run (the workbench's --help without a display), the desktop entry,
# icons, man pages, presets and bundled dataset are where desktops, man and people look, and the
# installed fsr imports the installed dataset and runs an installed preset.
#   install.sh BUILD_DIR SOURCE_DIR VERSION [--png-icons]
set -uo pipefail
build=$1
source=$2
version=$3
png_icons=${4:-}
prefix=$(mktemp -d "${TMPDIR:-/tmp}/fsr-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
ok() { echo "ok: $*"; }
# has FILE WHAT: FILE exists and is not empty.
has() { if [ -s "$1" ]; then ok "$2"; else fail "$2: no ${1#"$prefix"/}"; fi; }

if ! out=$(cmake --install "$build" --prefix "$prefix" 2>&1); then
  echo "$out"
  echo "FAIL: cmake --install"
  exit 1
fi
share=$prefix/share
data=$share/fsr-workbench

# Programs. fsr kinds is carried out by fsr-engine, so it also shows fsr finds the installed engine.
out=$("$prefix/bin/fsr" --version 2>&1)
[ "$out" = "fsr $version" ] && ok "fsr --version: $out" || fail "fsr --version printed '$out', not 'fsr $version'"
out=$("$prefix/bin/fsr-engine" --version 2>&1)
[ "$out" = "fsr $version" ] && ok "fsr-engine --version" || fail "fsr-engine --version printed '$out'"
out=$("$prefix/bin/fsr" kinds 2>&1)
grep -q "biased-mf" <<<"$out" && ok "fsr kinds through the installed fsr-engine" || fail "fsr kinds: $out"
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$prefix/bin/fsr-workbench" --help 2>&1)
status=$?
[ $status -eq 0 ] && grep -qF -- "--screenshot <PNG>" <<<"$out" && ok "fsr-workbench --help without a display" ||
  fail "fsr-workbench --help without a display: exit $status: $out"

# Desktop entry and its icon, under the names the entry and the running window use.
desktop=$share/applications/fsr-workbench.desktop
has "$desktop" "desktop entry"
if command -v desktop-file-validate >/dev/null; then
  out=$(desktop-file-validate "$desktop" 2>&1) && ok "desktop-file-validate" || fail "desktop-file-validate: $out"
fi
grep -qx "Exec=fsr-workbench" "$desktop" && grep -qx "Icon=fsr-workbench" "$desktop" &&
  ok "the entry starts fsr-workbench with its icon" || fail "the entry's Exec or Icon is not fsr-workbench"
has "$share/icons/hicolor/scalable/apps/fsr-workbench.svg" "scalable icon"
if [ "$png_icons" = --png-icons ]; then
  for size in 16 22 24 32 48 64 128 256; do
    png=$share/icons/hicolor/${size}x${size}/apps/fsr-workbench.png
    # A PNG's width and height are the big-endian words at bytes 16 and 20 (the IHDR chunk).
    dims=$(od -An -tu1 -j16 -N8 "$png" 2>/dev/null | awk '{print $3*256+$4 "x" $7*256+$8}')
    [ "$dims" = "${size}x${size}" ] && ok "icon ${size}x${size}" || fail "icon ${size}x${size}: ${dims:-missing}"
  done
fi

# Man pages: one per program, of this version; fsr's names every command that fsr --help lists
# and the workbench's every option its --help lists, so neither can fall behind unnoticed.
for page in fsr fsr-engine fsr-workbench; do
  man=$share/man/man1/$page.1.gz
  if ! gzip -t "$man" 2>/dev/null; then
    fail "man page $page.1.gz missing or not gzip"
    continue
  fi
  zcat "$man" | grep -q "^\.TH .* \"fsr $version\"" && ok "man page $page(1)" || fail "$page.1: no .TH line of fsr $version"
  if command -v groff >/dev/null; then
    out=$(zcat "$man" | groff -man -ww -z 2>&1)
    [ -z "$out" ] && ok "$page.1 renders without warnings" || fail "$page.1: groff: $out"
  fi
done
commands=$("$prefix/bin/fsr" --help | awk '/^Subcommands:/ {on = 1; next} on && NF {print $1}')
[ -n "$commands" ] || fail "no commands read from fsr --help"
for command in $commands; do
  zcat "$share/man/man1/fsr.1.gz" | grep -qx "\.B $command" || fail "fsr.1 does not describe 'fsr $command'"
done
ok "fsr.1 describes the commands: $(echo $commands)"
options=$(env -u DISPLAY "$prefix/bin/fsr-workbench" --help | grep -o -- '--[a-z-]*' | sort -u | grep -v -- '--help-all')
for option in $options; do
  zcat "$share/man/man1/fsr-workbench.1.gz" | grep -qF -- "${option//-/\\-}" || fail "fsr-workbench.1 lacks $option"
done
ok "fsr-workbench.1 describes the options: $(echo $options)"

# Data for people: presets, explanations, the bundled dataset with its license; Debian's docs.
want=$(ls "$source"/resources/presets/*.json | wc -l)
got=$(ls "$data"/presets/*.json 2>/dev/null | wc -l)
[ "$got" -eq "$want" ] && ok "$got presets" || fail "$got presets installed, $want in the sources"
want=$(find "$source/resources/explanations" -name '*.md' | wc -l)
got=$(find "$data/explanations" -name '*.md' 2>/dev/null | wc -l)
[ "$got" -eq "$want" ] && ok "$got explanations" || fail "$got explanations installed, $want in the sources"
dataset=$data/datasets/movietweetings-100k
for file in LICENSE README.md ratings.dat movies.dat; do has "$dataset/$file" "dataset: $file"; done
has "$share/doc/fsr-workbench/copyright" "copyright file"
zcat "$share/doc/fsr-workbench/changelog.gz" 2>/dev/null | grep -q "^fsr-workbench ($version)" && ok "changelog" ||
  fail "no changelog.gz with an entry for $version"

# The installed programs on the installed data, in a database of their own.
db=$prefix/check.sqlite
out=$("$prefix/bin/fsr" import --db "$db" --name movietweetings-100k --format movietweetings "$dataset" 2>&1) &&
  ok "import of the installed dataset" || fail "fsr import: $out"
out=$("$prefix/bin/fsr" run --db "$db" --config "$data/presets/user-cold-start-bias-foldin.json" \
  --json-out "$prefix/result.json" 2>&1) && grep -q '"support_size"' "$prefix/result.json" &&
  ok "fsr run of an installed preset" || fail "fsr run of an installed preset: $out"
out=$(QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$prefix/config" "$prefix/bin/fsr-workbench" --db "$db" --page datasets --size 640x400 \
  --screenshot "$prefix/datasets.png" 2>&1) && [ -s "$prefix/datasets.png" ] &&
  ok "the installed workbench renders the Datasets page" || fail "fsr-workbench --screenshot: $out"

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
