// Signs JWTs for the .NET tests with an implementation that is not ours and not Microsoft.IdentityModel: the
// `jose` package, and, for hostile tokens jose rightly refuses to make (weak keys, wrong curves, alg "none"
// variants, unknown crit), Node's own crypto. Driven by tests/Shared/JoseSigner.cs over stdin/stdout,
// one JSON request per line and one JSON answer per line:
//   {"id":1,"op":"generate","kid":"rsa-1","kty":"RSA","bits":2048}       -> {"id":1,"ok":true,"jwk":{public JWK}}
//   {"id":2,"op":"generate","kid":"ec-1","kty":"EC","crv":"P-256"}
//   {"id":3,"op":"secret","kid":"quilt","secret":"<base64url>"}          -> {"id":3,"ok":true}
//   {"id":4,"op":"jwks","kids":["rsa-1","ec-1"]}                         -> {"id":4,"ok":true,"jwks":{"keys":[...]}}
//   {"id":5,"op":"publicKey","kid":"rsa-1","format":"pem|spki|pkcs1|jwk"} -> {"id":5,"ok":true,"data":"<base64url>"}
//   {"id":6,"op":"sign","engine":"jose|raw","kid":"rsa-1"|"secret":"<base64url>",
//          "header":{...}|"headerText":"...","payload":{...}|"payloadText":"..."} -> {"id":6,"ok":true,"token":"..."}
//   {"id":7,"op":"encrypt","kid":"rsa-1","payloadText":"..."}            -> {"id":7,"ok":true,"token":"<JWE>"}
// A request that fails answers {"id":n,"ok":false,"error":"..."}; the process keeps serving.
import { createInterface } from "node:readline";
import { createHmac, generateKeyPairSync, sign as cryptoSign, constants } from "node:crypto";
import { CompactEncrypt, CompactSign, FlattenedSign, base64url, exportJWK } from "jose";

/** kid -> { privateKey, publicKey } for asymmetric keys, or { secret } for HMAC keys. */
const keys = new Map();
const encoder = new TextEncoder();

function requireKey(kid) {
  const key = keys.get(kid);
  if (!key) {
    throw new Error(`no key with kid '${kid}' was generated`);
  }
  return key;
}

async function publicJwk(kid) {
  const key = requireKey(kid);
  if (!key.publicKey) {
    throw new Error(`key '${kid}' is a shared secret and has no public half`);
  }
  return { ...(await exportJWK(key.publicKey)), kid, use: "sig" };
}

function generate(request) {
  let pair;
  if (request.kty === "RSA") {
    pair = generateKeyPairSync("rsa", { modulusLength: request.bits ?? 2048 });
  } else if (request.kty === "EC") {
    pair = generateKeyPairSync("ec", { namedCurve: request.crv ?? "P-256" });
  } else {
    throw new Error(`unsupported kty '${request.kty}'`);
  }
  keys.set(request.kid, pair);
  return publicJwk(request.kid);
}

function exportPublic(kid, format) {
  const { publicKey } = requireKey(kid);
  switch (format) {
    case "pem":
      return Buffer.from(publicKey.export({ type: "spki", format: "pem" }));
    case "spki":
      return publicKey.export({ type: "spki", format: "der" });
    case "pkcs1":
      return publicKey.export({ type: "pkcs1", format: "der" });
    case "jwk":
      return Buffer.from(JSON.stringify(publicKey.export({ format: "jwk" })));
    default:
      throw new Error(`unsupported public key format '${format}'`);
  }
}

/** The key named by the request: a generated key pair's private half, or an HMAC secret. */
function signingKey(request) {
  if (request.secret !== undefined) {
    return { secret: Buffer.from(base64url.decode(request.secret)) };
  }
  return request.kid === undefined ? null : requireKey(request.kid);
}

function headerText(request) {
  return request.headerText ?? JSON.stringify(request.header);
}

function payloadBytes(request) {
  return encoder.encode(request.payloadText ?? JSON.stringify(request.payload));
}

