#!/usr/bin/env bash
# One command for the whole comparison: builds quilt-mcp, the baseline and the load generator in Release,
# installs the npm test servers (dynalite for cluster, s3rver for data-tool) if missing, then runs every scenario
# against both servers and prints the side-by-side table.
# Arguments are passed to `quilt-mcp-bench compare` (e.g. --quick, --scenarios tools-call, --duration 30,
# --servers ours,ours+servergc, --principal-counts 10000,100000, --principal-idle-watch 1200, --data-concurrency 8).
# Set BENCH_MICRO=1 to also run the BenchmarkDotNet micro-benchmarks (BENCH_MICRO_ARGS overrides their arguments).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

results_dir="$root/bench/results"
mkdir -p "$results_dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

echo "== building (Release)" >&2
dotnet build src/Silo -c Release -nologo -v quiet
dotnet build bench/QuiltMcp.Orleans.Bench.Baseline -c Release -nologo -v quiet
dotnet build bench/QuiltMcp.Orleans.Bench.Load -c Release -nologo -v quiet

if [[ ! -f tests/node/node_modules/dynalite/cli.js || ! -d tests/node/node_modules/s3rver ]]; then
  echo "== installing dynalite and s3rver (tests/node)" >&2
  (cd tests/node && npm ci --no-audit --no-fund)
fi

echo "== load scenarios; JSON lines also in $results_dir/load-$stamp.jsonl" >&2
dotnet bench/QuiltMcp.Orleans.Bench.Load/bin/Release/net10.0/quilt-mcp-bench.dll compare \
  --output "$results_dir/load-$stamp.jsonl" "$@"

if [[ "${BENCH_MICRO:-0}" == "1" ]]; then
  echo "== micro-benchmarks" >&2
  dotnet build bench/QuiltMcp.Orleans.Bench.Micro -c Release -nologo -v quiet
  read -r -a micro_args <<< "${BENCH_MICRO_ARGS:---filter * --job short --inProcess}"
  (cd bench/QuiltMcp.Orleans.Bench.Micro && dotnet bin/Release/net10.0/QuiltMcp.Orleans.Bench.Micro.dll "${micro_args[@]}")
fi
