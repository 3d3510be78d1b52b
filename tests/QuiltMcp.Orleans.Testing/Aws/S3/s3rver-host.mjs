// Runs npm s3rver on loopback. s3rver knows one key pair (S3RVER/S3RVER) and checks only that a request's access key
// id is one it knows (it does not verify SigV4 signatures nor session tokens). So that tests can hand each role its
// own key, as STS does, POST /_s3rver-host/access-keys {"accessKeyId":…,"secretAccessKey":…} makes s3rver know one
// more; a key nobody registered is still refused (InvalidAccessKeyId). No bucket can be named "_s3rver-host".
// The multipart requests s3rver lacks (UploadPartCopy, AbortMultipartUpload, ListMultipartUploads) are served by
// s3rver-multipart-copy.mjs. Requests are recorded by the proxy in front of this server (S3RecordingProxy), not here.
// It listens on a loopback port the OS picks and prints "READY <port>" once it accepts connections.
// Object versioning, which s3rver lacks, comes from s3rver-versioning.mjs (see there).
// Usage: node s3rver-host.mjs <node_modules directory> <data directory>
import { createRequire } from 'node:module';
import http from 'node:http';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { multipartCopy } from './s3rver-multipart-copy.mjs';
import { addVersioning } from './s3rver-versioning.mjs';

const [modules, directory] = process.argv.slice(2);
const require = createRequire(`${modules}/`);
const S3rver = require('s3rver');
// The same module instance s3rver itself resolves, so keys added here are the keys it checks.
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');

const s3 = new S3rver({ silent: true, directory, resetOnClose: true });

// s3rver's file store answers a PUT once the body has passed its MD5 hash, before the file stream has reached the
// disk, so a read right after the answer (a test, or the versioning layer keeping the version's bytes) can see part of
// the object. Real S3 reads what it acknowledged: hold the answer until the file holds every byte.
const putObject = s3.store.putObject.bind(s3.store);
s3.store.putObject = async object => {
  const written = await putObject(object);
  const file = s3.store.getResourcePath(object.bucket, object.key, 'object');
  // The file stream may not even have opened the file yet (a missing file is a size of nothing so far).
  const size = () => stat(file).then(found => found.size, () => -1);
  for (let waited = 0; (await size()) < written.size && waited < 5000; waited += 5) await sleep(5);
  return written;
};
addVersioning(s3, require);
const handle = s3.callback();
const handleMultipartCopy = multipartCopy({
  store: s3.store,
  accounts: require('s3rver/lib/models/account').registry,
  origin: () => `http://127.0.0.1:${server.address().port}`,
});

function registerKey(request, response) {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', chunk => { body += chunk; });
  request.on('end', () => {
    const { accessKeyId, secretAccessKey } = JSON.parse(body);
    if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string') {
      response.writeHead(400).end('accessKeyId and secretAccessKey must be strings');
      return;
    }
    DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
    response.writeHead(204).end();
  });
}

const server = http.createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/_s3rver-host/access-keys') {
    registerKey(request, response);
    return;
  }
  if (handleMultipartCopy(request, response)) {
    return;
  }
  handle(request, response);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`READY ${server.address().port}\n`));
