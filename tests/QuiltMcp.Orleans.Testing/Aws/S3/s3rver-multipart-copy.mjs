// The multipart requests s3rver 3.7 does not implement, served on S3's wire protocol so that multipart copies can be
// tested with the real AWS SDK:
//   UploadPartCopy        PUT  /bucket/key?partNumber=N&uploadId=U  with x-amz-copy-source[-range|-if-match]
//   AbortMultipartUpload  DELETE /bucket/key?uploadId=U
//   ListMultipartUploads  GET  /bucket?uploads
// UploadPartCopy reads the source range through this same server (GET with the caller's own Authorization and a Range
// header), so the source read is authenticated, versioned (if a layer in front adds versions) and fails as a GET
// would (NoSuchKey, NoSuchBucket, AccessDenied pass through unchanged); the bytes are stored as that upload's part in
// s3rver's own store, which CompleteMultipartUpload (s3rver's) then assembles. As S3 does, a part copied into an upload
// started with x-amz-checksum-algorithm: SHA256 gets its SHA-256 in the answer (<ChecksumSHA256>, base64); s3rver
// keeps the headers an upload was started with in the upload's metadata file, which is where that is read.
// s3rver's own CopyObject reads x-amz-copy-source with decodeURI, which leaves the %2F the AWS SDK writes for '/';
// S3 decodes it. The header of a CopyObject is rewritten to the form s3rver reads before s3rver gets the request.
// Like s3rver, only the access key id is checked (it must be one s3rver knows), not the SigV4 signature.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);
}

function sendXml(response, status, xml) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  response.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) }).end(body);
}

function sendError(response, status, code, message) {
  sendXml(response, status, `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`);
}

function accessKeyIdOf(request, query) {
  const credential = /Credential=([^/,\s]+)/.exec(request.headers.authorization ?? '')?.[1]
    ?? query.get('X-Amz-Credential')?.split('/')[0];
  return credential ?? null;
}

/**
 * @param {object} options
 * @param {object} options.store s3rver's FilesystemStore (its instance's `store`)
 * @param {Map<string, object>} options.accounts s3rver's key registry (AWSAccount.registry)
 * @param {() => string} options.origin this server's own http://127.0.0.1:port, for reading copy sources
 * @returns {(request: http.IncomingMessage, response: http.ServerResponse) => boolean} true when it took the request
 */
