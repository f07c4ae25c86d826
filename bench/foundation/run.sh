#!/bin/sh
# End-to-end cost of csv.read -> filter.apply -> csv.write, whole process included.
# usage (from the repository root): bench/foundation/run.sh [ROWS]   (default 1e6)
# Prints the run report and GNU time's figures for 3 runs with the JVM's default heap, then 3 runs
# with the heap capped at 128 MB (memory use does not grow with the input: batches stream).
# The input is generated once per size.
set -eu
rows=${1:-1e6}
dir=bench/foundation/data
mkdir -p "$dir"
if [ ! -f "$dir/orders.csv" ] || [ "$(cat "$dir/rows" 2>/dev/null)" != "$rows" ]; then
  python3 bench/gen_orders.py "$rows" "$dir/orders.csv"
  echo "$rows" > "$dir/rows"
fi
./conveyor validate bench/foundation/filter.toml
for heap in default 128m; do
  opts=""
  [ "$heap" = default ] || opts="-Xmx$heap"
  echo "== heap: $heap"
  for i in 1 2 3; do
    CONVEYOR_OPTS="$opts" /usr/bin/time -v ./conveyor run bench/foundation/filter.toml 2>&1 \
      | grep -E "Elapsed|Maximum resident|User time|System time|Percent of CPU|bench-filter|orders|expensive|write"
  done
done
wc -l "$dir/expensive.csv"
