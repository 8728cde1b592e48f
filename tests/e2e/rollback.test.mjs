// A way back, end to end in Chromium (issue #31): the Plan step saves a before-image of a
// PutObjectTagging job's objects (tag sets of their own, none, one shared), the job runs on the OSS
// stand-in (one task planted to fail), and the job's page rolls it back from the saved file — the
// report's failed task left out, the manifests uploaded with their ETags checked, each rollback job
// opened as a draft and submitted from the builder. Every object's tags are then as before. The Jobs
// tab lists the jobs submitted from this browser (its IndexedDB journal) even after the stand-in
// forgets one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { start, ossbatch, openBuilder } from './harness.mjs';
import { startServices, KEYS, callThrough } from './services.mjs';

const IMAGES = {
  'r/1.txt': [['team', 'a']],
  'r/2.txt': [['team', 'a']],
  'r/3.txt': [],
  'r/4.txt': [['x', '1'], ['中 文', 'a b+c']],
  'r/5.txt': [],
  'r/6.txt': [['team', 'a']],
  'locked/7.txt': [['keep', 'me']],
};
const manifest = Object.keys(IMAGES).map((key) => `data-bucket,${key}`).join('\n') + '\n';
const SEED = {
  objects: [
    { bucket: 'manifest-bucket', key: 'rb.csv', body: manifest },
    { bucket: 'report-bucket', key: 'keep.txt', body: '' },
    ...Object.entries(IMAGES).map(([key, tags]) => ({ bucket: 'data-bucket', key, body: 'x', tags })),
  ],
  // The job's role may not tag this prefix: its task fails and the object keeps its tags.
  denied: [{ bucket: 'data-bucket', prefix: 'locked/', action: 'oss:PutObjectTagging' }],
};

let env;
let services;
before(async () => {
  env = await start();
  services = await startServices({ seed: SEED });
});
after(async () => {
  await services?.stop();
  await env?.close();
});

const credentials = { accessKeyId: KEYS.id, accessKeySecret: KEYS.secret };
const job = {
  ConfirmationRequired: false,
  Operation: { PutObjectTagging: { TagSet: [{ Key: 'stage', Value: 'done' }] } },
  Report: { Bucket: 'report-bucket', Enabled: true, Prefix: 'reports', ReportScope: 'AllTasks' },
  Manifest: { Location: { Bucket: 'manifest-bucket', Object: 'rb.csv', ETag: createHash('md5').update(manifest).digest('hex') },
    Spec: { Fields: 'Bucket,Key', Format: 'OSS_BatchOperations_CSV_20250611' } },
  Priority: 10,
  RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
  ClientRequestToken: 'rollback-e2e-token',
};

/** Every object's tags as the stand-in holds them, read with the official Python SDK. */
function tagsNow() {
  const script = `
import json, sys
import alibabacloud_oss_v2 as oss
config = oss.config.load_default()
config.credentials_provider = oss.credentials.StaticCredentialsProvider(sys.argv[2], sys.argv[3])
config.region = 'cn-hangzhou'
config.endpoint = sys.argv[1]
config.use_path_style = True
client = oss.Client(config)
out = {}
for key in json.loads(sys.argv[4]):
    got = client.get_object_tagging(oss.GetObjectTaggingRequest(bucket='data-bucket', key=key))
    out[key] = [[t.key, t.value or ''] for t in (got.tag_set.tags or [])]
print(json.dumps(out))`;
  return JSON.parse(execFileSync('python3', ['-c', script, services.standinUrl, KEYS.id, KEYS.secret,
    JSON.stringify(Object.keys(IMAGES))], { encoding: 'utf8' }));
}

async function describe(jobId) {
  return callThrough(services, ossbatch, ossbatch.signDescribeJob({ jobId, region: 'cn-hangzhou', signedAt: new Date(), credentials }), 'describeJob');
}

/** Confirms a Suspended job and describes it until it is Complete (the stand-in moves one status a describe). */
async function confirmAndFinish(jobId) {
  const confirmed = await callThrough(services, ossbatch, ossbatch.signUpdateJobStatus({
    jobId, requestedStatus: 'Ready', region: 'cn-hangzhou', signedAt: new Date(), credentials }), 'updateJobStatus');
  assert.ok(!confirmed.error, JSON.stringify(confirmed));
  for (let i = 0; i < 10; i++) {
    const described = await describe(jobId);
    if (described.job?.Status === 'Complete') return;
  }
  assert.fail(`${jobId} did not complete`);
}

/** Submits the draft in the builder; returns the new JobId (the panel may still show the last one). */
async function submitDraft(page, previous) {
  await page.click('#submit-button');
  await page.waitForFunction((before) => {
    const shown = widgetRoot().querySelector('#job-id')?.textContent;
    return shown && shown !== before;
  }, previous, { timeout: 15000 });
  return page.textContent('#job-id');
}