export function multipartCopy({ store, accounts, origin }) {
  const uploadDirectory = (bucket, uploadId) => path.join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);

  async function uploadExists(bucket, key, uploadId) {
    if (!/^[0-9a-f]+$/.test(uploadId)) {
      return false;
    }
    try {
      return (await fs.readFile(path.join(uploadDirectory(bucket, uploadId), 'key'), 'utf8')) === key;
    } catch {
      return false;
    }
  }

  function readSource(request, copySource, range) {
    const headers = {};
    for (const name of ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']) {
      if (request.headers[name] !== undefined) {
        headers[name] = request.headers[name];
      }
    }
    if (range) {
      headers.range = range;
    }
    if (request.headers['x-amz-copy-source-if-match']) {
      headers['if-match'] = request.headers['x-amz-copy-source-if-match'];
    }
    // [/]bucket/key[?versionId=…], percent-encoded (the SDK encodes the slashes too): re-encoded as a request path.
    const [encodedPath, version] = copySource.split('?', 2);
    const [bucket, ...key] = decodeURIComponent(encodedPath).replace(/^\//, '').split('/');
    const target = new URL([bucket, ...key].map(encodeURIComponent).join('/') + (version ? `?${version}` : ''), `${origin()}/`);
    return new Promise((resolve, reject) => {
      http.get(target, { headers }, resolve).on('error', reject);
    });
  }

  async function uploadPartCopy(request, response, bucket, key, query) {
    const uploadId = query.get('uploadId');
    const partNumber = Number(query.get('partNumber'));
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      sendError(response, 400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
      return;
    }
    const range = request.headers['x-amz-copy-source-range'];
    if (range !== undefined && !/^bytes=\d+-\d+$/.test(range)) {
      sendError(response, 400, 'InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last');
      return;
    }
    if (!(await uploadExists(bucket, key, uploadId))) {
      sendError(response, 404, 'NoSuchUpload', 'The specified upload does not exist.');
      return;
    }
    const source = await readSource(request, request.headers['x-amz-copy-source'], range);
    if (source.statusCode !== 200 && source.statusCode !== 206) {
      // The source's own error (NoSuchKey, AccessDenied, InvalidRange, …), as S3 reports it for the copy.
      response.writeHead(source.statusCode === 416 ? 400 : source.statusCode, { 'Content-Type': 'application/xml' });
      source.pipe(response);
      return;
    }
    const started = JSON.parse(await fs.readFile(path.join(uploadDirectory(bucket, uploadId), 'metadata'), 'utf8'));
    const sha256 = String(started['x-amz-checksum-algorithm'] ?? '').toUpperCase() === 'SHA256' ? crypto.createHash('sha256') : null;
    const hashed = source.pipe(new Transform({
      transform(chunk, encoding, callback) {
        sha256?.update(chunk);
        callback(null, chunk);
      },
    }));
    const { md5 } = await store.putPart(bucket, uploadId, partNumber, hashed);
    const checksum = sha256 ? `<ChecksumSHA256>${sha256.digest('base64')}</ChecksumSHA256>` : '';
    sendXml(response, 200, `<CopyPartResult xmlns="${S3_NAMESPACE}"><LastModified>${new Date().toISOString()}</LastModified>`
      + `<ETag>&quot;${md5}&quot;</ETag>${checksum}</CopyPartResult>`);
  }

  async function abortUpload(response, bucket, key, uploadId) {
    if (!(await uploadExists(bucket, key, uploadId))) {
      sendError(response, 404, 'NoSuchUpload', 'The specified upload does not exist.');
      return;
    }
    await fs.rm(uploadDirectory(bucket, uploadId), { recursive: true, force: true });
    response.writeHead(204).end();
  }

  async function listUploads(response, bucket) {
    if (!(await store.getBucket(bucket))) {
      sendError(response, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      return;
    }
    const root = store.getResourcePath(bucket, undefined, 'uploads');
    const ids = await fs.readdir(root).catch(() => []);
    const uploads = [];
    for (const id of ids.sort()) {
      const key = await fs.readFile(path.join(root, id, 'key'), 'utf8').catch(() => null);
      const stat = await fs.stat(path.join(root, id)).catch(() => null);
      if (key !== null && stat !== null) {
        uploads.push(`<Upload><Key>${escapeXml(key)}</Key><UploadId>${id}</UploadId><Initiated>${stat.birthtime.toISOString()}</Initiated></Upload>`);
      }
    }
    sendXml(response, 200, `<ListMultipartUploadsResult xmlns="${S3_NAMESPACE}"><Bucket>${escapeXml(bucket)}</Bucket>`
      + '<KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>'
      + `${uploads.join('')}</ListMultipartUploadsResult>`);
  }

  return function handle(request, response) {
    const url = new URL(request.url, 'http://s3rver.invalid');
    const query = url.searchParams;
    const [bucketPart, ...keyParts] = url.pathname.slice(1).split('/');
    const bucket = decodeURIComponent(bucketPart);
    const key = decodeURIComponent(keyParts.join('/'));
    let operation;
    if (request.method === 'PUT' && key && query.has('uploadId') && query.has('partNumber') && request.headers['x-amz-copy-source']) {
      operation = () => uploadPartCopy(request, response, bucket, key, query);
    } else if (request.method === 'DELETE' && key && query.has('uploadId')) {
      operation = () => abortUpload(response, bucket, key, query.get('uploadId'));
    } else if (request.method === 'GET' && bucket && !key && query.has('uploads')) {
      operation = () => listUploads(response, bucket);
    } else {
      if (request.method === 'PUT' && key && request.headers['x-amz-copy-source']) {
        const [encodedPath, version] = request.headers['x-amz-copy-source'].split('?', 2);
        request.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(encodedPath)) + (version ? `?${version}` : '');
      }
      return false;
    }

    const accessKeyId = accessKeyIdOf(request, query);
    if (accessKeyId === null) {
      sendError(response, 403, 'AccessDenied', 'Access Denied');
      return true;
    }
    if (!accounts.has(accessKeyId)) {
      sendError(response, 403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
      return true;
    }
    // A request body the operation does not read must still be consumed before the answer.
    request.resume();
    operation().catch(failure => {
      if (!response.headersSent) {
        sendError(response, 500, 'InternalError', String(failure?.message ?? failure));
      } else {
        response.destroy(failure);
      }
    });
    return true;
  };
}
