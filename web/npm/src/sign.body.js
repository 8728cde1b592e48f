// The signing entry's functions (`ossbatch/sign`), after common.body.js. The options are read here as
// strictly as serde read them before (the same TypeErrors, naming the field); the request crosses in
// the wire form, everything else as plain arguments, so the wasm carries no JSON reader.

/** The value JSON.stringify would send for `value` (a Date as its ISO string, NaN as null). */
function jsonValue(fn, value) {
  if (typeof value === 'bigint') throw new TypeError(`${fn}: options cannot be read (a BigInt or a cycle?)`);
  if (value instanceof Date) return value.toJSON();
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

function stringField(fn, path, value) {
  if (typeof value !== 'string') throw wrongType(fn, path, value, 'a string');
  return value;
}

function unknownVariant(fn, path, value, variants) {
  if (typeof value !== 'string') throw wrongType(fn, path, value, 'variant identifier');
  const names = variants.map((v) => `\`${v}\``);
  const expected = names.length === 2 ? `${names[0]} or ${names[1]}` : `one of ${names.join(', ')}`;
  return fail(fn, path, `unknown variant \`${value}\`, expected ${expected}`);
}

const CREDENTIALS = ['accessKeyId', 'accessKeySecret', 'securityToken'];
function credentialsField(fn, value) {
  const path = 'options.credentials';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrongType(fn, path, value, 'struct Credentials');
  }
  const out = {};
  for (const key of Object.keys(value)) {
    const field = jsonValue(fn, value[key]);
    if (field === undefined || typeof field === 'function') continue;
    if (!CREDENTIALS.includes(key)) throw unknownField(fn, path, key, CREDENTIALS);
    if (key === 'securityToken' && field === null) continue;
    out[key] = stringField(fn, `${path}.${key}`, field);
  }
  for (const key of CREDENTIALS.slice(0, 2)) {
    if (out[key] === undefined) throw fail(fn, path, `missing field \`${key}\``);
  }
  return out;
}

function signedAtField(fn, value) {
  let millis;
  if (typeof value === 'number') millis = value;
  else if (typeof value === 'string') millis = new Date(value).getTime();
  else throw new TypeError(`${fn}: options.signedAt must be a Date, a number of milliseconds or a date string`);
  if (Number.isNaN(millis)) throw new TypeError(`${fn}: options.signedAt is not a valid date`);
  return millis;
}

function unsigned32(fn, path, value) {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) >= 2 ** 64) {
    throw wrongType(fn, path, value, 'u32');
  }
  if (value < 0 || value > 0xffffffff) throw fail(fn, path, `invalid value: integer \`${value}\`, expected u32`);
  return value;
}

/** How each signer's own option is read (`options.<name>`). */
const OPTION_KINDS = {
  text: (fn, path, value) => stringField(fn, path, value),
  request: (fn, path, value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw wrongType(fn, path, value, 'struct CreateJobRequest');
    }
    return encodeRequest(fn, value, path);
  },
  int: (fn, path, value) => Number(integer(fn, path, undefined, value)),
  u32: (fn, path, value) => unsigned32(fn, path, value),
  texts: (fn, path, value) => {
    if (!Array.isArray(value)) throw wrongType(fn, path, value, 'a sequence');
    return value.map((item, i) => stringField(fn, `${path}[${i}]`, jsonValue(fn, item)));
  },
};

/**
 * Reads a signer's options: where and how to sign (every signer), then its `own` fields
 * (`{ name: [kind, required] }`), in the caller's key order as serde did (the first wrong field
 * throws), then the missing ones in declaration order.
 */
function signerOptions(fn, options, own) {
  if (options === undefined || options === null) throw new TypeError(`${fn}: options is required`);
  if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${fn}: options must be an object`);
  const names = ['region', 'endpoint', 'credentials', 'signedAt', 'signatureVersion', ...Object.keys(own)];
  const out = {};
  for (const key of Object.keys(options)) {
    const value = jsonValue(fn, options[key]);
    if (value === undefined || typeof value === 'function') continue;
    const path = `options.${key}`;
    switch (key) {
      case 'region': out.region = stringField(fn, path, value); break;
      case 'endpoint': if (value !== null) out.endpoint = stringField(fn, path, value); break;
      case 'credentials': out.credentials = credentialsField(fn, value); break;
      case 'signedAt': out.signedAt = signedAtField(fn, value); break;
      case 'signatureVersion':
        if (value !== null && value !== 'v4' && value !== 'v1') throw unknownVariant(fn, path, value, ['v4', 'v1']);
        if (value !== null) out.signatureVersion = value;
        break;
      default: {
        const spec = own[key];
        if (spec === undefined) throw unknownField(fn, 'options', key, names);
        if (value === null && !spec[1]) break;
        out[key] = OPTION_KINDS[spec[0]](fn, path, value);
      }
    }
  }
  for (const key of names) {
    const required = key === 'region' || key === 'credentials' || key === 'signedAt' || own[key]?.[1];
    if (required && out[key] === undefined) throw new TypeError(`${fn}: options: missing field \`${key}\``);
  }
  return out;
}

