// Runs npm dynalite (an in-memory DynamoDB) on a loopback port the OS picks and prints "READY <port>" once it accepts
// connections, so no port is handed from the test to this process (another process could take it in between).
// Table state changes are instant, so tests need not wait out dynalite's simulated CREATING and DELETING phases.
// Usage: node dynalite-host.mjs <node_modules directory>
import { createRequire } from 'node:module';

const [modules] = process.argv.slice(2);
const require = createRequire(`${modules}/`);
const dynalite = require('dynalite');

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${server.address().port}\n`));
