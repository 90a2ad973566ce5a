#!/usr/bin/env bash
# The local server under load on loopback: 64 connections on GET /api/me with a valid token; requests/s,
# p50/p99, errors, and the server's heap and RSS. Markdown table on stdout, as in docs/PERFORMANCE.md.
# Usage: bench/load.sh   (environment: BENCH_CONNECTIONS=64 BENCH_SECONDS=20 BENCH_WARMUP_SECONDS=10)
# Ports 8080, 8090 and 8000 must be free (the local server's).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile
./mvnw -q -B exec:exec -Dexec.mainClass=dev.actiongate.bench.LoadTest -Dexec.jit=-XX:+TieredCompilation
