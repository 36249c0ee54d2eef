#!/usr/bin/env bash
# Builds the JQL fuzzer with clang and runs it.
#   fuzz/run.sh              bounded smoke run (20 s, what `make test` does)
#   fuzz/run.sh 3600         an hour; findings land in build/fuzz/findings
# New corpus entries go to build/fuzz/corpus, never into the checked-in seeds (fuzz/corpus/jql).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-20}
cmake -S fuzz -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz >/dev/null
mkdir -p build/fuzz/corpus build/fuzz/findings
build/fuzz/jql_fuzzer -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -seed=1 \
  -artifact_prefix=build/fuzz/findings/ -print_final_stats=1 \
  build/fuzz/corpus fuzz/corpus/jql 2>&1 | tail -12
