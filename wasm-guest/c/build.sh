#!/bin/sh
# Builds the C guest modules (the examples and the template) into OUT_DIR as <name>-c.wasm.
# Without clang for wasm32-wasi it builds nothing, says so, and lists the modules it skipped in
# OUT_DIR/SKIPPED.txt (which is empty when nothing was skipped); a compile error still fails.
#
#   sh wasm-guest/c/build.sh wasm-guest/target/wasm
set -eu

out_dir=${1:?usage: build.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
clang=${CLANG:-clang}
mkdir -p "$out_dir"
skipped="$out_dir/SKIPPED.txt"

# -lc-printscan-long-double: without it, wasi-libc's printf keeps a warning path that writes to
# stderr, which would make every module import WASI's fd_write, fd_seek and fd_close.
flags="--target=wasm32-wasi -O2 -mexec-model=reactor -Wall -Wextra
       -Wl,--max-memory=67108864 -Wl,--strip-debug"

modules="echo:examples/echo.c rows-filter:examples/rows_filter.c
         rows-filter-arrow:examples/rows_filter_arrow.c
         running-total:examples/running_total.c template:template/plugin.c"

probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT
echo 'int probe(void) { return 1; }' > "$probe_dir/probe.c"
# shellcheck disable=SC2086
if ! "$clang" $flags -o "$probe_dir/probe.wasm" "$probe_dir/probe.c" >"$probe_dir/probe.log" 2>&1; then
    reason="clang with wasm32-wasi not found (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32)"
    echo "C guest examples skipped: $reason"
    : > "$skipped"
    for module in $modules; do
        echo "${module%%:*}-c.wasm: $reason" >> "$skipped"
        rm -f "$out_dir/${module%%:*}-c.wasm" # left from a build that had clang
    done
    exit 0
fi

: > "$skipped"
for module in $modules; do
    name=${module%%:*}
    source=${module#*:}
    # shellcheck disable=SC2086
    "$clang" $flags -I"$here" -o "$out_dir/$name-c.wasm" "$here/$source" "$here/conveyor.c" "$here/conveyor_arrow.c" \
        -lc-printscan-long-double
    echo "built $out_dir/$name-c.wasm"
done
