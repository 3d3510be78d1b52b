// Drives the server with the official MCP TypeScript SDK client: connect (initialize handshake),
// list tools, call one tool, and print one JSON line with what it saw. Used by the end-to-end tests.
//   MCP_TOKEN=<jwt> node mcp-client-check.mjs http <url> [tool]
//   node mcp-client-check.mjs stdio <tool> <command> [args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [mode, ...rest] = process.argv.slice(2);
let transport;
let tool;
if (mode === "http") {
  const [url, toolName] = rest;
  tool = toolName ?? "auth_status";
  const headers = process.env.MCP_TOKEN ? { Authorization: `Bearer ${process.env.MCP_TOKEN}` } : {};
  transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
} else if (mode === "stdio") {
  const [toolName, command, ...args] = rest;
  tool = toolName;
  // The server's stderr passes through, so the caller sees why a start failed (e.g. its silo port was taken).
  transport = new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "inherit" });
} else {
  console.error("usage: mcp-client-check.mjs http <url> [tool] | stdio <tool> <command> [args...]");
  process.exit(2);
}

const client = new Client({ name: "quilt-mcp-ts-check", version: "1.0.0" });
await client.connect(transport);
const tools = await client.listTools();
const result = await client.callTool({ name: tool, arguments: {} });
const text = result.content?.[0]?.type === "text" ? result.content[0].text : null;
console.log(JSON.stringify({
  sessionId: transport.sessionId ?? null,
  server: client.getServerVersion(),
  tools: tools.tools.map((t) => t.name),
  isError: result.isError ?? false,
  text,
  result: text === null ? null : JSON.parse(text),
}));
await client.close();
