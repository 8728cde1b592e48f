// The npm package as users get it: installed from the packed tarball into an empty project
// (scripts/test-npm.sh), imported by name, exercised through every exported function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as ossbatch from 'ossbatch';
import init from 'ossbatch';
import * as signing from 'ossbatch/sign';
import initSign from 'ossbatch/sign';

const { validate, toXml, fromXml, fromJson, toJson, rules } = ossbatch;
const { signCreateJob, parseResponse } = signing;
const fixtures = process.env.OSSBATCH_FIXTURES;
const SAMPLE = readFileSync(`${fixtures}/createjob-sample-request.xml`, 'utf8');
const SAMPLE_RESPONSE = readFileSync(`${fixtures}/createjob-sample-response.xml`, 'utf8');
const VECTORS = JSON.parse(readFileSync(`${fixtures}/signing-vectors.json`, 'utf8')).vectors;
const compactSample = SAMPLE.trim().replace(/>\s+</g, '><');

const validRequest = () => ({
  Operation: { PutObjectTagging: { TagSet: [{ Key: 'Environment', Value: 'Production' }] } },
  Report: { Bucket: 'report-bucket', Enabled: true, Prefix: 'reports/', ReportScope: 'AllTasks' },
  ClientRequestToken: '3f1c7a52-0d7e-4f43-9a55-6d3c1b2f8e90',
  KeyPrefixManifestGenerator: { SourceBucket: 'source-bucket', Prefix: 'logs/' },
  Priority: 10,
  RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
});

test('init is a no-op under Node so isomorphic code can await it', async () => {
  await init();
  await initSign();
});

test('two entry points: validation in ossbatch, signing and responses in ossbatch/sign', () => {
  assert.deepEqual(Object.keys(ossbatch).filter((n) => n !== 'default').sort(),
    ['fromJson', 'fromXml', 'rules', 'toJson', 'toXml', 'validate']);
  assert.deepEqual(Object.keys(signing).filter((n) => n !== 'default').sort(),
    ['parseResponse', 'signCreateJob', 'signDescribeJob', 'signListJobs', 'signUpdateJobPriority', 'signUpdateJobStatus']);
});

test('CommonJS require gives the same functions', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('ossbatch');
  assert.deepEqual(cjs.validate(validRequest()), []);
  const cjsSign = require('ossbatch/sign');
  assert.equal(cjsSign.parseResponse(200, SAMPLE_RESPONSE).jobId.length > 0, true);
});

test('validate { lang: "zh" }: the same issues with Chinese messages; codes and paths unchanged', () => {
  const draft = { ...validRequest(), Priority: -1, Report: { Enabled: true } };
  const english = validate(draft);
  const chinese = validate(draft, { lang: 'zh' });
  assert.deepEqual(chinese.map((i) => [i.code, i.path, i.severity]), english.map((i) => [i.code, i.path, i.severity]));
  const priority = chinese.find((i) => i.code === 'priority.range');
  assert.match(priority.message, /^Priority：Priority 为 0 到 2147483647 之间的整数。当前为 -1。$/);
  assert.deepEqual(validate(draft, { lang: 'zh-CN' }), chinese);
  assert.deepEqual(validate(draft, { lang: 'en' }), english);
  assert.throws(() => validate(draft, { lang: 'fr' }), (e) => e instanceof TypeError && /options\.lang/.test(e.message));
  const summaries = rules({ lang: 'zh' });
  assert.deepEqual(summaries.map((r) => r.code), rules().map((r) => r.code));
  assert.match(summaries.find((r) => r.code === 'bucket.length').summary, /存储空间名称的长度为 3 到 63 个字符/);
});

test('validate: a clean request has no issues', () => {
  assert.deepEqual(validate(validRequest()), []);
  assert.deepEqual(validate(validRequest(), { region: 'cn-hangzhou' }), []);
});

