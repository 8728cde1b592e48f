// Job management in the npm package: the four signers equal the official SDK (V4 and V1), invalid
// parameters throw TypeError naming the rule, and parseResponse decodes each result kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { signDescribeJob, signListJobs, signUpdateJobStatus, signUpdateJobPriority, parseResponse } from 'ossbatch/sign';

const VECTORS = JSON.parse(readFileSync(`${process.env.OSSBATCH_FIXTURES}/signing-vectors.json`, 'utf8')).vectors;

function common(vector) {
  const token = vector.security_token ?? vector.headers_before.find(([k]) => k === 'x-oss-security-token')?.[1];
  const credentials = { accessKeyId: vector.access_key_id, accessKeySecret: vector.access_key_secret };
  if (token) credentials.securityToken = token;
  return { region: vector.region, credentials, signedAt: new Date(vector.signed_at * 1000), signatureVersion: vector.version };
}

test('the four job signers equal the official SDK signatures', () => {
  let checked = 0;
  for (const vector of VECTORS) {
    const q = Object.fromEntries(vector.query);
    let signed;
    if (vector.name.startsWith('describe-job')) {
      signed = signDescribeJob({ ...common(vector), jobId: q.batchJobId });
    } else if (vector.name.startsWith('list-jobs')) {
      const options = { ...common(vector) };
      if (q.batchJobStatuses) options.statuses = q.batchJobStatuses.split('|');
      if (q['max-keys']) options.maxKeys = Number(q['max-keys']);
      if (q['continuation-token']) options.continuationToken = q['continuation-token'];
      signed = signListJobs(options);
    } else if (vector.name.startsWith('update-job-status')) {
      signed = signUpdateJobStatus({ ...common(vector), jobId: q.batchJobId, requestedStatus: q.requestedJobStatus, reason: q.statusUpdateReason });
    } else if (vector.name.startsWith('update-job-priority')) {
      signed = signUpdateJobPriority({ ...common(vector), jobId: q.batchJobId, priority: Number(q.targetPriority) });
    } else {
      continue;
    }
    assert.equal(signed.url, vector.url, vector.name);
    assert.deepEqual(signed.headers, vector.expected.headers, vector.name);
    assert.equal(signed.inspector.stringToSign, vector.expected.string_to_sign, vector.name);
    checked++;
  }
  assert.equal(checked, 14);
});

test('invalid job parameters throw TypeError naming the rule', () => {
  const base = { region: 'cn-hangzhou', credentials: { accessKeyId: 'a', accessKeySecret: 's' }, signedAt: 0 };
  const cases = [
    [() => signDescribeJob({ ...base, jobId: '' }), /batchJobId/],
    [() => signDescribeJob({ ...base }), /jobId/],
    [() => signDescribeJob({ ...base, jobId: 'j', priority: 1 }), /unknown field `priority`/],
    [() => signUpdateJobPriority({ ...base, jobId: 'j', priority: -1 }), /targetPriority/],
    [() => signUpdateJobPriority({ ...base, jobId: 'j', priority: 2147483648 }), /targetPriority/],
    [() => signUpdateJobStatus({ ...base, jobId: 'j', requestedStatus: 'Paused' }), /Ready or Cancelled/],
    [() => signUpdateJobStatus({ ...base, jobId: 'j', requestedStatus: 'Ready', currentStatus: 'Active' }), /cannot become Ready/],
    [() => signUpdateJobStatus({ ...base, jobId: 'j', requestedStatus: 'Cancelled', currentStatus: 'Complete' }), /cannot become Cancelled/],
    [() => signUpdateJobStatus({ ...base, jobId: 'j', requestedStatus: 'Cancelled', reason: 'x'.repeat(257) }), /statusUpdateReason/],
    [() => signListJobs({ ...base, statuses: ['Running'] }), /not a job status/],
    [() => signListJobs({ ...base, maxKeys: 0 }), /max-keys/],
    [() => signListJobs({ ...base, maxKeys: 1.5 }), /maxKeys/],
  ];
  for (const [call, message] of cases) {
    assert.throws(call, (error) => error instanceof TypeError && message.test(error.message), String(call));
  }
  assert.ok(signUpdateJobStatus({ ...base, jobId: 'j', requestedStatus: 'Ready', currentStatus: 'Suspended', reason: 'confirmed' }).url.includes('requestedJobStatus=Ready'));
});

const fixture = (name) => readFileSync(`${process.env.OSSBATCH_FIXTURES}/responses/${name}`, 'utf8');

