#!/usr/bin/env bash
# Checks a running MCP endpoint, local or deployed: initialize, tools/list, tools/call, each reply a valid
# JSON-RPC 2.0 response to the request sent. Exit 0 only when all three pass.
# Usage: scripts/test-endpoint.sh [--dry-run] (-l | --url URL) [--tool NAME] [--arguments JSON]
#        Bearer token, when the endpoint needs one: MCP_TOKEN=… (never on the command line, never printed).
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { echo "usage: $0 [--dry-run] (-l | --url URL) [--tool NAME] [--arguments JSON]" >&2; exit 2; }
url=""
tool="auth_status"
arguments="{}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    -l | --local) url="http://127.0.0.1:${FASTMCP_PORT:-8000}/mcp" ;;
    -u | --url) [ $# -ge 2 ] || usage; url="$2"; shift ;;
    --tool) [ $# -ge 2 ] || usage; tool="$2"; shift ;;
    --arguments) [ $# -ge 2 ] || usage; arguments="$2"; shift ;;
    -h | --help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
  shift
done

[ -n "$url" ] || usage
[[ "$url" =~ ^https?://[^[:space:]]+$ ]] || die "--url '$url' is not an http(s) URL"
[[ "$tool" =~ ^[A-Za-z0-9_.-]+$ ]] || die "--tool '$tool' is not a tool name"
require_tool curl
require_tool jq
if [ "$DRY_RUN" -eq 0 ]; then
  jq -e 'type == "object"' <<<"$arguments" >/dev/null 2>&1 || die "--arguments must be a JSON object"
fi

session_id=""
response_body=""
initialized=0

# POSTs one JSON-RPC message; the reply body (JSON or the data lines of an SSE stream) lands in
# $response_body and the session id, when the server hands one out, in $session_id.
post() {
  local payload="$1"
  local command=(curl --silent --show-error --include --max-time 30 -X POST
    -H "Content-Type: application/json" -H "Accept: application/json, text/event-stream")
  local shown=("${command[@]}")
  if [ -n "${MCP_TOKEN:-}" ]; then
    command+=(-H "Authorization: Bearer $MCP_TOKEN")
    shown+=(-H "Authorization: Bearer ***")
  fi
  if [ -n "$session_id" ]; then
    command+=(-H "Mcp-Session-Id: $session_id")
    shown+=(-H "Mcp-Session-Id: $session_id")
  elif [ "$DRY_RUN" -eq 1 ] && [ "$initialized" -eq 1 ]; then
    # A dry run cannot know the id initialize will hand out; it shows where it goes.
    # shellcheck disable=SC2016 # the literal $MCP_SESSION_ID is the placeholder shown
    shown+=(-H 'Mcp-Session-Id: $MCP_SESSION_ID')
  fi
  initialized=1
  command+=(--data "$payload" "$url")
  shown+=(--data "$payload" "$url")
  print_command "${shown[@]}"
  if [ "$DRY_RUN" -eq 1 ]; then
    return 0
  fi

  local raw headers status
  raw="$("${command[@]}")" || die "request to $url failed"
  raw="${raw//$'\r'/}"
  headers="${raw%%$'\n\n'*}"
  response_body="${raw#*$'\n\n'}"
  status="$(head -n1 <<<"$headers" | awk '{print $2}')"
  [[ "$status" == 2* ]] || die "HTTP $status from $url: $response_body"
  local id
  id="$(awk 'tolower($1) == "mcp-session-id:" {print $2}' <<<"$headers")"
  [ -z "$id" ] || session_id="$id"
  if grep -qi '^content-type: *text/event-stream' <<<"$headers"; then
    response_body="$(sed -n 's/^data: *//p' <<<"$response_body" | tail -n1)"
  fi
}

# A JSON-RPC 2.0 response to request $1: version 2.0, the same id, a result and no error.
check_reply() {
  local id="$1" what="$2" extra="$3"
  [ "$DRY_RUN" -eq 0 ] || return 0
  jq -e --argjson id "$id" '.jsonrpc == "2.0" and .id == $id and has("result") and (has("error") | not)' \
    <<<"$response_body" >/dev/null 2>&1 || die "$what: not a JSON-RPC 2.0 result for id $id: $response_body"
  jq -e "$extra" <<<"$response_body" >/dev/null 2>&1 || die "$what: unexpected result: $response_body"
  echo "ok: $what"
}

post '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"quilt-mcp-test-endpoint","version":"1"}}}'
check_reply 1 initialize '.result.serverInfo.name | type == "string"'

post '{"jsonrpc":"2.0","method":"notifications/initialized"}'

post '{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}'
check_reply 2 tools/list "[.result.tools[].name] | index(\"$tool\") != null"

post "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"$tool\",\"arguments\":$arguments}}"
check_reply 3 "tools/call $tool" '(.result.isError // false) == false and (.result.content | type == "array")'