test('a before-image saved in the Plan step rolls the job back from its page; the Jobs tab remembers the jobs', async () => {
  const before = tagsNow();
  const page = await env.page({ acceptDownloads: true });
  await openBuilder(page, services.url + '/');
  await page.click('details summary');
  await page.fill('#import-text', ossbatch.toXml(job));
  await page.click('#import-button');
  await page.waitForSelector('#import-message.ok');
  await page.fill('[name="credentials.accessKeyId"]', KEYS.id);
  await page.fill('[name="credentials.accessKeySecret"]', KEYS.secret);

  // Plan, then save the before-image the plan read.
  await page.click('#plan-run');
  await page.waitForSelector('#plan-result, #plan-error', { timeout: 20000 });
  assert.equal(await page.$('#plan-error'), null, await page.textContent('#plan-error').catch(() => ''));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#plan-snapshot')]);
  assert.match(download.suggestedFilename(), /^ossbatch-snapshot-\d+\.jsonl$/);
  const snapshotPath = await download.path();
  const lines = readFileSync(snapshotPath, 'utf8').trim().split('\n');
  assert.equal(lines.length, 1 + Object.keys(IMAGES).length, 'the summary, then one row an object');
  assert.equal(JSON.parse(lines[0]).operation, 'PutObjectTagging');
  assert.match(await page.textContent('#plan-snapshot-done'), /7 objects/);

  // The job runs: every object but the locked one now has stage=done only.
  const jobId = await submitDraft(page, null);
  await describe(jobId); await describe(jobId); await describe(jobId);
  const changed = tagsNow();
  assert.deepEqual(changed['r/1.txt'], [['stage', 'done']]);
  assert.deepEqual(changed['locked/7.txt'], [['keep', 'me']], 'its task failed');

  // Its page: read the report (one failed task), then roll back from the saved file.
  await page.click('#tab-jobs');
  await page.fill('#open-job-id', jobId);
  await page.click('#open-job-button');
  await page.waitForSelector('#job-status');
  for (let i = 0; i < 4 && (await page.textContent('#job-status')) !== 'Complete'; i++) {
    await page.click('#job-refresh');
    await page.waitForFunction(() => !widgetRoot().querySelector('#job-loading'));
  }
  await page.click('#report-find');
  await page.waitForSelector('#rollback-failed-known', { timeout: 20000 });
  assert.match(await page.textContent('#rollback-failed-known'), /^1 failed task/);
  await page.setInputFiles('#rollback-snapshot', snapshotPath);
  await page.waitForSelector('#rollback-result, #rollback-error', { timeout: 20000 });
  assert.equal(await page.$('#rollback-error'), null, await page.textContent('#rollback-error').catch(() => ''));
  // Three before-images among the six changed objects: team=a (3), none (2), x/中 文 (1).
  const planned = await page.$$eval('#rollback-jobs li', (items) => items.map((li) => [li.dataset.operation, li.dataset.objects]));
  assert.deepEqual(planned, [['PutObjectTagging', '3'], ['DeleteObjectTagging', '2'], ['PutObjectTagging', '1']]);
  await page.click('#rollback-upload');
  await page.waitForSelector('#rollback-uploaded, #rollback-error', { timeout: 20000 });
  assert.equal(await page.$('#rollback-error'), null, await page.textContent('#rollback-error').catch(() => ''));

  // Each rollback job opened as a draft and submitted from the builder, then confirmed and run.
  let last = jobId;
  const rollbackIds = [];
  for (let i = 1; i <= planned.length; i++) {
    if (i > 1) {
      await page.click('#tab-jobs');
      await page.waitForSelector(`#rollback-open-${i}`);
    }
    await page.click(`#rollback-open-${i}`);
    const draft = ossbatch.fromXml(await page.$eval('#xml-preview', (el) => el.textContent));
    assert.equal(draft.ConfirmationRequired, true);
    assert.match(draft.Description, new RegExp(`^Rollback ${i}/3 of ${jobId.replace(/[=+/]/g, '.')}`));
    last = await submitDraft(page, last);
    rollbackIds.push(last);
    await confirmAndFinish(last);
  }
  assert.deepEqual(tagsNow(), before, 'every object has its tags back, order and all');

  // The journal: the original and the three rollback jobs, still listed after the service forgets one.
  const forgot = await fetch(`${services.standinUrl}/?standin-forget=${encodeURIComponent(jobId)}`, { method: 'POST' });
  assert.equal(forgot.status, 204);
  await page.click('#tab-jobs');
  await page.click('#jobs-back').catch(() => {});
  await page.waitForSelector('#journal-list');
  await page.waitForFunction((id) => !!widgetRoot().querySelector(`#journal-list tr[data-job-id="${id}"]`), jobId, { timeout: 10000 });
  const journaled = await page.$$eval('#journal-list tr.job-row', (rows) => rows.map((r) => r.dataset.jobId));
  for (const id of [jobId, ...rollbackIds]) assert.ok(journaled.includes(id), `${id} in ${journaled}`);
  assert.deepEqual(page.errors, []);
});
