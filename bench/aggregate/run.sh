#!/bin/sh
# Throughput of the aggregate bundle's kernels (group-by, hash join) on in-memory batches, without
# CSV parsing or the engine. Usage, from the repository root: bench/aggregate/run.sh [ROWS]
# It builds the module (tests skipped) and runs io.conveyor.plugin.aggregate.internal.Throughput.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd -P)
module=$root/plugin-bundles/aggregate
# In the reactor, the sibling modules resolve to their target/classes; each module writes its own file.
mvn -B -o -q -f "$root/pom.xml" -pl plugin-bundles/aggregate -am -DskipTests test-compile \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g --add-opens=java.base/java.nio=ALL-UNNAMED -Darrow.allocation.manager.type=Unsafe \
    -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench.classpath")" \
    io.conveyor.plugin.aggregate.internal.Throughput "$@"
