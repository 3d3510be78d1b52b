// Calls MCP tools one after another with the official MCP TypeScript SDK client and prints one JSON line per call:
// {"transport", "tool", "isError", "result"} where result is the call's structured content, else its text (parsed when
// it is JSON). Stops at the first call that fails, with exit code 1 (2 for a bad command line). Used by the README's
// local recipe.
//
//   MCP_TOKEN=<jwt> node mcp-call.mjs <http(s) URL of /mcp> <tool> '<json arguments>' [<tool> '<json arguments>' ...]
//   node mcp-call.mjs <tool> '<json arguments>' [...] -- <server command> [server arguments...]     (stdio)
//
// Over HTTP it first waits (up to MCP_WAIT_SECONDS, default 180) for the server's /ready, so it can follow a server
// started in the background. Over stdio it starts the server command itself, as a desktop client does, and stops it by
// closing its stdin; the server's stderr (its logs) is shown only when something fails.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const usage = "usage: mcp-call.mjs <url> <tool> '<json>' [...] | mcp-call.mjs <tool> '<json>' [...] -- <command> [args...]";
// A cold `dotnet run` builds the server before it answers; calls such as package_create hash every object.
const timeout = 300_000;

function fail(message, logs = [], code = 1) {
  if (logs.length > 0) {
    console.error(`--- the server's last ${logs.length} log lines ---\n${logs.join("\n")}`);
  }
  console.error(`mcp-call: ${message}`);
  process.exit(code);
}

function usageError(message) {
  fail(`${message}\n${usage}`, [], 2);
}

function parseCalls(words) {
  if (words.length === 0 || words.length % 2 !== 0) {
    usageError("expected <tool> '<json arguments>' pairs");
  }
  const calls = [];
  for (let i = 0; i < words.length; i += 2) {
    let args;
    try {
      args = JSON.parse(words[i + 1]);
    } catch (error) {
      usageError(`the arguments of ${words[i]} are not JSON (${error.message}): ${words[i + 1]}`);
    }
    if (args === null || typeof args !== "object" || Array.isArray(args)) {
      usageError(`the arguments of ${words[i]} must be a JSON object, not ${words[i + 1]}`);
    }
    calls.push({ name: words[i], arguments: args });
  }
  return calls;
}

async function waitUntilReady(mcpUrl) {
  const ready = new URL("/ready", mcpUrl);
  const deadline = Date.now() + Number(process.env.MCP_WAIT_SECONDS ?? 180) * 1000;
  let said = false;
  for (;;) {
    try {
      const response = await fetch(ready);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      fail(`${ready} did not answer 200 in time; is the server running?`);
    }
    if (!said) {
      console.error(`mcp-call: waiting for ${ready} ...`);
      said = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function resultOf(result) {
  if (result.structuredContent !== undefined) {
    return result.structuredContent;
  }
  const text = (result.content ?? []).filter((block) => block.type === "text").map((block) => block.text).join("");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const argv = process.argv.slice(2);
const separator = argv.indexOf("--");
const serverLogs = [];
let transport;
let kind;
let calls;
if (separator < 0 && /^https?:\/\//.test(argv[0] ?? "")) {
  kind = "http";
  calls = parseCalls(argv.slice(1));
  const url = new URL(argv[0]);
  await waitUntilReady(url);
  const headers = process.env.MCP_TOKEN ? { Authorization: `Bearer ${process.env.MCP_TOKEN}` } : {};
  transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
} else if (separator > 0 && separator < argv.length - 1) {
  kind = "stdio";
  calls = parseCalls(argv.slice(0, separator));
  const [command, ...args] = argv.slice(separator + 1);
  // The whole environment, as a desktop client's "env" would set it (the SDK passes only a few variables by default).
  transport = new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "pipe" });
  transport.stderr?.on("data", (chunk) => {
    serverLogs.push(...chunk.toString().split("\n").filter((line) => line.length > 0));
    serverLogs.splice(0, Math.max(0, serverLogs.length - 20));
  });
} else {
  usageError("give the server as an http(s) URL first, or as a command after --");
}

const client = new Client({ name: "quilt-mcp-call", version: "1.0.0" });
try {
  await client.connect(transport, { timeout });
} catch (error) {
  fail(`could not connect over ${kind}: ${error.message}`, serverLogs);
}

let failed = false;
for (const call of calls) {
  let result;
  try {
    result = await client.callTool(call, undefined, { timeout });
  } catch (error) {
    fail(`${call.name} failed: ${error.message}`, serverLogs);
  }
  const isError = result.isError ?? false;
  console.log(JSON.stringify({ transport: kind, tool: call.name, isError, result: resultOf(result) }));
  if (isError) {
    failed = true;
    break;
  }
}
await client.close();
if (failed) {
  fail("a tool answered an error (above); the calls after it were not made", serverLogs);
}
