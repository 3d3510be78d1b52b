// Runs npm s3rver on loopback and prints one JSON line per HTTP request it receives, before s3rver handles it,
// so tests can prove which requests reached S3 (and that refused calls sent none).
// Usage: node s3rver-host.mjs <node_modules directory> <port> <data directory>
import { createRequire } from 'node:module';
import http from 'node:http';

const [modules, port, directory] = process.argv.slice(2);
const require = createRequire(`${modules}/`);
const S3rver = require('s3rver');

const s3 = new S3rver({ silent: true, directory, resetOnClose: true });
const handle = s3.callback();
const server = http.createServer((request, response) => {
  process.stdout.write(JSON.stringify({ method: request.method, url: request.url }) + '\n');
  handle(request, response);
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('READY\n'));
