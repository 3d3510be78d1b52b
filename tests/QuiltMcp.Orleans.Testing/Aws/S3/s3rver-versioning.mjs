// S3 object versioning for npm s3rver, which has none: it answers ?versioning with NotImplemented and ignores
// ?versionId. This is the part of S3's REST API that versioned buckets add, on the same wire protocol, so the real AWS
// SDK exercises it as it would S3:
//   PUT/GET /bucket?versioning          VersioningConfiguration with Status Enabled or Suspended
//   writes to a versioned bucket        PUT object, PUT copy, POST ?uploadId (complete multipart) answer with
//                                       x-amz-version-id and keep that version's bytes and metadata; DELETE adds a
//                                       delete marker. What a key held before versioning stays readable as "null".
//   GET/HEAD /bucket/key?versionId=     that version (NoSuchVersion 404 for one the key never had, InvalidArgument 400
//                                       "Invalid version id specified" for an id this server cannot have issued)
//   GET/HEAD /bucket/key                s3rver's answer, plus x-amz-version-id of the current version
//   PUT with x-amz-copy-source …?versionId=   copies that version (metadata directive COPY)
//   GET /bucket?versions                ListObjectVersions: prefix, delimiter, max-keys, key-marker, version-id-marker
// Buckets never put under versioning are left exactly to s3rver (which ignores a versionId on them), except ?versions,
// which s3rver refuses and S3 answers with every object as version "null", and a copy whose source names a version,
// which s3rver would take for part of the key (only "null" exists there; any other id is InvalidArgument, as in S3).
// Not here (refused with NotImplemented rather than answered wrongly): DELETE of one version, a Range or
// response-header override on a versioned GET, MetadataDirective REPLACE when copying an older version.
// Versions live in memory, for the life of the process, as s3rver's own data does (resetOnClose).
// It is a Koa middleware placed in front of s3rver's router; requests it answers itself are authenticated by s3rver's
// own authentication middleware first. Writes to one key are serialized so each version holds the bytes it names.
// Usage (before s3rver.callback()): addVersioning(s3rver, require) with a require that resolves s3rver.
import { randomBytes } from 'node:crypto';

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const ISSUED_ID = /^[A-Za-z0-9_-]{32}$/;
// Object subresources whose requests are not reads or writes of the object's content.
const SUBRESOURCES = ['uploadId', 'uploads', 'partNumber', 'tagging', 'acl'];
const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = text => text.replace(/[&<>"']/g, c => XML_ESCAPES[c]);

export function addVersioning(s3rver, require) {
  const S3Error = require('s3rver/lib/models/error');
  const S3Object = require('s3rver/lib/models/object');
  const authenticate = require('s3rver/lib/middleware/authentication')();
  const buckets = new Map(); // bucket -> { status, keys: Map<key, version[] oldest first> }
  const writing = new Map(); // "bucket/key" -> the tail of that key's write queue

  const notImplemented = what => new S3Error('NotImplemented', `${what} is not implemented by this test server's versioning layer.`);
  const noSuchVersion = (key, versionId) =>
    new S3Error('NoSuchVersion', 'The specified version does not exist.', { Key: key, VersionId: versionId });
  const invalidVersion = versionId =>
    new S3Error('InvalidArgument', 'Invalid version id specified', { ArgumentName: 'versionId', ArgumentValue: versionId });

  async function bucketMustExist(ctx, bucket) {
    if (!(await ctx.store.getBucket(bucket))) {
      throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    }
  }

  function readBody(ctx) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      ctx.req.on('data', chunk => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
    });
  }

  async function exclusively(name, work) {
    const previous = writing.get(name) ?? Promise.resolve();
    let release;
    const mine = previous.then(() => new Promise(resolve => { release = resolve; }));
    writing.set(name, mine);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (writing.get(name) === mine) writing.delete(name);
    }
  }

  async function snapshot(store, bucket, key, id) {
    const object = await store.getObject(bucket, key);
    const chunks = [];
    for await (const chunk of object.content) chunks.push(chunk);
    return { id, content: Buffer.concat(chunks), metadata: { ...object.metadata }, lastModified: object.lastModifiedDate };
  }

  /** The version a read without versionId gets: the newest, unless that is a delete marker. */
  function current(state, key) {
    const versions = state?.keys.get(key) ?? [];
    const newest = versions[versions.length - 1];
    return newest && !newest.deleteMarker ? newest : undefined;
  }

  function findVersion(bucket, key, versionId) {
    const state = buckets.get(bucket);
    if (versionId !== 'null' && !ISSUED_ID.test(versionId)) throw invalidVersion(versionId);
    const version = (state?.keys.get(key) ?? []).find(candidate => candidate.id === versionId);
    if (!version) throw noSuchVersion(key, versionId);
    return version;
  }

  async function putVersioning(ctx, bucket) {
    await bucketMustExist(ctx, bucket);
    const status = /<Status>\s*(Enabled|Suspended)\s*<\/Status>/.exec(await readBody(ctx))?.[1];
    if (!status) {
      throw new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
    }
    const state = buckets.get(bucket) ?? { status, keys: new Map() };
    state.status = status;
    buckets.set(bucket, state);
    ctx.body = '';
  }

  async function getVersioning(ctx, bucket) {
    await bucketMustExist(ctx, bucket);
    const status = buckets.get(bucket)?.status;
    ctx.body = { VersioningConfiguration: { '@': { xmlns: XMLNS }, ...(status ? { Status: status } : {}) } };
  }

  async function serveVersion(ctx, bucket, key) {
    const versionId = ctx.query.versionId;
    const version = findVersion(bucket, key, versionId);
    if (version.deleteMarker) {
      ctx.set('x-amz-delete-marker', 'true');
      ctx.set('x-amz-version-id', version.id);
      throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: ctx.method, ResourceType: 'DeleteMarker' });
    }
    if (ctx.get('range')) throw notImplemented('A Range on a versioned GET');
    if (Object.keys(ctx.query).some(name => name.startsWith('response-'))) throw notImplemented('A response-header override on a versioned GET');
    for (const [name, value] of Object.entries(version.metadata)) ctx.set(name, String(value));
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('x-amz-version-id', version.id);
    ctx.status = 200;
    ctx.body = version.content;
  }

  /** A copy whose source names a version: the current one is s3rver's copy; an older one is written from its snapshot. */
  async function copyVersion(ctx, next, bucket, key) {
    const raw = ctx.get('x-amz-copy-source');
    const [sourcePath, query] = raw.split('?', 2);
    const versionId = new URLSearchParams(query).get('versionId');
    const decoded = decodeURIComponent(sourcePath).replace(/^\//, '');
    const [sourceBucket, ...rest] = decoded.split('/');
    const sourceKey = rest.join('/');
    const sourceState = buckets.get(sourceBucket);
    if (!sourceState) {
      // An unversioned source has only its "null" version: s3rver's copy of the object as it is.
      if (versionId !== 'null') throw invalidVersion(versionId);
      ctx.request.headers['x-amz-copy-source'] = sourcePath;
      return next();
    }
    const version = findVersion(sourceBucket, sourceKey, versionId);
    if (version.deleteMarker) {
      throw new S3Error('InvalidRequest', 'The source of a copy request may not specifically refer to a delete marker by version id.');
    }
    ctx.set('x-amz-copy-source-version-id', version.id);
    if (version === current(sourceState, sourceKey)) {
      ctx.request.headers['x-amz-copy-source'] = sourcePath;
      return next();
    }
    if (ctx.get('x-amz-metadata-directive') === 'REPLACE') throw notImplemented('MetadataDirective REPLACE when copying an older version');
    await ctx.store.putObject(new S3Object(bucket, key, version.content, version.metadata));
    const metadata = await ctx.store.getMetadata(bucket, key);
    ctx.body = { CopyObjectResult: { LastModified: new Date(metadata['last-modified']).toISOString(), ETag: metadata.etag } };
  }

  /** Runs s3rver's write (or the versioned copy), then keeps what it stored as a new version. */
  async function recordWrite(ctx, state, bucket, key, write) {
    await exclusively(`${bucket}/${key}`, async () => {
      const versions = state.keys.get(key) ?? [];
      if (versions.length === 0 && (await ctx.store.existsObject(bucket, key))) {
        versions.push(await snapshot(ctx.store, bucket, key, 'null'));
      }
      await write();
      if (ctx.status !== 200) return;
      const id = state.status === 'Enabled' ? randomBytes(24).toString('base64url') : 'null';
      const kept = id === 'null' ? versions.filter(version => version.id !== 'null') : versions;
      kept.push(await snapshot(ctx.store, bucket, key, id));
      state.keys.set(key, kept);
      ctx.set('x-amz-version-id', id);
    });
  }

  async function recordDelete(ctx, next, state, bucket, key) {
    await exclusively(`${bucket}/${key}`, async () => {
      const versions = state.keys.get(key) ?? [];
      if (versions.length === 0 && (await ctx.store.existsObject(bucket, key))) {
        versions.push(await snapshot(ctx.store, bucket, key, 'null'));
      }
      await next();
      if (ctx.status !== 204) return;
      const id = state.status === 'Enabled' ? randomBytes(24).toString('base64url') : 'null';
      const kept = id === 'null' ? versions.filter(version => version.id !== 'null') : versions;
      kept.push({ id, deleteMarker: true, lastModified: new Date() });
      state.keys.set(key, kept);
      ctx.set('x-amz-delete-marker', 'true');
      ctx.set('x-amz-version-id', id);
    });
  }

  async function listVersions(ctx, bucket) {
    await bucketMustExist(ctx, bucket);
    const { prefix = '', delimiter = '', 'key-marker': keyMarker = '', 'version-id-marker': versionIdMarker = '' } = ctx.query;
    const maxKeys = Math.min(1000, Number(ctx.query['max-keys'] ?? 1000));
    if (!Number.isInteger(maxKeys) || maxKeys < 0) {
      throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', { ArgumentName: 'max-keys' });
    }
    const state = buckets.get(bucket);
    const stored = new Map((await ctx.store.listObjects(bucket, { prefix })).objects.map(object => [object.key, object]));
    const keys = [...new Set([...stored.keys(), ...[...(state?.keys.keys() ?? [])].filter(key => key.startsWith(prefix))])].sort();

    // One row per version, newest first within a key, or one per folder rolled up by the delimiter.
    const rows = [];
    const rolled = new Set();
    for (const key of keys) {
      const cut = delimiter ? key.slice(prefix.length).indexOf(delimiter) : -1;
      if (cut !== -1) {
        const folder = key.slice(0, prefix.length + cut + delimiter.length);
        if (!rolled.has(folder)) rolled.add(folder), rows.push({ key: folder, folder: true });
        continue;
      }
      const recorded = [...(state?.keys.get(key) ?? [])].reverse();
      const versions = recorded.length > 0 ? recorded : stored.has(key) ? [fromStore(stored.get(key))] : [];
      versions.forEach((version, index) => rows.push({ key, version, latest: index === 0 }));
    }

    let start = 0;
    if (keyMarker) {
      const marker = versionIdMarker ? rows.findIndex(row => row.key === keyMarker && row.version?.id === versionIdMarker) : -1;
      start = marker !== -1 ? marker + 1 : rows.findIndex(row => row.key > keyMarker);
      if (start === -1) start = rows.length;
    }
    const page = rows.slice(start, start + maxKeys);
    const truncated = start + maxKeys < rows.length;
    const last = page[page.length - 1];
    // Written by hand: S3 interleaves Version and DeleteMarker elements in key order, which s3rver's object-to-XML
    // encoder (one element list per name) cannot.
    const element = (name, value) => `<${name}>${escapeXml(String(value))}</${name}>`;
    const rowXml = ({ key, version, latest, folder }) => {
      if (folder) return `<CommonPrefixes>${element('Prefix', key)}</CommonPrefixes>`;
      const common = element('Key', key) + element('VersionId', version.id) + element('IsLatest', latest)
        + element('LastModified', version.lastModified.toISOString());
      return version.deleteMarker
        ? `<DeleteMarker>${common}</DeleteMarker>`
        : `<Version>${common}${element('ETag', version.metadata.etag)}${element('Size', Number(version.metadata['content-length']))}`
          + `${element('StorageClass', 'STANDARD')}</Version>`;
    };
    ctx.type = 'application/xml';
    ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n'
      + `<ListVersionsResult xmlns="${XMLNS}">`
      + element('Name', bucket) + element('Prefix', prefix) + element('KeyMarker', keyMarker)
      + element('VersionIdMarker', versionIdMarker) + element('MaxKeys', maxKeys)
      + (delimiter ? element('Delimiter', delimiter) : '') + element('IsTruncated', truncated)
      + (truncated ? element('NextKeyMarker', last.key) + (last.version ? element('NextVersionIdMarker', last.version.id) : '') : '')
      + page.map(rowXml).join('')
      + '</ListVersionsResult>';
  }

  function fromStore(object) {
    return { id: 'null', metadata: object.metadata, lastModified: object.lastModifiedDate };
  }

  /** Requests this layer answers itself pass s3rver's own authentication first, as they would inside s3rver. */
  function authenticated(ctx, bucket, key, answer) {
    ctx.params = { bucket, key };
    return authenticate(ctx, () => answer());
  }

  async function versioning(ctx, next) {
    // Path-style addressing (s3rver's vhost middleware, before this one, rewrites virtual-hosted requests to it).
    const [, encodedBucket, ...encodedKey] = ctx.path.split('/');
    let bucket, key;
    try {
      bucket = decodeURIComponent(encodedBucket ?? '');
      key = decodeURIComponent(encodedKey.join('/'));
    } catch {
      return next(); // not a percent-encoding a bucket or key can have: s3rver answers it as it always has
    }
    const query = ctx.query;
    const method = ctx.method;
    if (!bucket || bucket.startsWith('_')) return next();

    if (!key) {
      if ('versioning' in query && method === 'PUT') return authenticated(ctx, bucket, key, () => putVersioning(ctx, bucket));
      if ('versioning' in query && method === 'GET') return authenticated(ctx, bucket, key, () => getVersioning(ctx, bucket));
      if ('versions' in query && method === 'GET') return authenticated(ctx, bucket, key, () => listVersions(ctx, bucket));
      return next();
    }

    const state = buckets.get(bucket);
    const copySource = method === 'PUT' ? ctx.get('x-amz-copy-source') : '';
    const plain = ![...SUBRESOURCES, 'versionId'].some(name => name in query);
    if (copySource.includes('?') && plain) {
      const copy = () => copyVersion(ctx, next, bucket, key);
      return authenticated(ctx, bucket, key, () => (state ? recordWrite(ctx, state, bucket, key, copy) : copy()));
    }
    if (!state) return next();

    // A key untouched since versioning was turned on has one version, "null": what s3rver holds.
    const nullOfUntouched = query.versionId === 'null' && !state.keys.get(key)?.length;
    if ((method === 'GET' || method === 'HEAD') && 'versionId' in query && !nullOfUntouched) {
      return authenticated(ctx, bucket, key, () => serveVersion(ctx, bucket, key));
    }
    if ((method === 'GET' || method === 'HEAD') && !SUBRESOURCES.some(name => name in query)) {
      await next();
      if (ctx.status === 200 || ctx.status === 206 || ctx.status === 304) ctx.set('x-amz-version-id', current(state, key)?.id ?? 'null');
      return;
    }
    if ((method === 'PUT' && plain) || (method === 'POST' && 'uploadId' in query)) return recordWrite(ctx, state, bucket, key, next);
    if (method === 'DELETE' && 'versionId' in query) throw notImplemented('Deleting one version');
    if (method === 'DELETE' && plain) return recordDelete(ctx, next, state, bucket, key);
    return next();
  }

  const router = s3rver.middleware.findIndex(middleware => middleware.router);
  if (router === -1) throw new Error('s3rver-versioning: s3rver has no router middleware to stand in front of');
  s3rver.middleware.splice(router, 0, versioning);
}