test('validate: all issues at once, as data, in document order', () => {
  const issues = validate({});
  assert.deepEqual(
    issues.map((i) => i.code),
    ['operation.missing', 'report.missing', 'token.missing', 'manifest.source_missing', 'priority.missing', 'role_arn.missing'],
  );
  const [issue] = validate({ ...validRequest(), Priority: -5 });
  assert.deepEqual(issue, {
    code: 'priority.range',
    severity: 'error',
    path: 'Priority',
    message: 'Priority must be an integer from 0 to 2147483647; got -5.',
    params: { min: 0, max: 2147483647, actual: -5 },
  });
  const tagIssues = validate({
    ...validRequest(),
    Operation: { PutObjectTagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: 'x#' }] } },
  });
  assert.deepEqual(
    tagIssues.map((i) => [i.code, i.path]),
    [
      ['tag.key_duplicate', 'Operation.PutObjectTagging.TagSet.Tag[1].Key'],
      ['tag.value_chars', 'Operation.PutObjectTagging.TagSet.Tag[1].Value'],
    ],
  );
  const region = validate(validRequest(), { region: 'us-east-1' });
  assert.equal(region[0].code, 'region.unsupported');
  assert.equal(region[0].severity, 'warning');
});

test('fromXml + validate + toXml: the CreateJob.md sample round trip', () => {
  const request = fromXml(SAMPLE);
  assert.equal(request.Priority, 10);
  assert.deepEqual(request.Operation.PutObjectTagging.TagSet, [{ Key: 'Environment', Value: 'Production' }]);
  assert.equal(request.Manifest.Location.ETag, 'd41d8cd98f00b204e9800998ecf8427e');
  const issues = validate(request);
  assert.deepEqual(issues.map((i) => i.code), ['role_arn.account_placeholder']);
  assert.equal(toXml(request), compactSample);
  assert.equal(toXml(request, {}), compactSample);
  const pretty = toXml(request, { pretty: true });
  assert.match(pretty, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<CreateJobRequest>\n  <ConfirmationRequired>false<\/ConfirmationRequired>\n/);
  assert.deepEqual(fromXml(pretty), request);
});

test('toXml escapes and keeps unicode', () => {
  const request = { ...validRequest(), Description: `a & b < c > "d" 'e' 标签 🎉` };
  const xml = toXml(request);
  assert.ok(xml.includes('<Description>a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos; 标签 🎉</Description>'));
  assert.deepEqual(fromXml(xml), request);
});

test('fromXml throws an Error with path and line:column', () => {
  const bad = '<CreateJobRequest>\n  <Report>\n    <Enabled>yes</Enabled>\n  </Report>\n</CreateJobRequest>';
  assert.throws(() => fromXml(bad), (error) => {
    assert.ok(error instanceof Error);
    assert.match(error.message, /line 3:14: Report\.Enabled: /);
    assert.equal(error.path, 'Report.Enabled');
    assert.equal(error.line, 3);
    assert.equal(error.column, 14);
    assert.equal(error.kind, 'bad-boolean');
    return true;
  });
  assert.throws(() => fromXml('<CreateJobRequest><Priorty>1</Priorty></CreateJobRequest>'), /Priorty/);
  assert.throws(() => fromXml('<!DOCTYPE x><CreateJobRequest/>'), /DOCTYPE/);
});

test('fromJson / toJson: the same model as JSON text', () => {
  const request = fromXml(SAMPLE);
  const json = toJson(request);
  assert.deepEqual(JSON.parse(json), request);
  assert.deepEqual(fromJson(json), request);
  assert.ok(toJson(request, { pretty: true }).includes('\n  "Operation": {'));
  assert.throws(() => fromJson('{"Priorty": 1}'), (e) => e instanceof Error && /Priorty/.test(e.message));
  assert.throws(() => fromJson('{"Priority": "ten"}'), (e) => e.path === 'Priority' && e.line === 1);
});

