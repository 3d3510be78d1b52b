// Runs npm dynalite (a DynamoDB) on a loopback port and prints "READY <port>" once it accepts connections.
// Port 0 (the default) lets the OS pick, so no port is handed from the test to this process (another process could
// take it in between); a restart passes the port it had, so clients keep their endpoint across an outage.
// A data folder keeps the tables on disk (LevelDB) so they survive the process; without one they live in memory.
// Table state changes are instant, so tests need not wait out dynalite's simulated CREATING and DELETING phases.
// Usage: node dynalite-host.mjs <node_modules directory> [port] [data folder]
import { createRequire } from 'node:module';

const [modules, port = '0', path] = process.argv.slice(2);
const require = createRequire(`${modules}/`);
const dynalite = require('dynalite');

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path ? { path } : {}) });
server.on('error', error => {
  process.stderr.write(`dynalite could not listen: ${error.code ?? error.message}\n`);
  process.exit(error.code === 'EADDRINUSE' ? 3 : 1);
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`READY ${server.address().port}\n`));
