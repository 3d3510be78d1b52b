#!/usr/bin/env bash
# Phase 3 (push): push quilt-mcp:<git sha> to $ECR_REGISTRY/$ECR_REPOSITORY:<git sha>.
# Usage: ECR_REGISTRY=123456789012.dkr.ecr.us-east-1.amazonaws.com [ECR_REPOSITORY=quilt-mcp] scripts/push-image.sh [--dry-run]
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

parse_dry_run_only "usage: ECR_REGISTRY=<account>.dkr.ecr.<region>.amazonaws.com $0 [--dry-run]" "$@"

require_ecr_target
require_tool docker
require_tool aws
sha="$(git_sha)"
region="$(registry_region "$ECR_REGISTRY")"
remote="$ECR_REGISTRY/$ECR_REPOSITORY:$sha"
note "push phase: $IMAGE_NAME:$sha -> $remote"

# The local image of this very commit must exist: pushing another build under this SHA would lie.
run docker image inspect --format '{{.Id}}' "$IMAGE_NAME:$sha"
# The password goes from one process to the other through a pipe, never through a file or argv.
echo "+ aws ecr get-login-password --region $region | docker login --username AWS --password-stdin $ECR_REGISTRY"
if [ "$DRY_RUN" -eq 0 ]; then
  aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$ECR_REGISTRY"
fi
run docker tag "$IMAGE_NAME:$sha" "$remote"
run docker push "$remote"
