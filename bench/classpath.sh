# Sourced by the bench scripts: builds the test classes, copies them to a private folder (a concurrent
# build cannot pull them away mid-run) and sets CP (the classpath) and JAVA. Maven runs online, so a fresh
# machine downloads the compiler and dependency plugins on the first run; later runs find them cached.
# shellcheck shell=bash

./mvnw -q -DskipTests test-compile
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

BENCH_CLASSES="$(mktemp -d "${TMPDIR:-/tmp}/intake-bench-classes.XXXXXX")"
trap 'rm -rf "$BENCH_CLASSES"' EXIT
cp -r target/classes "$BENCH_CLASSES/classes"
cp -r target/test-classes "$BENCH_CLASSES/test-classes"
CP="$BENCH_CLASSES/test-classes:$BENCH_CLASSES/classes:$(cat target/bench-classpath.txt)"

JAVA="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
fi
