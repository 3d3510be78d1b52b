#!/usr/bin/env bash
# Runs the phases in order, app -> image -> push -> deploy -> test-endpoint, or one of them alone. The
# first phase that fails stops the pipeline (set -e); every phase uses the same git short SHA.
# Usage: scripts/pipeline.sh [--dry-run] full|app|image|push|deploy|test-endpoint [phase options…]
#        test-endpoint after deploy needs MCP_ENDPOINT=https://<host>/mcp.
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { echo "usage: $0 [--dry-run] full|app|image|push|deploy|test-endpoint [options…]" >&2; exit 2; }
flags=()
if [ "${1:-}" = "--dry-run" ]; then
  flags+=(--dry-run)
  shift
fi
[ $# -ge 1 ] || usage
phase="$1"
shift
here="$(dirname "${BASH_SOURCE[0]}")"

case "$phase" in
  app) "$here/app.sh" "${flags[@]}" "$@" ;;
  image) "$here/build-image.sh" "${flags[@]}" "$@" ;;
  push) "$here/push-image.sh" "${flags[@]}" "$@" ;;
  deploy) "$here/deploy.sh" "${flags[@]}" "$@" ;;
  test-endpoint) "$here/test-endpoint.sh" "${flags[@]}" "$@" ;;
  full)
    [ -n "${MCP_ENDPOINT:-}" ] || die "MCP_ENDPOINT is not set (the deployed https://<host>/mcp to test after deploy)"
    note "pipeline for $(git_sha)"
    "$here/app.sh" "${flags[@]}"
    "$here/build-image.sh" "${flags[@]}"
    "$here/push-image.sh" "${flags[@]}"
    "$here/deploy.sh" "${flags[@]}" "$@"
    "$here/test-endpoint.sh" "${flags[@]}" --url "$MCP_ENDPOINT"
    ;;
  *) usage ;;
esac
