#!/usr/bin/env bash
# Runs the whole test suite with line coverage of src/ and fails below the floor.
# Installs what the tests need first: shellcheck, curl and jq (Debian), the npm test servers (dynalite, s3rver, the MCP TypeScript client…)
# from tests/node/package-lock.json and the coverage report tool from .config/dotnet-tools.json.
set -euo pipefail
cd "$(dirname "$0")"

MIN_LINE_COVERAGE="${MIN_LINE_COVERAGE:-85}"
CONFIGURATION="${CONFIGURATION:-Release}"
RESULTS="TestResults"

scripts/install-test-prerequisites.sh
(cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
dotnet tool restore >/dev/null
dotnet build QuiltMcp.Orleans.sln -c "$CONFIGURATION" -nologo -clp:ErrorsOnly

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
rm -f "$RESULTS.log"
status=0
# One project at a time, each with its own results folder: their coverage files must not overwrite each other,
# and several Orleans silos starting at once on two cores only slows every test down.
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  set +e
  dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
    --settings coverage.runsettings --results-directory "$RESULTS/$name" --logger "trx;LogFileName=$name.trx" 2>&1 | tee -a "$RESULTS.log"
  code=${PIPESTATUS[0]}
  set -e
  if [ "$code" -ne 0 ]; then status=$code; fi
done

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)!  - Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$RESULTS.log"
rm -f "$RESULTS.log"

# The security corpus: every test method named Hostile_… is one hostile request (one per theory row), refused as asserted.
corpus="$RESULTS/QuiltMcp.Orleans.Security.Tests/QuiltMcp.Orleans.Security.Tests.trx"
if [ -f "$corpus" ]; then
  hostile=$(grep -o '<UnitTestResult [^>]*testName="[^"]*\.Hostile_[^"]*"[^>]*outcome="Passed"' "$corpus" | wc -l)
  echo "Security corpus: $hostile hostile cases refused as asserted (tests/QuiltMcp.Orleans.Security.Tests)"
fi

if [ "$status" -ne 0 ]; then
  echo "tests failed" >&2
  exit "$status"
fi

dotnet reportgenerator "-reports:$RESULTS/**/*.cobertura.xml" "-targetdir:$RESULTS/coverage" \
  "-reporttypes:TextSummary" -verbosity:Warning
line=$(grep -m1 -E '^ *Line coverage:' "$RESULTS/coverage/Summary.txt" | grep -oE '[0-9]+(\.[0-9]+)?')
echo "Line coverage of src/: ${line}% (floor ${MIN_LINE_COVERAGE}%)"
if awk -v have="$line" -v need="$MIN_LINE_COVERAGE" 'BEGIN { exit !(have < need) }'; then
  echo "coverage below ${MIN_LINE_COVERAGE}%" >&2
  exit 1
fi
