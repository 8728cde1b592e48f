// Behaviour unchanged for npm users: every `ossbatch/sign` function (and the validation entry's
// request-taking functions) called over a corpus of valid and invalid arguments, each answer or thrown
// error written as one line of JSON. scripts/golden-npm.sh runs it on two builds and compares the bytes.
//   node tests/golden/npm.mjs web/pkg > out.txt
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const pkg = path.resolve(process.argv[2] ?? 'web/pkg');
const require = createRequire(import.meta.url);
const sign = require(path.join(pkg, 'sign/node/ossbatch_sign.js'));
const main = require(path.join(pkg, 'node/ossbatch.js'));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const sample = main.fromXml(fs.readFileSync(path.join(root, 'tests/fixtures/createjob-sample-request.xml'), 'utf8'));
const credentials = { accessKeyId: 'LTAI5tExampleId', accessKeySecret: 'example-secret' };
const sts = { ...credentials, securityToken: 'CAIS-example-token' };
const base = { region: 'cn-hangzhou', credentials, signedAt: Date.UTC(2026, 0, 2, 3, 4, 5) };

/** One line: what the call returned (as sorted-key-free JSON, exactly as JSON.stringify gives it) or threw. */
function run(label, call) {
  let line;
  try {
    line = { ok: call() };
  } catch (error) {
    line = { threw: `${error.constructor.name}: ${error.message}` };
  }
  process.stdout.write(`${label}\t${JSON.stringify(line)}\n`);
}

const signingVariants = {
  base: {},
  v1: { signatureVersion: 'v1' },
  v4: { signatureVersion: 'v4' },
  sts: { credentials: sts },
  endpoint: { endpoint: 'oss-cn-hangzhou-internal.aliyuncs.com' },
  endpointUrl: { endpoint: 'http://127.0.0.1:9000' },
  dateObject: { signedAt: new Date(Date.UTC(2026, 5, 7, 8, 9, 10)) },
  dateString: { signedAt: '2026-03-04T05:06:07Z' },
  badDateString: { signedAt: 'not a date' },
  badDateObject: { signedAt: new Date('nope') },
  nanDate: { signedAt: NaN },
  boolDate: { signedAt: true },
  nullDate: { signedAt: null },
  hugeDate: { signedAt: 1e20 },
  negativeDate: { signedAt: -5 },
  badVersion: { signatureVersion: 'v2' },
  numberVersion: { signatureVersion: 4 },
  nullVersion: { signatureVersion: null },
  regionNumber: { region: 5 },
  regionNull: { region: null },
  regionBad: { region: 'mars-1' },
  regionEmpty: { region: '' },
  endpointNumber: { endpoint: 1 },
  endpointBad: { endpoint: 'ftp://x' },
  credentialsString: { credentials: 'key' },
  credentialsArray: { credentials: [] },
  credentialsExtra: { credentials: { ...credentials, extra: 1 } },
  credentialsMissingSecret: { credentials: { accessKeyId: 'a' } },
  credentialsMissingId: { credentials: { accessKeySecret: 's' } },
  credentialsEmptyId: { credentials: { accessKeyId: '', accessKeySecret: 's' } },
  credentialsEmptySecret: { credentials: { accessKeyId: 'a', accessKeySecret: '' } },
  credentialsNumberId: { credentials: { accessKeyId: 1, accessKeySecret: 's' } },
  credentialsNullToken: { credentials: { ...credentials, securityToken: null } },
  credentialsNumberToken: { credentials: { ...credentials, securityToken: 7 } },
  extra: { color: 'blue' },
};
const missing = ['region', 'credentials', 'signedAt'];

function signerCases(name, fn, own) {
  for (const [variant, change] of Object.entries(signingVariants)) {
    run(`${name} ${variant}`, () => fn({ ...base, ...own, ...change }));
  }
  for (const key of missing) {
    const options = { ...base, ...own };
    delete options[key];
    run(`${name} missing ${key}`, () => fn(options));
  }
  run(`${name} all missing`, () => fn({}));
  run(`${name} undefined`, () => fn());
  run(`${name} null`, () => fn(null));
  run(`${name} string`, () => fn('options'));
  run(`${name} array`, () => fn([]));
  run(`${name} bigint`, () => fn({ ...base, ...own, region: 1n }));
  run(`${name} undefined values`, () => fn({ ...base, ...own, endpoint: undefined, signatureVersion: undefined }));
  run(`${name} function value`, () => fn({ ...base, ...own, endpoint: () => 1 }));
}