test('parseResponse reads ListJobs as the service sends it: JobListDescriptor entries', () => {
  const list = parseResponse(200, fixture('list-jobs.xml'), 'listJobs');
  assert.equal(list.jobs.length, 3);
  assert.equal(list.nextToken, 'OTY2NzU4');
  const [first, second] = list.jobs;
  assert.equal(first.JobId, 'OTliNzRjYzE3OGM0NDlmZmI5MzZlZmQ0OGUxZDA5Zjk=');
  assert.equal(first.Operation, 'DeleteObjectTagging');
  assert.equal(first.Status, 'Failed');
  assert.equal(first.Priority, 20);
  assert.equal(first.CreationTime, 1785825069);
  assert.equal(first.TerminationDate, 1785825076);
  assert.deepEqual(first.ProgressSummary, {
    NumberOfTasksFailed: -1, NumberOfTasksSucceeded: -1, TotalNumberOfTasks: -1, Timers: { ElapsedTimeInActiveSeconds: 0 },
  });
  assert.equal(second.Operation, 'PutObjectAcl');
  assert.equal(second.Status, 'Complete');
  const last = parseResponse(200, fixture('list-jobs-last-page.xml'), 'listJobs');
  assert.equal(last.jobs.length, 1);
  assert.equal(last.nextToken, undefined);
  assert.deepEqual(parseResponse(200, fixture('list-jobs-empty.xml'), 'listJobs'), { jobs: [] });
});

test('parseResponse reads the whole DescribeJob Job and the update results', () => {
  const { job } = parseResponse(200, fixture('describe-job.xml'), 'describeJob');
  assert.equal(job.JobId, 'MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=');
  assert.equal(job.Status, 'Complete');
  assert.deepEqual(job.Operation, { RestoreObject: { Days: 7, Tier: 'Standard' } });
  assert.equal(job.OperationName, 'RestoreObject');
  assert.deepEqual(job.Report, { Bucket: 'report-bucket', Enabled: true, Prefix: 'reports/', ReportScope: 'AllTasks' });
  assert.equal(job.Manifest.Location.VersionId, '3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo');
  assert.equal(job.ProgressSummary.Timers.ElapsedTimeInActiveSeconds, 3600);
  assert.equal(job.TerminationDate, 1749987000);
  assert.deepEqual(job.FailureReasons, []);
  const failed = parseResponse(200, fixture('describe-job-failed-minimal.xml'), 'describeJob').job;
  assert.deepEqual(failed.KeyPrefixManifestGenerator, { SourceBucket: 'source-bucket', Prefix: 'data/' });
  assert.deepEqual(failed.FailureReasons, [{ FailureCode: 'InternalError', FailureReason: 'Internal service error' }]);
  assert.deepEqual(parseResponse(200, fixture('update-job-status.xml'), 'updateJobStatus'),
    { jobId: 'MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=', status: 'Cancelling', statusUpdateReason: 'User requested cancellation' });
  assert.deepEqual(parseResponse(200, fixture('update-job-priority.xml'), 'updateJobPriority'),
    { jobId: 'MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=', priority: 20 });
  const error = parseResponse(404, fixture('error-no-such-bucket.xml'), 'describeJob');
  assert.equal(error.error.Code, 'NoSuchBucket');
  assert.equal(error.error.EC, '0015-00000101');
  assert.equal(error.status, 404);
  assert.equal(parseResponse(502, '<html/>', 'listJobs').error.Code, 'UnexpectedResponse');
  assert.throws(() => parseResponse(200, '', 'deleteJob'), TypeError);
});

test('parseResponse turns a proxy answer into a plain message, not an XML error', () => {
  const body = JSON.stringify({ source: 'ossbatch-proxy', error: 'too many requests; retry in 3 s', retryAfterSeconds: 3 });
  const parsed = parseResponse(429, body, 'listJobs');
  assert.equal(parsed.status, 429);
  assert.equal(parsed.error.Code, 'ProxyError');
  assert.equal(parsed.error.Message, 'too many requests; retry in 3 s');
  assert.equal(parsed.error.RetryAfterSeconds, 3);
  assert.doesNotMatch(JSON.stringify(parsed), /well-formed/);
  assert.equal(parseResponse(429, body).error.Code, 'ProxyError');
});

test('documented batch ECs get their hint; undocumented codes get none', () => {
  const role = parseResponse(400, '<Error><Code>InvalidArgument</Code><Message>m</Message><EC>0017-00001009</EC></Error>');
  assert.match(role.error.Hint, /RoleArn/);
  const madeUp = parseResponse(400, '<Error><Code>TooManyJobs</Code><Message>m</Message></Error>');
  assert.equal(madeUp.error.Hint, undefined);
});