/** jose builds and signs the JWS itself: the normal way a real issuer signs. */
async function signWithJose(request) {
  if (request.headerText !== undefined) {
    throw new Error("jose takes a header object; use engine 'raw' for a header given as text");
  }
  const key = signingKey(request);
  if (!key) {
    throw new Error("jose does not sign without a key; use engine 'raw' for unsigned tokens");
  }
  const material = key.secret ?? key.privateKey;
  if (request.header.b64 === false) {
    // RFC 7797 unencoded payload: jose signs it in the flattened form and leaves the payload detached; the
    // compact form carries it as is between the dots.
    const payload = payloadBytes(request);
    const jws = await new FlattenedSign(payload).setProtectedHeader(request.header).sign(material);
    return `${jws.protected}.${Buffer.from(payload).toString("utf8")}.${jws.signature}`;
  }
  return new CompactSign(payloadBytes(request)).setProtectedHeader(request.header).sign(material);
}

/**
 * Node's crypto signs the exact bytes given, with the primitive the header's alg names, whatever the key: how an
 * attacker makes tokens that a careful library would refuse to produce. No key means an empty signature.
 */
function signRaw(request) {
  const header = headerText(request);
  const alg = request.signAs ?? JSON.parse(header).alg;
  const protectedHeader = base64url.encode(encoder.encode(header));
  // b64=false (RFC 7797): the payload is signed and sent as is, not base64url-encoded.
  const unencoded = request.unencodedPayload === true;
  const payload = unencoded ? Buffer.from(payloadBytes(request)).toString("utf8") : base64url.encode(payloadBytes(request));
  const signingInput = Buffer.concat([Buffer.from(`${protectedHeader}.`), Buffer.from(payload)]);
  const key = signingKey(request);
  if (!key) {
    return `${protectedHeader}.${payload}.`;
  }

  const hash = `sha${alg.slice(2)}`;
  let signature;
  if (alg.startsWith("HS")) {
    if (!key.secret) {
      throw new Error(`${alg} needs a secret`);
    }
    signature = createHmac(hash, key.secret).update(signingInput).digest();
  } else if (alg.startsWith("RS")) {
    signature = cryptoSign(hash, signingInput, key.privateKey);
  } else if (alg.startsWith("PS")) {
    signature = cryptoSign(hash, signingInput, {
      key: key.privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
  } else if (alg.startsWith("ES")) {
    signature = cryptoSign(hash, signingInput, { key: key.privateKey, dsaEncoding: "ieee-p1363" });
  } else {
    throw new Error(`raw signing does not know alg '${alg}'`);
  }
  return `${protectedHeader}.${payload}.${base64url.encode(signature)}`;
}

async function encrypt(request) {
  const { publicKey } = requireKey(request.kid);
  return new CompactEncrypt(encoder.encode(request.payloadText))
    .setProtectedHeader({ alg: request.alg ?? "RSA-OAEP-256", enc: request.enc ?? "A256GCM", kid: request.kid })
    .encrypt(publicKey);
}

async function handle(request) {
  switch (request.op) {
    case "generate":
      return { jwk: await generate(request) };
    case "secret":
      keys.set(request.kid, { secret: Buffer.from(base64url.decode(request.secret)) });
      return {};
    case "jwks":
      return { jwks: { keys: await Promise.all(request.kids.map(publicJwk)) } };
    case "publicKey":
      return { data: base64url.encode(exportPublic(request.kid, request.format)) };
    case "sign":
      return { token: request.engine === "raw" ? signRaw(request) : await signWithJose(request) };
    case "encrypt":
      return { token: await encrypt(request) };
    default:
      throw new Error(`unknown op '${request.op}'`);
  }
}

// Answers go out in request order: the .NET side sends one request at a time and reads one line back.
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === "") {
    continue;
  }
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id ?? null;
    process.stdout.write(JSON.stringify({ id, ok: true, ...(await handle(request)) }) + "\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, ok: false, error: String(error?.message ?? error) }) + "\n");
  }
}
