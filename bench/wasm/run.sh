#!/usr/bin/env bash
# Throughput of the rows.filter WASM modules (NDJSON in C and AssemblyScript, Arrow in C) over 1,000,000 rows (batches of 10,000) on Chicory and
# wasmtime, against the same transform in Java over the same Arrow batches; and the fixed cost of
# one call. Builds what it needs first. Run it on a quiet machine: it prints wall times.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
classpath="$root/wasm-host-bundle/target/bench.classpath"   # each module writes its own target/bench.classpath
mvn -B -q -DskipTests package dependency:build-classpath -pl wasm-host-bundle,wasm-guest -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
modules=()
for m in rows-filter-c rows-filter-as rows-filter-arrow-c; do
  if [ -f "wasm-guest/target/wasm/$m.wasm" ]; then modules+=("$root/wasm-guest/target/wasm/$m.wasm"); fi
done
java --add-opens=java.base/java.nio=ALL-UNNAMED -Xmx2g \
  -cp "$root/wasm-host-bundle/target/test-classes:$root/wasm-host-bundle/target/classes:$(cat "$classpath")" \
  io.conveyor.wasm.internal.WasmThroughput "${modules[@]}"