signerCases('signCreateJob', sign.signCreateJob, { request: sample });
const requestVariants = {
  missing: undefined,
  null: null,
  string: 'x',
  array: [],
  empty: {},
  badEnabled: { ...sample, Report: { ...sample.Report, Enabled: 'yes' } },
  badPriority: { ...sample, Priority: 1.5 },
  priorityString: { ...sample, Priority: '10' },
  unknownTop: { ...sample, Colour: 'red' },
  unknownReport: { ...sample, Report: { ...sample.Report, Colour: 'red' } },
  unknownOperation: { ...sample, Operation: { Frobnicate: {} } },
  tagSetNotArray: { ...sample, Operation: { PutObjectTagging: { TagSet: 'x' } } },
  tagNumber: { ...sample, Operation: { PutObjectTagging: { TagSet: [{ Key: 1 }] } } },
  tagExtra: { ...sample, Operation: { PutObjectTagging: { TagSet: [{ Key: 'a', Value: 'b', X: 1 }] } } },
  deleteTagging: { ...sample, Operation: { DeleteObjectTagging: {} } },
  deleteTaggingExtra: { ...sample, Operation: { DeleteObjectTagging: { X: 1 } } },
  acl: { ...sample, Operation: { PutObjectAcl: { ObjectAcl: 'private' } } },
  restore: { ...sample, Operation: { RestoreObject: { Days: 3, JobParameters: { Tier: 'Standard' } } } },
  restoreFlat: { ...sample, Operation: { RestoreObject: { Days: 3, Tier: 'Bulk' } } },
  manifestExtra: { ...sample, Manifest: { ...sample.Manifest, X: 1 } },
  specFields: { ...sample, Manifest: { ...sample.Manifest, Spec: { Format: 'OSS_BatchOperations_CSV_20250611', Fields: 'Bucket,Key' } } },
  generator: { ...sample, Manifest: undefined, KeyPrefixManifestGenerator: { SourceBucket: 'b', KeyPrefix: 'p/' } },
  invalidRules: { ...sample, Priority: -3, RoleArn: 'nope' },
  nulls: { ...sample, Description: null, Report: null },
  unicode: { ...sample, Description: 'описание 描述 \u0000 \u0001 \u0002 end' },
};
for (const [variant, request] of Object.entries(requestVariants)) {
  run(`signCreateJob request ${variant}`, () => sign.signCreateJob({ ...base, request }));
  run(`validate ${variant}`, () => main.validate(request));
  run(`toXml ${variant}`, () => main.toXml(request));
}

signerCases('signDescribeJob', sign.signDescribeJob, { jobId: 'job-0001' });
for (const jobId of ['', 'has space', 'a'.repeat(200), 7, null, 'ok-id', 'slash/id', '中文']) {
  run(`signDescribeJob jobId ${JSON.stringify(jobId)}`, () => sign.signDescribeJob({ ...base, jobId }));
}
run('signDescribeJob extra', () => sign.signDescribeJob({ ...base, jobId: 'x', request: sample }));

signerCases('signListJobs', sign.signListJobs, {});
const listVariants = {
  statuses: { statuses: ['Active', 'Complete'] },
  oneStatus: { statuses: ['Failed'] },
  unknownStatus: { statuses: ['Archiving'] },
  emptyStatuses: { statuses: [] },
  statusesString: { statuses: 'Active' },
  statusNumber: { statuses: [1] },
  statusesNull: { statuses: null },
  maxKeys: { maxKeys: 10 },
  maxKeysZero: { maxKeys: 0 },
  maxKeysBig: { maxKeys: 1001 },
  maxKeysNegative: { maxKeys: -1 },
  maxKeysFloat: { maxKeys: 2.5 },
  maxKeysString: { maxKeys: '10' },
  maxKeysHuge: { maxKeys: 2 ** 40 },
  token: { continuationToken: 'abc/def+==' },
  tokenEmpty: { continuationToken: '' },
  tokenNumber: { continuationToken: 5 },
  all: { statuses: ['Ready'], maxKeys: 1000, continuationToken: 'x y' },
  jobId: { jobId: 'x' },
};
for (const [variant, own] of Object.entries(listVariants)) {
  run(`signListJobs ${variant}`, () => sign.signListJobs({ ...base, ...own }));
}

