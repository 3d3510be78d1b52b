#!/usr/bin/env bash
# Mutation testing of the security-critical files with Stryker.NET (the dotnet-stryker tool in .config/dotnet-tools.json).
# Line coverage says a line ran; a mutation score says the tests notice when that line is wrong. Each target below is
# one file (or a few) with the test projects that exercise it; Stryker changes the code one mutant at a time and runs
# those tests, and the score is the share of mutants some test failed on.
#
#   scripts/mutation.sh                 every target (about an hour on 2 cores)
#   scripts/mutation.sh token-cache s3-keys
#   scripts/mutation.sh --list          the targets
#   MUTATION_BREAK=85 scripts/mutation.sh   exit non-zero when a target scores below 85 %
#
# Reports land in TestResults/mutation/<target>/ (HTML and JSON); a summary table is printed at the end.
# scripts/stryker-config.json leaves calls of the source-generated Log* methods unmutated: removing a log line changes
# no decision, and the decision logs that matter are asserted by the HTTP tests, not by these unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# name | project directory | files to mutate (globs, comma-separated, relative to the project) | test projects (comma-separated)
targets=(
  "token-reading|src/Api|Identity/Tokens/JwsCompactToken.cs,Identity/Tokens/JoseHeaderRules.cs,Identity/Tokens/RegisteredClaims.cs,Identity/Tokens/NumericDate.cs,Identity/Tokens/TokenLifetimeCheck.cs|QuiltMcp.Orleans.Auth.Tests"
  "token-keys|src/Api|Identity/Tokens/JwkImporter.cs,Identity/Tokens/AlgorithmKeyRequirements.cs,Identity/Tokens/OidcSigningKeyCache.cs|QuiltMcp.Orleans.Auth.Tests"
  "token-validator|src/Api|Identity/Tokens/AccessTokenValidator.cs,Identity/Tokens/OidcTrustedIssuer.cs,Identity/Tokens/QuiltTrustedIssuer.cs|QuiltMcp.Orleans.Auth.Tests"
  "token-claims|src/Api|Identity/Tokens/QuiltClaimsDecoder.cs,Identity/Tokens/ClaimReader.cs,Identity/Tokens/ScopeClaimReader.cs,Identity/Tokens/BucketClaimDecoder.cs|QuiltMcp.Orleans.Auth.Tests"
  "token-cache|src/Api|Identity/Bearer/ValidatedTokenCache.cs|QuiltMcp.Orleans.Api.Tests"
  "http-authentication|src/Api|Identity/Bearer/McpBearerAuthenticationHandler.cs,Identity/Bearer/ChallengeBuilder.cs|QuiltMcp.Orleans.Api.Tests"
  "sessions|src/Api|Sessions/GrainSessionMigrationHandler.cs,Sessions/SessionTerminationMiddleware.cs,Sessions/TerminatedSessions.cs,Sessions/McpSessionIds.cs|QuiltMcp.Orleans.Api.Tests"
  "http-edge|src/Api|Http/HostAllowList.cs,Http/AllowedHostPattern.cs,Http/HostValidationMiddleware.cs,Http/OriginValidationMiddleware.cs,Http/RateLimitPartitioner.cs,Http/ClientAddressKey.cs,Http/TrustedProxyNetwork.cs|QuiltMcp.Orleans.Api.Tests"
  "session-grain|src/Grains|Sessions/McpSessionGrain.cs|QuiltMcp.Orleans.Grains.Tests"
  "s3-keys|src/Api|S3/S3Names.cs,S3/S3Uri.cs,S3/DotSegments.cs,S3/SeparatorLookalikes.cs,S3/PercentDecoding.cs,S3/S3AddressGuard.cs,S3/GuardedS3Client.cs,S3/S3RequestGuardHandler.cs,S3/S3RequestTarget.cs,Quilt3/RevisionSelector.cs,Quilt3/ManifestKeyCheck.cs|QuiltMcp.Orleans.Api.Tests"
  "bucket-policy|src/Api|Access/BucketAccessPolicy.cs|QuiltMcp.Orleans.Api.Tests"
  "role-selection|src/Api|Aws/Roles/RoleSelector.cs,Aws/Roles/RoleSelectionMiddleware.cs|QuiltMcp.Orleans.Api.Tests"
  "credential-cache|src/Grains|Credentials/RoleCredentialCache.cs|QuiltMcp.Orleans.Grains.Tests"
)

if [ "${1:-}" = "--list" ]; then
  for target in "${targets[@]}"; do
    IFS='|' read -r name project files tests <<<"$target"
    printf '%-20s %s: %s (tests: %s)\n' "$name" "$project" "$files" "$tests"
  done
  exit 0
fi

selected=("$@")
dotnet tool restore >/dev/null
dotnet build QuiltMcp.Orleans.sln -c Release -nologo -clp:ErrorsOnly
(cd tests/node && npm ci --no-audit --no-fund --loglevel=error)

summary=()
status=0
for target in "${targets[@]}"; do
  IFS='|' read -r name project files tests <<<"$target"
  if [ "${#selected[@]}" -gt 0 ] && [[ ! " ${selected[*]} " =~ \ ${name}\  ]]; then
    continue
  fi

  output="$root/TestResults/mutation/$name"
  rm -rf "$output"
  arguments=(stryker --config-file "$root/scripts/stryker-config.json" --configuration Release --output "$output" --reporter html --reporter json --reporter progress
    --concurrency "${MUTATION_CONCURRENCY:-2}")
  IFS=',' read -r -a globs <<<"$files"
  for glob in "${globs[@]}"; do
    arguments+=(--mutate "**/$glob")
  done
  IFS=',' read -r -a projects <<<"$tests"
  for test in "${projects[@]}"; do
    arguments+=(--test-project "$root/tests/$test/$test.csproj")
  done

  echo "== $name: $files"
  # Stryker leaves its mutated assembly in the test projects' output, where an incremental build would not replace it:
  # rebuild them fully so each target starts from the real code.
  for test in "${projects[@]}"; do
    dotnet build "$root/tests/$test/$test.csproj" -c Release --no-incremental -nologo -clp:ErrorsOnly
  done
  (cd "$project" && dotnet "${arguments[@]}")

  # Score per file: killed (and timed out) over every mutant that was tested or left uncovered.
  while IFS=$'\t' read -r file score killed total; do
    summary+=("$(printf '%-20s %-55s %6s %%  (%s of %s mutants killed)' "$name" "$file" "$score" "$killed" "$total")")
    if [ -n "${MUTATION_BREAK:-}" ] && awk -v have="$score" -v need="$MUTATION_BREAK" 'BEGIN { exit !(have < need) }'; then
      status=1
    fi
  done < <(jq -r '.files | to_entries[]
      | select(.value.mutants | length > 0)
      | (.value.mutants | map(select(.status == "Killed" or .status == "Timeout")) | length) as $killed
      | (.value.mutants | map(select(.status == "Killed" or .status == "Timeout" or .status == "Survived" or .status == "NoCoverage")) | length) as $total
      | select($total > 0)
      | [(.key | split("/src/")[-1]), ((10000 * $killed / $total | floor) / 100 | tostring), $killed, $total] | @tsv' \
      "$output/reports/mutation-report.json")
done

# Leave real assemblies behind, so a later `dotnet test --no-build` does not run mutated code.
dotnet build QuiltMcp.Orleans.sln -c Release --no-incremental -nologo -clp:ErrorsOnly

echo
echo "Mutation scores (killed / (killed + survived + no coverage)):"
printf '%s\n' "${summary[@]}"
exit "$status"
