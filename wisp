#!/usr/bin/env bash
# The wisp CLI. Builds the application first when it is missing or older than the sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/platform/target/quarkus-app/quarkus-run.jar"
stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root" -path "$root/.git" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' \) \
      -newer "$jar" -not -path '*/target/*' -print -quit)" ]
}
if stale; then
  echo "wisp: building (mvn install -DskipTests; the first build downloads dependencies and takes a few minutes)..." >&2
  (cd "$root" && mvn -B -q -DskipTests install) >&2
fi
exec java ${WISP_JAVA_OPTS:-} -jar "$jar" "$@"
