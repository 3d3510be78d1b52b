#!/usr/bin/env bash
# Phase 2 (image): build quilt-mcp:<git sha> for linux/amd64 from the repository's Dockerfile.
# Usage: scripts/build-image.sh [--dry-run]
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

parse_dry_run_only "usage: $0 [--dry-run]" "$@"

require_tool docker
[ -f "$REPO_ROOT/Dockerfile" ] || die "Dockerfile not found in $REPO_ROOT"
sha="$(git_sha)"
warn_if_dirty
note "image phase: $IMAGE_NAME:$sha"

run docker build --platform linux/amd64 --build-arg "GIT_SHA=$sha" --tag "$IMAGE_NAME:$sha" "$REPO_ROOT"
# Smoke test: the runtime and the apphost in the image start (a missing runtime or a non-executable
# binary would otherwise only show up as failing ECS tasks).
run docker run --rm --platform linux/amd64 "$IMAGE_NAME:$sha" --help
