// Parses every .tf file of a directory with @cdktf/hcl2json and prints one JSON object keyed by file name.
// Usage: node hcl2json.mjs <node_modules parent dir> <terraform dir>
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [nodeDir, tfDir] = process.argv.slice(2);
const require = createRequire(join(nodeDir, "package.json"));
const { parse } = require("@cdktf/hcl2json");

const result = {};
for (const file of readdirSync(tfDir).filter((f) => f.endsWith(".tf")).sort()) {
  result[file] = await parse(file, readFileSync(join(tfDir, file), "utf8"));
}
process.stdout.write(JSON.stringify(result));
