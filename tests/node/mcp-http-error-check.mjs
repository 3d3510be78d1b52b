// Drives the official MCP TypeScript SDK client into an HTTP refusal and prints, as one JSON line, the error the SDK
// shows its user (its message is what an application or a model gets to read). Used by the end-to-end tests.
//   node mcp-http-error-check.mjs <url> <action>
// Actions:
//   connect          initialize (or, with MCP_SESSION_ID, resume that session) and list the tools
//   flood            connect, then list the tools again and again until the server refuses (at most 200 times)
//   oversize:<bytes> connect, then call auth_status with an argument of that many bytes
// Environment:
//   MCP_TOKEN        a bearer token to send
//   MCP_HEADERS      a JSON object of further request headers (X-Quilt-User-Role, Origin, …)
//   MCP_SESSION_ID   a session id to resume instead of initializing
// Prints {"refused":true,"name":…,"code":…,"message":…} when the SDK threw, {"refused":false} when all succeeded.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, action = "connect"] = process.argv.slice(2);
if (!url) {
  console.error("usage: mcp-http-error-check.mjs <url> connect|flood|oversize:<bytes>");
  process.exit(2);
}

const headers = { ...JSON.parse(process.env.MCP_HEADERS ?? "{}") };
if (process.env.MCP_TOKEN) {
  headers.Authorization = `Bearer ${process.env.MCP_TOKEN}`;
}

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers },
  sessionId: process.env.MCP_SESSION_ID || undefined,
});
const client = new Client({ name: "quilt-mcp-ts-error-check", version: "1.0.0" });

try {
  await client.connect(transport);
  await client.listTools();
  if (action === "flood") {
    for (let i = 0; i < 200; i++) {
      await client.listTools();
    }
  } else if (action.startsWith("oversize:")) {
    const bytes = Number(action.slice("oversize:".length));
    await client.callTool({ name: "auth_status", arguments: { padding: "x".repeat(bytes) } });
  }
  console.log(JSON.stringify({ refused: false }));
} catch (error) {
  console.log(JSON.stringify({ refused: true, name: error?.name ?? null, code: error?.code ?? null, message: String(error?.message ?? error) }));
} finally {
  // The server may be refusing everything by now; the goodbye is best effort.
  await client.close().catch(() => {});
}
