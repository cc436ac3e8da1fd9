#!/usr/bin/env bash
# Runs the coro4j runtime benchmarks (JMH) or the heap-per-task harness, on a JDK 21+ found here.
#
#   benchmarks/run.sh                    all JMH benchmarks with their built-in settings (a few minutes)
#   benchmarks/run.sh PingPong -prof gc  any JMH arguments: a name regexp, -f, -wi, -i, -r, -prof ...
#   benchmarks/run.sh memory [N]         heap per suspended task, coroutines vs virtual threads (N = 1,000,000)
#   benchmarks/run.sh --jvm-args "-XX:+UseCompactObjectHeaders" memory
#
# The jar is built (mvn -q -DskipTests package -pl benchmarks -am) when it is missing or older than the
# sources, or always with --build. JAVA_HOME is not needed: the newest JDK >= 21 found in JAVA_HOME, on the
# PATH or under /usr/lib/jvm is used.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"

feature_version() { # prints the feature version of the java binary $1, or 0
    local v
    v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1)"
    case "$v" in
        1.*) echo 0 ;;
        [0-9]*) echo "${v%%.*}" ;;
        *) echo 0 ;;
    esac
}

find_java() {
    local best="" best_v=0 c v
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
    command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
    for c in /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java "$HOME"/.sdkman/candidates/java/*/bin/java; do
        [ -x "$c" ] && candidates+=("$c")
    done
    for c in "${candidates[@]}"; do
        [ -x "$c" ] || continue
        v="$(feature_version "$c")"
        if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then
            best="$c"
            best_v="$v"
        fi
    done
    if [ -z "$best" ]; then
        echo "run.sh: no JDK 21 or newer found (looked in JAVA_HOME, PATH and /usr/lib/jvm)" >&2
        exit 1
    fi
    echo "$best"
}

build=0
jvm_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=1; shift ;;
        --jvm-args) read -r -a jvm_args <<< "$2"; shift 2 ;;
        *) break ;;
    esac
done

if [ "$build" = 1 ] || [ ! -f "$jar" ] \
        || [ -n "$(find "$here/src" "$root/runtime/src/main" "$here/pom.xml" -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
    echo "run.sh: building $jar" >&2
    (cd "$root" && mvn -q -DskipTests package -pl benchmarks -am)
fi

java="$(find_java)"
echo "run.sh: $java ($("$java" -version 2>&1 | head -1)), $(nproc) cores" >&2

if [ "${1:-}" = memory ]; then
    shift
    exec "$java" "${jvm_args[@]}" -cp "$jar" io.github.coro4j.benchmarks.MemoryPerTask "$@"
fi
if [ ${#jvm_args[@]} -gt 0 ]; then
    exec "$java" -jar "$jar" -jvmArgsAppend "${jvm_args[*]}" "$@"
fi
exec "$java" -jar "$jar" "$@"
