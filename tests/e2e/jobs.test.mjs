// Job management end to end without a browser: requests signed by the npm package, sent through the
// real proxy to the OSS stand-in (which verifies each signature with the official SDK and moves jobs
// through statuses), answers decoded by parseResponse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ossbatch } from './harness.mjs';
import { startServices, KEYS } from './services.mjs';

let services;
before(async () => { services = await startServices(); });
after(async () => { await services?.stop(); });

const signing = (version = 'v4') => ({
  region: 'cn-hangzhou',
  credentials: { accessKeyId: KEYS.id, accessKeySecret: KEYS.secret },
  signedAt: new Date(),
  signatureVersion: version,
});

async function send(signed, kind) {
  const url = new URL(signed.url);
  const response = await fetch(`${services.url}/oss/cn-hangzhou/${url.search}`, {
    method: signed.method,
    headers: signed.headers,
    // An empty string body would make fetch add Content-Type: text/plain, which is not signed.
    body: signed.body === '' ? undefined : signed.body,
  });
  return ossbatch.parseResponse(response.status, await response.text(), kind);
}

async function create(confirmationRequired) {
  const request = {
    ConfirmationRequired: confirmationRequired,
    Operation: { DeleteObjectTagging: {} },
    Report: { Enabled: false },
    ClientRequestToken: `jobs-${Math.random().toString(36).slice(2)}`,
    KeyPrefixManifestGenerator: { SourceBucket: 'source-bucket' },
    Priority: 10,
    RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
  };
  const result = await send(ossbatch.signCreateJob({ request, ...signing() }), 'createJob');
  assert.ok(result.jobId, JSON.stringify(result));
  return result.jobId;
}

const describe = async (jobId, version) => (await send(ossbatch.signDescribeJob({ ...signing(version), jobId }), 'describeJob')).job;

test('a job created with confirmation waits Suspended, is confirmed, runs and completes', async () => {
  const jobId = await create(true);
  const listed = await send(ossbatch.signListJobs({ ...signing(), statuses: ['Suspended'], maxKeys: 100 }), 'listJobs');
  assert.ok(listed.jobs.some((j) => j.JobId === jobId && j.Status === 'Suspended'));
  const job = await describe(jobId);
  assert.equal(job.Status, 'Suspended');
  assert.equal(job.ConfirmationRequired, true);
  assert.deepEqual(job.FailureReasons, []);
  const confirmed = await send(ossbatch.signUpdateJobStatus({
    ...signing(), jobId, requestedStatus: 'Ready', currentStatus: job.Status, reason: 'confirmed by e2e 确认',
  }), 'updateJobStatus');
  assert.deepEqual(confirmed, { jobId, status: 'Ready', statusUpdateReason: 'confirmed by e2e 确认' });
  assert.equal((await describe(jobId, 'v1')).Status, 'Ready');
  assert.equal((await describe(jobId)).Status, 'Active');
  const complete = await describe(jobId);
  assert.equal(complete.Status, 'Complete');
  assert.equal(complete.ProgressSummary.NumberOfTasksSucceeded, complete.ProgressSummary.TotalNumberOfTasks);
  // Once complete, it can be neither confirmed nor cancelled: the signers refuse before sending.
  assert.throws(() => ossbatch.signUpdateJobStatus({ ...signing(), jobId, requestedStatus: 'Cancelled', currentStatus: 'Complete' }), TypeError);
});

test('cancelling passes through Cancelling; priority changes stick', async () => {
  const jobId = await create(false);
  const priority = await send(ossbatch.signUpdateJobPriority({ ...signing('v1'), jobId, priority: 42 }), 'updateJobPriority');
  assert.deepEqual(priority, { jobId, priority: 42 });
  const cancelled = await send(ossbatch.signUpdateJobStatus({ ...signing(), jobId, requestedStatus: 'Cancelled' }), 'updateJobStatus');
  assert.equal(cancelled.status, 'Cancelling');
  const job = await describe(jobId);
  assert.equal(job.Status, 'Cancelling');
  assert.equal(job.Priority, 42);
  assert.equal((await describe(jobId)).Status, 'Cancelled');
  // The stand-in, like OSS, refuses a second cancel.
  const again = await send(ossbatch.signUpdateJobStatus({ ...signing(), jobId, requestedStatus: 'Cancelled' }), 'updateJobStatus');
  assert.equal(again.status, 409);
});

test('V1-signed job calls are accepted as OSS checks them (only the operation key is a sub-resource)', async () => {
  const jobs = [await create(true), await create(true), await create(true)];
  // Page through with V1: the continuation token is signed, the filters and page size are not.
  const seen = [];
  let token;
  do {
    const page = await send(ossbatch.signListJobs({ ...signing('v1'), statuses: ['Suspended'], maxKeys: 2,
      ...(token ? { continuationToken: token } : {}) }), 'listJobs');
    assert.ok(page.jobs, JSON.stringify(page));
    seen.push(...page.jobs.map((j) => j.JobId));
    token = page.nextToken;
  } while (token);
  for (const jobId of jobs) assert.ok(seen.includes(jobId), jobId);
  const confirmed = await send(ossbatch.signUpdateJobStatus({ ...signing('v1'), jobId: jobs[0], requestedStatus: 'Ready',
    reason: 'confirmed with V1 & a reason = 确认' }), 'updateJobStatus');
  assert.equal(confirmed.status, 'Ready', JSON.stringify(confirmed));
  const priority = await send(ossbatch.signUpdateJobPriority({ ...signing('v1'), jobId: jobs[1], priority: 7 }), 'updateJobPriority');
  assert.deepEqual(priority, { jobId: jobs[1], priority: 7 });
});

test('a wrong secret on a job request is refused by the signature check', async () => {
  const bad = { ...signing(), credentials: { accessKeyId: KEYS.id, accessKeySecret: 'wrong' } };
  const result = await send(ossbatch.signDescribeJob({ ...bad, jobId: 'x' }), 'describeJob');
  assert.equal(result.error.Code, 'SignatureDoesNotMatch');
});
