#!/usr/bin/env bash
# CPU profile of one server under the harness's tools/call load, with `perf` (apt: linux-perf).
#
#   bench/profile.sh [ours|baseline] [--stateless] [--warmup 30] [--seconds 10]
#
# Starts the server the way `quilt-mcp-bench compare` does (Release build, Production, warnings only) plus
# DOTNET_PerfMapEnabled=1 so perf can name jitted methods, warms it with `drive`, then samples every thread at
# 999 Hz while `drive` measures. Prints the measured requests/s, the CPU cost per request, and writes
# `perf report` (inclusive, by symbol) to bench/results/profile-<time>-<server>.txt.
# Run bench/run.sh (or its build steps) first. Profiling slows the server; read the shares, not the throughput.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

server="ours"
drive_args=()
warmup=30
seconds=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    ours|baseline) server="$1" ;;
    --stateless) drive_args+=(--stateless) ;;
    --warmup) warmup="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

command -v perf >/dev/null || { echo "perf is not installed (Debian: apt-get install linux-perf)" >&2; exit 1; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export FASTMCP_PORT="$port" DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production LOG_LEVEL=WARNING
# Perf maps name jitted code; W^X off keeps it in anonymous memory where perf looks for those names.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
if [[ "$server" == "ours" ]]; then
  assembly="src/Silo/bin/Release/net10.0/quilt-mcp.dll"
  Cluster__SiloPort="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  export Cluster__SiloPort
  export MCP_ENHANCED_JWT_SECRET="quilt-mcp-bench-secret-0123456789abcdef0123"
  export Http__PermitsPerMinute=100000000 Http__AnonymousPermitsPerMinute=100000000 Shutdown__DrainDelay=00:00:00
else
  assembly="bench/QuiltMcp.Orleans.Bench.Baseline/bin/Release/net10.0/QuiltMcp.Orleans.Bench.Baseline.dll"
fi
bench="bench/QuiltMcp.Orleans.Bench.Load/bin/Release/net10.0/quilt-mcp-bench.dll"
[[ -f "$assembly" && -f "$bench" ]] || { echo "build first: bench/run.sh --help or its dotnet build lines" >&2; exit 1; }

results_dir="$root/bench/results"
mkdir -p "$results_dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
data="$(mktemp -d)/perf.data"

dotnet "$assembly" serve > "$results_dir/profile-$stamp-$server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "/tmp/perf-$pid.map" "/tmp/perfinfo-$pid.map"' EXIT
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.1; done

url="http://127.0.0.1:$port/mcp"
echo "== warm-up ${warmup}s ($server ${drive_args[*]:-session})" >&2
dotnet "$bench" drive --url "$url" --pid "$pid" --duration "$warmup" --warmup 0 "${drive_args[@]}" >&2

echo "== profiling ${seconds}s" >&2
perf record -F 999 -g -p "$pid" -o "$data" -- sleep "$seconds" 2>/dev/null &
perf_pid=$!
measured="$(dotnet "$bench" drive --url "$url" --pid "$pid" --duration "$seconds" --warmup 0 "${drive_args[@]}")"
wait "$perf_pid"
echo "$measured"

samples="$(perf script -i "$data" -F tid 2>/dev/null | wc -l)"
requests="$(sed -n 's/.*"requests":\([0-9]*\).*/\1/p' <<< "$measured")"
# 999 samples per CPU-second: microseconds of CPU per request.
awk -v s="$samples" -v r="$requests" 'BEGIN { if (r > 0) printf "CPU per request: %.1f us (%d samples, %d requests)\n", s * 1e6 / 999 / r, s, r }'

report="$results_dir/profile-$stamp-$server.txt"
{
  echo "## CPU by thread"
  perf report -i "$data" --stdio --sort comm -g none 2>/dev/null | grep -v '^#' | sed -e 's/ *$//' -e '/^$/d'
  echo
  echo "## inclusive CPU by method (children included)"
  # Frames inside the runtime's own native code have no symbols; they are left out.
  perf report -i "$data" --stdio --children --sort symbol -g none --percent-limit 0.5 2>/dev/null \
    | grep -v '^#' | grep -v '\[\.\] 0x' | sed -e 's/ *- *- *$//' -e 's/ *$//' -e '/^$/d'
  echo
  echo "## self CPU by library (jitted code shows as [JIT]; see the method list for its assemblies)"
  perf report -i "$data" --stdio --no-children --sort dso -g none --percent-limit 0.5 2>/dev/null \
    | grep -v '^#' | sed -e 's/ *$//' -e '/^$/d'
  echo
  echo "## self CPU of jitted code by assembly"
  perf report -i "$data" --stdio --no-children --sort symbol -g none 2>/dev/null | grep -v '^#' \
    | sed -n "s/^ *\([0-9.]*\)%.*\[\.\] [^[]*\[\([A-Za-z0-9_.]*\)\].*/\2 \1/p" \
    | awk '{ share[$1] += $2 } END { for (a in share) if (share[a] >= 0.5) printf "%7.2f%%  %s\n", share[a], a }' | sort -rn
  echo
  echo "## self CPU by method (where the time is spent)"
  perf report -i "$data" --stdio --no-children --sort dso,symbol -g none --percent-limit 0.3 2>/dev/null \
    | grep -v '^#' | sed -e 's/ *$//' -e '/^$/d'
  echo
  echo "## self CPU of the tiered compilation thread, by library"
  perf report -i "$data" --stdio --no-children --comm '.NET Tiered Com' --sort dso -g none --percent-limit 1 2>/dev/null \
    | grep -v '^#' | sed -e 's/ *$//' -e '/^$/d'
} > "$report"
echo "inclusive profile: $report"
