#!/usr/bin/env bash
# Local start time: from launching the local server's JVM to the first authorized 200 from /api/me
# (token from the embedded provider included). Prints each run in ms and the median.
# Usage: bench/local-start.sh [runs]   (after ./mvnw -B test-compile)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java_bin=$(./mvnw -q help:evaluate -Dexpression=java.home -DforceStdout 2>/dev/null)/bin/java
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/local.classpath >/dev/null
classpath="target/test-classes:target/classes:$(cat target/local.classpath)"
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  "$java_bin" -XX:TieredStopAtLevel=1 --sun-misc-unsafe-memory-access=allow -Dsqlite4java.library.path=target/native-libs --enable-native-access=ALL-UNNAMED -cp "$classpath" \
    dev.actiongate.local.LocalActionGate >target/local-start.log 2>&1 &
  pid=$!
  while true; do
    token=$(curl -s http://localhost:8090/actiongate/token -d grant_type=password -d client_id=bench \
      -d username=bench@example.com -d password=x -d scope=workflows:read 2>/dev/null \
      | sed -nE 's/.*"access_token" *: *"([^"]+)".*/\1/p') || true
    if [ -n "$token" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:8080/api/me \
         -H "Authorization: Bearer $token")" = 200 ]; then
      break
    fi
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  times+=($(( (end - start) / 1000000 )))
  echo "run $i: ${times[-1]} ms"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms"}'
