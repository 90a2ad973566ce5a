#!/usr/bin/env bash
# What a caller pays when DynamoDB is in trouble: a metered GET /api/me and a whole GPT sign-in (double
# /token POST and refresh included) through the Lambda handler, with the table up, unreachable and slow.
# First call, p50, p99 and max per condition; Markdown tables on stdout, as in docs/PERFORMANCE.md.
# Usage: bench/table-trouble.sh   (environment: BENCH_CALLS=300 BENCH_SIGN_INS=10)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile
./mvnw -q -B exec:exec -Dexec.mainClass=dev.actiongate.bench.TableTrouble -Dexec.jit=-XX:+TieredCompilation
