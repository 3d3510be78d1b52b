// Reads resources with the official MCP TypeScript SDK client over Streamable HTTP: lists the resource templates,
// lists the resources (every page, following nextCursor), reads each URI given, and prints one JSON line with all it
// saw. A read the server refuses is reported with its JSON-RPC code and message instead of failing the script.
//   MCP_TOKEN=<jwt> node mcp-resources-check.mjs <url> <uri> [uri...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, ...uris] = process.argv.slice(2);
if (!url) {
  console.error("usage: mcp-resources-check.mjs <url> <uri> [uri...]");
  process.exit(2);
}

const headers = process.env.MCP_TOKEN ? { Authorization: `Bearer ${process.env.MCP_TOKEN}` } : {};
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const client = new Client({ name: "quilt-mcp-resources-check", version: "1.0.0" });
await client.connect(transport);

const { resourceTemplates } = await client.listResourceTemplates();
const resources = [];
const pages = [];
let cursor;
do {
  const page = await client.listResources(cursor === undefined ? {} : { cursor });
  pages.push(page.resources.length);
  resources.push(...page.resources);
  cursor = page.nextCursor;
} while (cursor !== undefined);

const reads = [];
for (const uri of uris) {
  try {
    const { contents } = await client.readResource({ uri });
    reads.push({ uri, contents });
  } catch (error) {
    reads.push({ uri, error: { code: error?.code ?? null, message: String(error?.message ?? error) } });
  }
}

console.log(JSON.stringify({
  capabilities: client.getServerCapabilities()?.resources ?? null,
  resourceTemplates,
  resources,
  pages,
  reads,
}));
await client.close();
