#!/usr/bin/env bash
# Installs the Debian packages the deployment tests need, only when they are missing, so that test.sh
# works on a fresh machine and costs nothing on one that already has them.
# - shellcheck: the pipeline scripts must stay clean, and the tests prove it by running it on them.
# - curl, jq: scripts/test-endpoint.sh speaks JSON-RPC with them; the tests run it against a real server.
set -euo pipefail

missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

# Root on CI and developer machines; sudo elsewhere, when it is there.
run_as_root=()
if [ "$(id -u)" -ne 0 ]; then
  run_as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