signerCases('signUpdateJobStatus', sign.signUpdateJobStatus, { jobId: 'job-1', requestedStatus: 'Ready' });
const statusVariants = {
  cancel: { jobId: 'job-1', requestedStatus: 'Cancelled', reason: 'no longer needed' },
  pause: { jobId: 'job-1', requestedStatus: 'Paused' },
  unknown: { jobId: 'job-1', requestedStatus: 'Archiving' },
  missingRequested: { jobId: 'job-1' },
  missingJob: { requestedStatus: 'Ready' },
  requestedNumber: { jobId: 'job-1', requestedStatus: 1 },
  reasonLong: { jobId: 'job-1', requestedStatus: 'Cancelled', reason: 'r'.repeat(300) },
  reasonEmpty: { jobId: 'job-1', requestedStatus: 'Cancelled', reason: '' },
  reasonNumber: { jobId: 'job-1', requestedStatus: 'Cancelled', reason: 3 },
  currentSuspended: { jobId: 'job-1', requestedStatus: 'Ready', currentStatus: 'Suspended' },
  currentActive: { jobId: 'job-1', requestedStatus: 'Ready', currentStatus: 'Active' },
  currentComplete: { jobId: 'job-1', requestedStatus: 'Cancelled', currentStatus: 'Complete' },
  currentNumber: { jobId: 'job-1', requestedStatus: 'Ready', currentStatus: 2 },
  currentNull: { jobId: 'job-1', requestedStatus: 'Ready', currentStatus: null },
  badJob: { jobId: '', requestedStatus: 'Ready' },
};
for (const [variant, own] of Object.entries(statusVariants)) {
  run(`signUpdateJobStatus ${variant}`, () => sign.signUpdateJobStatus({ ...base, ...own }));
}

signerCases('signUpdateJobPriority', sign.signUpdateJobPriority, { jobId: 'job-1', priority: 5 });
for (const priority of [0, 1, 2147483647, 2147483648, -1, 1.5, '5', null, 2 ** 62, 2 ** 64, NaN]) {
  run(`signUpdateJobPriority priority ${String(priority)}`, () => sign.signUpdateJobPriority({ ...base, jobId: 'j', priority }));
}
run('signUpdateJobPriority missing priority', () => sign.signUpdateJobPriority({ ...base, jobId: 'j' }));

// parseResponse over every response fixture, each kind, both languages; odd statuses and bodies.
const kinds = [undefined, 'createJob', 'describeJob', 'listJobs', 'updateJobStatus', 'updateJobPriority'];
const dir = path.join(root, 'tests/fixtures/responses');
const bodies = Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).sort()
  .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
bodies['createjob-sample-response.xml'] = fs.readFileSync(path.join(root, 'tests/fixtures/createjob-sample-response.xml'), 'utf8');
bodies.empty = '';
bodies.html = '<html><body>Bad gateway</body></html>';
bodies.proxyJson = JSON.stringify({ error: { code: 'RateLimited', message: 'slow down', retryAfterSeconds: 3 } });
bodies.proxy = JSON.stringify({ source: 'ossbatch-proxy', error: 'too many requests; retry in 3 s', retryAfterSeconds: 3 });
bodies.proxyEscapes = '{"source":"ossbatch-proxy","error":"upstream \\"oss\\" \\u4e2d\\n","extra":[1,{"a":null}]}';
bodies.proxyFloat = '{"source":"ossbatch-proxy","error":"x","retryAfterSeconds":1.5}';
bodies.proxyOther = '{"source":"someone-else","error":"x"}';
bodies.proxyText = 'ossbatch proxy: too many requests';
bodies.truncated = '<?xml version="1.0"?><DescribeJobResult><Job><JobId>x</JobId>';
for (const [name, body] of Object.entries(bodies)) {
  for (const kind of kinds) {
    for (const status of [200, 403, 429, 500]) {
      for (const options of [undefined, { lang: 'zh' }]) {
        run(`parseResponse ${name} ${kind} ${status} ${JSON.stringify(options)}`,
          () => sign.parseResponse(status, body, kind, options));
      }
    }
  }
}
for (const [label, args] of Object.entries({
  noArgs: [],
  statusString: ['200', '<x/>'],
  statusFloat: [200.5, '<x/>'],
  status99: [99, '<x/>'],
  status600: [600, '<x/>'],
  bodyNumber: [200, 5],
  kindNumber: [200, '<x/>', 5],
  kindBad: [200, '<x/>', 'deleteJob'],
  kindNull: [200, bodies['createjob-sample-response.xml'], null],
  optionsBadLang: [200, '<x/>', 'createJob', { lang: 'fr' }],
  optionsLangNumber: [200, '<x/>', 'createJob', { lang: 1 }],
  optionsExtra: [200, '<x/>', 'createJob', { colour: 1 }],
  optionsString: [200, '<x/>', 'createJob', 'zh'],
  optionsNull: [200, '<x/>', 'createJob', null],
  optionsZhCN: [403, bodies['error-access-denied.xml'], 'createJob', { lang: 'zh-CN' }],
})) {
  run(`parseResponse ${label}`, () => sign.parseResponse(...args));
}
