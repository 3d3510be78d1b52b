#!/usr/bin/env bash
# Phase 4 (deploy): roll the service to $ECR_REGISTRY/$ECR_REPOSITORY:<git sha> and wait until it is stable.
# Usage: ECR_REGISTRY=… ECS_CLUSTER=… [ECR_REPOSITORY=quilt-mcp] [MCP_SERVICE_NAME=quilt-mcp]
#        scripts/deploy.sh [--dry-run] [--tool terraform|cloudformation] [--stack-name NAME]
# terraform reads the rest of its inputs from deploy/terraform/terraform.tfvars; cloudformation keeps the
# parameters of the existing stack (first deploy: pass them with CFN_PARAMETER_OVERRIDES="Key=Value …").
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { echo "usage: $0 [--dry-run] [--tool terraform|cloudformation] [--stack-name NAME]" >&2; exit 2; }
tool=terraform
stack_name="${MCP_STACK_NAME:-quilt-mcp}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --tool) [ $# -ge 2 ] || usage; tool="$2"; shift ;;
    --stack-name) [ $# -ge 2 ] || usage; stack_name="$2"; shift ;;
    -h | --help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
  shift
done

require_ecr_target
require_env ECS_CLUSTER '^[A-Za-z0-9_:/.-]+$' "name or ARN of the ECS cluster"
MCP_SERVICE_NAME="${MCP_SERVICE_NAME:-quilt-mcp}"
require_env MCP_SERVICE_NAME '^[A-Za-z0-9_-]+$' "ECS service name"
require_tool aws
sha="$(git_sha)"
region="$(registry_region "$ECR_REGISTRY")"
image="$ECR_REGISTRY/$ECR_REPOSITORY:$sha"
note "deploy phase ($tool): $image"

case "$tool" in
  terraform)
    require_tool terraform
    tf_dir="$REPO_ROOT/deploy/terraform"
    [ -f "$tf_dir/mcp-server.tf" ] || die "$tf_dir/mcp-server.tf not found"
    run terraform "-chdir=$tf_dir" init -input=false
    run terraform "-chdir=$tf_dir" apply -input=false -auto-approve "-var=container_image=$image" "-var=app_version=$sha"
    ;;
  cloudformation)
    template="$REPO_ROOT/deploy/cloudformation/mcp_server.yml"
    [ -f "$template" ] || die "$template not found"
    read -r -a extra_parameters <<<"${CFN_PARAMETER_OVERRIDES:-}"
    run aws cloudformation deploy --region "$region" --stack-name "$stack_name" --template-file "$template" \
      --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset \
      --parameter-overrides "ContainerImage=$image" "AppVersion=$sha" "${extra_parameters[@]}"
    ;;
  *) die "unknown --tool '$tool' (terraform or cloudformation)" ;;
esac

# Stable = the new tasks passed their health checks and the old ones drained; the circuit breaker rolls
# back and this wait fails when they never do.
run aws ecs wait services-stable --region "$region" --cluster "$ECS_CLUSTER" --services "$MCP_SERVICE_NAME"
run aws ecs describe-services --region "$region" --cluster "$ECS_CLUSTER" --services "$MCP_SERVICE_NAME" \
  --query 'services[0].deployments[].{status:status,taskDefinition:taskDefinition,running:runningCount,desired:desiredCount}' --output table
