#!/bin/bash
# Hot-deploy latency of a pipeline file: from its atomic move into a running server's pipelines/
# folder to the output of its first run on disk (FileInstall's poll, validation, planning and the
# run itself included). Starts a headless server on a throwaway home, drops ROUNDS pipelines one
# after another and prints one figure per drop, then the median. Not part of `mvn verify`.
#
#   bench/deploy/latency.sh                 # FileInstall's default poll, 1000 ms
#   POLL=200 ROUNDS=10 bench/deploy/latency.sh
#
# Needs the distribution: mvn -B package -pl distribution -am -DskipTests
set -eu
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
repo=$(cd "$here/../.." && pwd)
conveyor=${CONVEYOR_HOME:-$repo/distribution/target/conveyor}/bin/conveyor
rounds=${ROUNDS:-5}
poll=${POLL:-1000}
home=$(mktemp -d "${TMPDIR:-/tmp}/conveyor-latency.XXXXXX")
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$home"
}
trap cleanup EXIT

mkdir -p "$home/staging"
printf 'id,amount\n1,50\n2,150\n3,250\n' > "$home/in.csv"
CONVEYOR_OPTS="-Dfelix.fileinstall.poll=$poll ${CONVEYOR_OPTS:-}" "$conveyor" server --home "$home" --headless \
    2> "$home/server.err" &
server=$!
for _ in $(seq 600); do
    grep -q 'Conveyor server ready' "$home/server.err" 2>/dev/null && break
    sleep 0.1
done
grep -q 'Conveyor server ready' "$home/server.err" || { echo "the server did not start" >&2; cat "$home/server.err" >&2; exit 1; }

figures=()
for i in $(seq "$rounds"); do
    cat > "$home/staging/p$i.toml" <<TOML
[pipeline]
name = "latency$i"

[[stages]]
id = "load"
function = "csv.read"
[stages.config]
path = "$home/in.csv"

[[stages]]
id = "save"
function = "csv.write"
inputs = ["load"]
[stages.config]
path = "$home/out$i.csv"
TOML
    start=$(date +%s%N)
    mv "$home/staging/p$i.toml" "$home/pipelines/p$i.toml"
    for _ in $(seq 6000); do
        [ -f "$home/out$i.csv" ] && break
        sleep 0.005
    done
    [ -f "$home/out$i.csv" ] || { echo "p$i.toml never ran; see $home/logs/conveyor.log" >&2; exit 1; }
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    figures+=("$ms")
    echo "drop $i: ${ms} ms"
done
median=$(printf '%s\n' "${figures[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "poll ${poll} ms, ${rounds} drops: median ${median} ms from drop to first run's output"
