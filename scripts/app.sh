#!/usr/bin/env bash
# Phase 1 (app): build and test the server; the repository's test.sh enforces the coverage floor.
# Usage: scripts/app.sh [--dry-run]
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

parse_dry_run_only "usage: $0 [--dry-run]" "$@"

require_tool dotnet
[ -f "$REPO_ROOT/QuiltMcp.Orleans.sln" ] || die "QuiltMcp.Orleans.sln not found under $REPO_ROOT"
sha="$(git_sha)"
note "app phase for $sha"

run dotnet build "$REPO_ROOT/QuiltMcp.Orleans.sln" -c Release -nologo "-p:SourceRevisionId=$sha"
run "$REPO_ROOT/test.sh"
