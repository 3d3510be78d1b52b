# shellcheck shell=bash
# The globals below are read by the phase scripts that source this file.
# shellcheck disable=SC2034
# Shared by the pipeline phase scripts: argument parsing for --dry-run, the one version (git short SHA),
# input checks and the `run` wrapper that either prints or runs a command.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DRY_RUN=0
IMAGE_NAME="quilt-mcp"

die() {
  echo "error: $*" >&2
  exit 1
}

note() {
  echo "==> $*" >&2
}

# Prints a command exactly as it would be typed, prefixed with "+ ": plain words as they are, anything
# with spaces or shell characters in single quotes, so the line can be pasted back into a shell.
print_command() {
  local quoted=() word
  for word in "$@"; do
    if [[ "$word" =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then
      quoted+=("$word")
    else
      quoted+=("${word@Q}")
    fi
  done
  echo "+ ${quoted[*]}"
}

# Runs a command, or in dry-run mode only prints it. Real runs print it too, so a log shows what ran.
run() {
  print_command "$@"
  if [ "$DRY_RUN" -eq 0 ]; then
    "$@"
  fi
}

# The one version of a build: image tag, MCP_SERVER_VERSION and the deployed service all use it.
git_sha() {
  git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || die "not a git checkout: the git SHA is the version"
}

warn_if_dirty() {
  if [ -n "$(git -C "$REPO_ROOT" status --porcelain 2>/dev/null)" ]; then
    echo "warning: uncommitted changes; the build is tagged $(git_sha) but does not match that commit" >&2
  fi
}

require_env() {
  local name="$1" pattern="$2" hint="$3"
  local value="${!name:-}"
  [ -n "$value" ] || die "$name is not set ($hint)"
  [[ "$value" =~ $pattern ]] || die "$name='$value' is not valid ($hint)"
}

# Real runs need the tools; dry runs only print, so they work on a machine without docker or aws.
require_tool() {
  if [ "$DRY_RUN" -eq 0 ]; then
    command -v "$1" >/dev/null 2>&1 || die "$1 is required for this phase"
  fi
}

ECR_REGISTRY_PATTERN='^[0-9]{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$'
ECR_REPOSITORY_PATTERN='^[a-z0-9]+([._/-][a-z0-9]+)*$'

# For phases whose only option is --dry-run: parses "$@" (after the usage line) and sets DRY_RUN.
parse_dry_run_only() {
  local usage_line="$1"
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --dry-run) DRY_RUN=1 ;;
      -h | --help) echo "$usage_line" >&2; exit 2 ;;
      *) echo "unknown argument: $1" >&2; echo "$usage_line" >&2; exit 2 ;;
    esac
    shift
  done
}

# The image's destination, shared by the push and deploy phases: ECR_REGISTRY (required) and
# ECR_REPOSITORY (default quilt-mcp), both checked.
require_ecr_target() {
  require_env ECR_REGISTRY "$ECR_REGISTRY_PATTERN" "the ECR registry host, <account>.dkr.ecr.<region>.amazonaws.com"
  ECR_REPOSITORY="${ECR_REPOSITORY:-quilt-mcp}"
  require_env ECR_REPOSITORY "$ECR_REPOSITORY_PATTERN" "an ECR repository name"
}

# Region of an ECR registry host, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com -> us-east-1.
registry_region() {
  [[ "$1" =~ $ECR_REGISTRY_PATTERN ]] || die "ECR_REGISTRY='$1' is not an ECR registry host"
  echo "${BASH_REMATCH[1]}"
}