/** Signs with the checked options: `call(...signing)` gets where and how to sign as plain arguments. */
function signWith(options, call) {
  const { region, endpoint, credentials, signedAt, signatureVersion } = options;
  return JSON.parse(call(region, endpoint, credentials.accessKeyId, credentials.accessKeySecret,
    credentials.securityToken, signedAt, signatureVersion === 'v1'));
}

/** Builds and signs a CreateJob request (V4 by default). Secrets go into the signature only. */
function signCreateJob(options) {
  const fn = 'signCreateJob';
  const checked = signerOptions(fn, options, { request: ['request', true] });
  return signWith(checked, (...signing) => raw.signCreateJobInput(input(checked.request), ...signing));
}

/** Signs DescribeJob. */
function signDescribeJob(options) {
  const fn = 'signDescribeJob';
  const checked = signerOptions(fn, options, { jobId: ['text', true] });
  return signWith(checked, (...signing) => raw.signDescribeJobWith(checked.jobId, ...signing));
}

/** Signs ListJobs. */
function signListJobs(options) {
  const fn = 'signListJobs';
  const checked = signerOptions(fn, options, {
    statuses: ['texts', false], maxKeys: ['u32', false], continuationToken: ['text', false],
  });
  return signWith(checked, (...signing) => raw.signListJobsWith(checked.statuses, checked.maxKeys, checked.continuationToken, ...signing));
}

/** Signs UpdateJobStatus (confirm with Ready, or cancel). */
function signUpdateJobStatus(options) {
  const fn = 'signUpdateJobStatus';
  const checked = signerOptions(fn, options, {
    jobId: ['text', true], requestedStatus: ['text', true], reason: ['text', false], currentStatus: ['text', false],
  });
  return signWith(checked, (...signing) => raw.signUpdateJobStatusWith(checked.jobId, checked.requestedStatus,
    checked.reason, checked.currentStatus, ...signing));
}

/** Signs UpdateJobPriority. */
function signUpdateJobPriority(options) {
  const fn = 'signUpdateJobPriority';
  const checked = signerOptions(fn, options, { jobId: ['text', true], priority: ['int', true] });
  return signWith(checked, (...signing) => raw.signUpdateJobPriorityWith(checked.jobId, checked.priority, ...signing));
}

const RESPONSE_KINDS = ['createJob', 'describeJob', 'listJobs', 'updateJobStatus', 'updateJobPriority'];

/**
 * Decodes OSS's answer to the call of `kind` (default CreateJob: `{ jobId }`), or `{ error, status }`
 * for an OSS `<Error>`, a proxy answer, and anything else (then `error.Code` is `UnexpectedResponse`
 * and the message quotes the body). `options.lang` chooses the hint's language; `options.stringToSign`
 * (the signed request's `inspector.stringToSign`) adds `error.StringToSignDifference` when OSS sent its own;
 * `options.headers` (the answer's) gives a bodiless answer's error from `x-oss-err`, and RequestId and EC
 * from `x-oss-request-id` and `x-oss-ec` when the document has none.
 */
function parseResponse(status, bodyText, kind, options) {
  const fn = 'parseResponse';
  if (kind !== undefined && kind !== null) {
    if (typeof kind !== 'string') throw new TypeError(`${fn}: kind must be a string`);
    if (!RESPONSE_KINDS.includes(kind)) {
      throw new TypeError(`${fn}: kind must be createJob, describeJob, listJobs, updateJobStatus or updateJobPriority, not ${JSON.stringify(kind)}`);
    }
  }
  const { lang, stringToSign, headers } = readOptions(fn, options, { lang: 'text', stringToSign: 'text', headers: 'raw' });
  const header = answerHeaders(fn, headers);
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError(`${fn}: status must be an HTTP status number (100-599)`);
  }
  const body = stringArgument(fn, 'bodyText', bodyText);
  return JSON.parse(raw.parseResponseInput(status, input(body), kind ?? 'createJob', lang, stringToSign,
    // One argument, a line per header in this order (a header value holds no line break).
    [header('x-oss-err'), header('x-oss-ec'), header('x-oss-request-id')].map((v) => (v ?? '').replace(/[\r\n]/g, '')).join('\n')));
}

/**
 * A lookup of the answer's headers (`options.headers`: a fetch `Headers`, or an object of names to
 * strings, names in any case). A HEAD answer has no body: OSS puts its `<Error>` in `x-oss-err`.
 */
function answerHeaders(fn, headers) {
  if (headers === undefined) return () => undefined;
  if (typeof headers.get === 'function') {
    return (name) => headers.get(name) ?? undefined;
  }
  if (typeof headers !== 'object' || Array.isArray(headers)) {
    throw new TypeError(`${fn}: options.headers must be a Headers object or an object of header names to strings`);
  }
  const byName = new Map();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw wrongType(fn, `options.headers.${name}`, value, 'a string');
    byName.set(name.toLowerCase(), value);
  }
  return (name) => byName.get(name);
}

