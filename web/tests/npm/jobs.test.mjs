// Job management in the npm package: the four signers equal the official SDK (V4 and V1), invalid
// parameters throw TypeError naming the rule, and parseResponse decodes each result kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { signDescribeJob, signListJobs, signUpdateJobStatus, signUpdateJobPriority, parseResponse } from 'ossbatch';

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
      signed = signListJobs({ ...common(vector), statuses: q.batchJobStatuses.split('|'), maxKeys: Number(q['max-keys']), continuationToken: q['continuation-token'] });
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
  assert.equal(checked, 8);
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

test('parseResponse decodes each kind of result', () => {
  const describe = parseResponse(200, '<DescribeJobResult><Job><JobId>j1</JobId><Status>Suspended</Status><Priority>10</Priority><FailureReasons/><ProgressSummary><TotalNumberOfTasks>4</TotalNumberOfTasks></ProgressSummary><Novel>n</Novel></Job></DescribeJobResult>', 'describeJob');
  assert.equal(describe.job.JobId, 'j1');
  assert.equal(describe.job.Status, 'Suspended');
  assert.deepEqual(describe.job.FailureReasons, []);
  assert.equal(describe.job.ProgressSummary.TotalNumberOfTasks, 4);
  assert.equal(describe.job.Other.Novel, 'n');
  const list = parseResponse(200, '<ListJobsResult><Jobs><Job><JobId>a</JobId></Job><Job><JobId>b</JobId></Job></Jobs><NextToken>n2</NextToken></ListJobsResult>', 'listJobs');
  assert.deepEqual(list.jobs.map((j) => j.JobId), ['a', 'b']);
  assert.equal(list.nextToken, 'n2');
  assert.deepEqual(parseResponse(200, '<UpdateJobStatusResult><JobId>a</JobId><Status>Ready</Status></UpdateJobStatusResult>', 'updateJobStatus'), { jobId: 'a', status: 'Ready' });
  assert.deepEqual(parseResponse(200, '<UpdateJobPriorityResult><JobId>a</JobId><Priority>3</Priority></UpdateJobPriorityResult>', 'updateJobPriority'), { jobId: 'a', priority: 3 });
  const error = parseResponse(404, '<Error><Code>NoSuchJob</Code><Message>gone</Message></Error>', 'describeJob');
  assert.equal(error.error.Code, 'NoSuchJob');
  assert.equal(error.status, 404);
  assert.equal(parseResponse(502, '<html/>', 'listJobs').error.Code, 'UnexpectedResponse');
  assert.throws(() => parseResponse(200, '', 'deleteJob'), TypeError);
});
