// Calls a list of tools with the official MCP TypeScript SDK client and reports, per call, what a client sees.
// The SDK checks every result of a tool that declares an outputSchema: structuredContent must be present (unless
// isError) and must validate against the schema, or callTool throws; such a failure is reported as "rejected".
//   MCP_TOKEN=<jwt> node mcp-structured-check.mjs <url> <calls.json>
// calls.json: [{"name": "...", "arguments": {...}}, ...]; prints one JSON line per call.
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, callsFile] = process.argv.slice(2);
if (!url || !callsFile) {
  console.error("usage: mcp-structured-check.mjs <url> <calls.json>");
  process.exit(2);
}

const headers = process.env.MCP_TOKEN ? { Authorization: `Bearer ${process.env.MCP_TOKEN}` } : {};
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const client = new Client({ name: "quilt-mcp-structured-check", version: "1.0.0" });
await client.connect(transport);
// Listing caches each tool's outputSchema validator, which callTool then applies.
const { tools } = await client.listTools();
const declared = new Map(tools.map((tool) => [tool.name, tool.outputSchema !== undefined]));

for (const call of JSON.parse(readFileSync(callsFile, "utf8"))) {
  try {
    const result = await client.callTool({ name: call.name, arguments: call.arguments ?? {} });
    const text = result.content?.find((block) => block.type === "text")?.text ?? null;
    console.log(JSON.stringify({
      name: call.name,
      outputSchema: declared.get(call.name) ?? false,
      isError: result.isError ?? false,
      text,
      structuredContent: result.structuredContent ?? null,
    }));
  } catch (error) {
    console.log(JSON.stringify({ name: call.name, rejected: String(error?.message ?? error) }));
  }
}
await client.close();