test('fromJson errors carry the path and the line:column serde_json reports (the core reads the same)', () => {
  // Positions as crates/ossbatch-core/src/json.rs (serde_json) gives them for the same text.
  const cases = [
    ['{"Priority": "ten"}', 'Priority', 1, 18, /invalid type: string "ten", expected i64/],
    ['{"Priorty": 1}', 'Priorty', 1, 10, /unknown field `Priorty`, expected one of `ConfirmationRequired`/],
    ['{\n  "Report": {\n    "Bucket": "b",\n    "Enabled": "yes"\n  }\n}', 'Report.Enabled', 4, 20, /expected a boolean/],
    ['{"Operation": {"PutObjectTagging": {"TagSet": [{"Key": "a"}, {"Key": 5}]}}}', 'Operation.PutObjectTagging.TagSet[1].Key', 1, 70, /integer `5`, expected a string/],
    ['{"Operation": {"PutObjectTagging": {"TagSet": [{"Key": "a", "Vlue": "x"}]}}}', 'Operation.PutObjectTagging.TagSet[0].Vlue', 1, 66, /unknown field `Vlue`, expected `Key` or `Value`/],
    ['{"Description": "é\\"}", "Priority": 1.5}', 'Priority', 1, 40, /floating point `1.5`, expected i64/],
    ['"x"', '', 1, 3, /invalid type: string "x", expected struct CreateJobRequest/],
    ['{"Priority": 1,}', '', 1, 16, /./],
  ];
  for (const [text, path, line, column, message] of cases) {
    assert.throws(() => fromJson(text), (error) => {
      assert.ok(error instanceof Error && !(error instanceof TypeError), text);
      assert.deepEqual([error.path, error.line, error.column], [path, line, column], `${text}: ${error.message}`);
      assert.match(error.message, message);
      assert.equal(error.kind, path === '' && column === 16 ? 'syntax' : 'bad-value');
      return true;
    });
  }
  assert.deepEqual(fromJson('\ufeff{"Priority": 3}'), { Priority: 3 }, 'a BOM is allowed');
  assert.throws(() => fromJson(`{"Description": "${'x'.repeat(1024 * 1024)}"}`), (e) => e.kind === 'too-large');
});

test('wrong argument types throw TypeError, never a wasm trap', () => {
  const cases = [
    () => validate('not an object'),
    () => validate(undefined),
    () => validate({ Priority: '10' }),
    () => validate({ Priority: 1.5 }),
    () => validate({ Priorty: 10 }),
    () => validate({ Operation: { PutObjectTagging: { TagSet: { Key: 'a' } } } }),
    () => validate({}, { regoin: 'x' }),
    () => toXml(42),
    () => toXml({}, { pretty: 'yes' }),
    () => fromXml(42),
    () => fromJson({}),
    () => toJson(null),
    () => signCreateJob({}),
    () => signCreateJob({ request: {}, region: 'cn-hangzhou', credentials: { accessKeyId: 'a' }, signedAt: 0 }),
    () => signCreateJob({ request: {}, region: 'cn-hangzhou', credentials: { accessKeyId: 'a', accessKeySecret: 's' }, signedAt: 'not a date' }),
    () => signCreateJob({ request: {}, region: 'cn-hangzhou.evil.com', credentials: { accessKeyId: 'a', accessKeySecret: 's' }, signedAt: 0 }),
    () => parseResponse('200', ''),
    () => parseResponse(200, 42),
  ];
  for (const call of cases) {
    assert.throws(call, (error) => {
      assert.ok(error instanceof TypeError, `${call}: ${error}`);
      assert.doesNotMatch(String(error.message), /unreachable|RuntimeError/);
      return true;
    });
  }
  assert.throws(() => validate({ Priority: '10' }), /validate: request\.Priority: invalid type/);
  assert.throws(() => validate({ Priorty: 10 }), /unknown field `Priorty`/);
});

test('signCreateJob equals the official SDK signature (V4 and V1, with and without STS)', () => {
  const request = fromXml(SAMPLE);
  const wanted = ['create-job v4 cn-hangzhou', 'create-job v4 cn-hangzhou sts', 'create-job v1', 'create-job v1 sts'];
  for (const name of wanted) {
    const vector = VECTORS.find((v) => v.name === name);
    const token = vector.security_token ?? vector.headers_before.find(([k]) => k === 'x-oss-security-token')?.[1];
    const credentials = { accessKeyId: vector.access_key_id, accessKeySecret: vector.access_key_secret };
    if (token) credentials.securityToken = token;
    const signed = signCreateJob({
      request,
      region: vector.region,
      credentials,
      signedAt: new Date(vector.signed_at * 1000),
      signatureVersion: vector.version,
    });
    assert.equal(signed.method, 'POST');
    assert.equal(signed.url, `https://oss-${vector.region}.aliyuncs.com/?batchJob`);
    assert.equal(signed.body, vector.body, name);
    assert.deepEqual(signed.headers, vector.expected.headers, name);
    assert.equal(signed.inspector.stringToSign, vector.expected.string_to_sign, name);
    assert.equal(signed.inspector.version, vector.version);
    assert.ok(!JSON.stringify(signed).includes(vector.access_key_secret), 'the secret never leaves as itself');
  }
  // signedAt as milliseconds and as an ISO string give the same signature.
  const vector = VECTORS[0];
  const base = { request, region: vector.region, credentials: { accessKeyId: vector.access_key_id, accessKeySecret: vector.access_key_secret } };
  const byNumber = signCreateJob({ ...base, signedAt: vector.signed_at * 1000 });
  const byString = signCreateJob({ ...base, signedAt: new Date(vector.signed_at * 1000).toISOString() });
  assert.equal(byNumber.headers.Authorization, vector.expected.authorization);
  assert.equal(byString.headers.Authorization, vector.expected.authorization);
  assert.ok(byNumber.inspector.canonicalRequest.startsWith('POST\n/\nbatchJob\n'));
  assert.equal(byNumber.inspector.scope, '20251125/cn-hangzhou/oss/aliyun_v4_request');
});

