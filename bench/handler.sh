#!/usr/bin/env bash
# Cold start (init + first invoke, median of 5 fresh JVMs, ApiFunction /api/me and OAuthFunction
# /authorize, with and without a JDK 25 AOT cache) and warm latency (p50/p99) of the Lambda handler on
# the Lambda jar alone. Markdown tables on stdout, as in docs/PERFORMANCE.md.
# Usage: bench/handler.sh   (environment: BENCH_RUNS=5 BENCH_CALLS=20000; BENCH_ONLY=cold, warm, or faces for
# GET /api/me beside MCP tools/call getMe alone; BENCH_STDOUT=file for the probes' stdout in a file instead of a pipe)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
# The JVM running the provider and DynamoDB Local gets the full JIT; the probes get Lambda's options.
./mvnw -q -B exec:exec -Dexec.mainClass=dev.actiongate.bench.HandlerBenchmarks -Dexec.jit=-XX:+TieredCompilation