test('parseResponse gives the hint in the caller\'s language; options are checked', () => {
  const denied = readFileSync(`${process.env.OSSBATCH_FIXTURES}/responses/error-access-denied.xml`, 'utf8');
  const english = parseResponse(403, denied, 'createJob');
  const chinese = parseResponse(403, denied, 'createJob', { lang: 'zh' });
  assert.equal(chinese.error.Code, english.error.Code);
  assert.equal(chinese.error.Message, english.error.Message, 'OSS\'s own message is never translated');
  assert.ok(english.error.Hint && /^[\x00-\x7f]+$/.test(english.error.Hint), english.error.Hint);
  assert.match(chinese.error.Hint, /[\u4e00-\u9fff]/);
  const proxy = parseResponse(429, JSON.stringify({ source: 'ossbatch-proxy', error: 'slow down', retryAfterSeconds: 2 }), 'listJobs', { lang: 'zh' });
  assert.equal(proxy.error.Code, 'ProxyError');
  assert.match(proxy.error.Hint, /代理/);
  assert.throws(() => parseResponse(403, denied, 'createJob', { lang: 'fr' }), /TypeError: parseResponse: options\.lang must be 'en' or 'zh'/);
  assert.throws(() => parseResponse(403, denied, 'createJob', { language: 'zh' }), /TypeError: parseResponse: options\.language: unknown field/);
});

test('parseResponse keeps every child OSS sent and names the first line of a string to sign that differs', () => {
  const fixtures = process.env.OSSBATCH_FIXTURES;
  // The Java v2 SDK's error document (ClientImplMockTest): OSSAccessKeyId beside the known fields.
  const invalid = parseResponse(403, readFileSync(`${fixtures}/responses/error-invalid-access-key-id.xml`, 'utf8'), 'describeJob');
  assert.deepEqual(invalid.error.Other, { OSSAccessKeyId: 'ak' });
  assert.equal(invalid.error.RecommendDoc, 'https://api.aliyun.com/troubleshoot?q=0002-00000902');
  const ours = 'OSS4-HMAC-SHA256\n20260102T030405Z\n20260102/cn-hangzhou/oss/aliyun_v4_request\nabc';
  const theirs = ours.replace('cn-hangzhou', 'cn-beijing');
  const body = `<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><RequestId>r</RequestId><StringToSign>${theirs}</StringToSign><SignatureProvided>xyz</SignatureProvided></Error>`;
  const mismatch = parseResponse(403, body, 'describeJob', { stringToSign: ours });
  assert.equal(mismatch.error.Other.StringToSign, theirs);
  assert.equal(mismatch.error.Other.SignatureProvided, 'xyz');
  assert.deepEqual({ ...mismatch.error.StringToSignDifference, hint: undefined },
    { line: 3, ours: '20260102/cn-hangzhou/oss/aliyun_v4_request', theirs: '20260102/cn-beijing/oss/aliyun_v4_request', hint: undefined });
  assert.match(mismatch.error.StringToSignDifference.hint, /another region/);
  assert.equal(parseResponse(403, body, 'describeJob').error.StringToSignDifference, undefined);
  assert.throws(() => parseResponse(403, body, 'describeJob', { stringToSign: 5 }), /options\.stringToSign/);
  // A nested element keeps its children under Parent.Child (the document is constructed: README).
  const nested = parseResponse(403, readFileSync(`${fixtures}/responses/error-nested-element.xml`, 'utf8'), 'describeJob');
  assert.deepEqual(nested.error.Other, { OSSAccessKeyId: 'ak', 'Detail.ArgumentName': 'OSSAccessKeyId', 'Detail.ArgumentValue': 'ak' });
});

test('parseResponse reads a bodiless answer\'s error from options.headers (x-oss-err, x-oss-ec, x-oss-request-id)', () => {
  const lines = readFileSync(`${process.env.OSSBATCH_FIXTURES}/responses/head-error-in-header.headers`, 'utf8').trim().split('\n');
  const fields = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]));
  const status = Number(fields.status);
  delete fields.status;
  for (const headers of [new Headers(fields), Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toUpperCase(), v]))]) {
    const { error } = parseResponse(status, '', 'describeJob', { headers });
    assert.equal(error.Code, 'InvalidAccessKeyId');
    assert.equal(error.RequestId, '636B68BA80DA8539399F****');
    assert.equal(error.EC, '0003-00000001');
    assert.deepEqual(error.Other, { OSSAccessKeyId: 'ak' });
  }
  assert.equal(parseResponse(status, '', 'describeJob').error.Code, 'UnexpectedResponse');
  assert.throws(() => parseResponse(status, '', 'describeJob', { headers: 'x-oss-err' }), /options\.headers/);
  assert.throws(() => parseResponse(status, '', 'describeJob', { headers: { 'x-oss-ec': 5 } }), /options\.headers\.x-oss-ec/);
});