test('parseResponse: JobId, OSS errors, and anything else', () => {
  assert.deepEqual(parseResponse(200, SAMPLE_RESPONSE), { jobId: 'MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=' });
  const error = parseResponse(403, '<Error><Code>SignatureDoesNotMatch</Code><Message>mismatch</Message><RequestId>R1</RequestId><HostId>H</HostId><EC>0002-00000040</EC><RecommendDoc>https://x</RecommendDoc></Error>');
  assert.equal(error.status, 403);
  assert.deepEqual({ ...error.error, Hint: undefined }, {
    Code: 'SignatureDoesNotMatch', Message: 'mismatch', RequestId: 'R1', HostId: 'H', EC: '0002-00000040', RecommendDoc: 'https://x', Hint: undefined,
  });
  assert.match(error.error.Hint, /AccessKeySecret/);
  const gateway = parseResponse(502, '<html><body>Bad Gateway</body></html>');
  assert.equal(gateway.status, 502);
  assert.equal(gateway.error.Code, 'UnexpectedResponse');
  assert.match(gateway.error.Message, /HTTP 502.*Bad Gateway/);
  assert.equal(parseResponse(200, '').error.Code, 'UnexpectedResponse');
  assert.match(parseResponse(200, '<CreateJobResult><JobId>x').error.Message, /not well-formed/);
});

test('rules: the catalogue', () => {
  const catalogue = rules();
  assert.ok(catalogue.length >= 50);
  const codes = new Set(catalogue.map((r) => r.code));
  assert.equal(codes.size, catalogue.length);
  assert.deepEqual(catalogue.find((r) => r.code === 'priority.range'), {
    code: 'priority.range', severity: 'error', element: 'Priority', summary: 'Priority is an integer from 0 to 2147483647.',
  });
  // Every issue validate returns has a catalogue entry.
  for (const issue of validate({ Priority: -1, Operation: {}, Report: { Enabled: true } })) {
    assert.ok(codes.has(issue.code), issue.code);
  }
});

test('text crosses into wasm whole: non-ASCII, lone surrogates, a document over the limit, then a small one', () => {
  const request = {
    Description: '标签 🏷️ ünïcödé \u0000 end',
    RoleArn: 'acs:ram::1234567890123456:role/作业',
  };
  // Round trips keep every character; a lone surrogate becomes U+FFFD as in any UTF-8 encoding.
  assert.deepEqual(fromXml(toXml({ Description: request.Description.replace('\u0000', '') })).Description,
    request.Description.replace('\u0000', ''));
  assert.equal(fromXml(toXml({ Description: 'a\ud800b' })).Description, 'a\ufffdb');
  const issues = validate(request);
  assert.ok(issues.some((i) => i.code === 'text.invalid_char' && i.path === 'Description'), JSON.stringify(issues));
  // Over 1 MiB of XML (3 MiB of buffer), refused with the byte count; then a small document reads.
  const big = `<CreateJobRequest><Description>${'é'.repeat(600 * 1024)}</Description></CreateJobRequest>`;
  assert.throws(() => fromXml(big), (e) => e.kind === 'too-large' && /1228[0-9]{3} bytes/.test(e.message));
  assert.deepEqual(fromXml('<CreateJobRequest><Priority>7</Priority></CreateJobRequest>'), { Priority: 7 });
  // Requests of different shapes one after another: nothing of the previous one is left over.
  assert.equal(toXml({ Description: 'first, longer text' }), '<?xml version="1.0" encoding="UTF-8"?><CreateJobRequest><Description>first, longer text</Description></CreateJobRequest>');
  assert.equal(toXml({ RoleArn: 'r' }), '<?xml version="1.0" encoding="UTF-8"?><CreateJobRequest><RoleArn>r</RoleArn></CreateJobRequest>');
});
