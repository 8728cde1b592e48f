// The Plan step (issue #30), end to end in Chromium: a job over objects in the OSS stand-in with
// planted defects (a missing key, a key written URL-encoded, an object past 10 tags, a folder marker,
// a lifecycle rule that expires objects with the job's tag, a running job on the same prefix) is
// planned through the real proxy (GetObject, HeadObject, GetObjectTagging, GetBucketLifecycle,
// ListJobs, DescribeJob, each signed in the browser); the groups show with causes and fixes; the fixed
// manifest is uploaded with its ETag checked and the draft points at it; the plan module is fetched
// only when the step is used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { start, preview, ossbatch, openBuilder } from './harness.mjs';
import { startServices, KEYS, callThrough } from './services.mjs';

const manifest = ['data-bucket,photos/a.jpg', 'data-bucket,photos/missing.jpg', 'data-bucket,photos/with%20space.jpg',
  'data-bucket,photos/full.jpg', 'data-bucket,photos/dir/', 'data-bucket,photos/b.jpg'].join('\n') + '\n';
const tenTags = Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v']);
const SEED = {
  objects: [
    { bucket: 'manifest-bucket', key: 'plan.csv', body: manifest },
    { bucket: 'data-bucket', key: 'photos/a.jpg', body: 'a' },
    { bucket: 'data-bucket', key: 'photos/with space.jpg', body: 's' },
    { bucket: 'data-bucket', key: 'photos/full.jpg', body: 'f', tags: tenTags },
    { bucket: 'data-bucket', key: 'photos/dir/', body: '' },
    { bucket: 'data-bucket', key: 'photos/b.jpg', body: 'b', storageClass: 'Archive' },
    { bucket: 'report-bucket', key: 'keep.txt', body: '' },
  ],
  lifecycle: {
    'data-bucket': '<?xml version="1.0" encoding="UTF-8"?>\n<LifecycleConfiguration><Rule><ID>expire-stage-done</ID><Prefix>photos/</Prefix><Status>Enabled</Status><Tag><Key>stage</Key><Value>done</Value></Tag><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>',
  },
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
const etag = createHash('md5').update(manifest).digest('hex');
const job = {
  ConfirmationRequired: false,
  Operation: { AddObjectTagging: { TagSet: [{ Key: 'stage', Value: 'done' }] } },
  Report: { Bucket: 'report-bucket', Enabled: true, Prefix: 'reports', ReportScope: 'AllTasks' },
  Manifest: { Location: { Bucket: 'manifest-bucket', Object: 'plan.csv', ETag: etag },
    Spec: { Fields: 'Bucket,Key', Format: 'OSS_BatchOperations_CSV_20250611' } },
  Priority: 10,
  RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
  ClientRequestToken: 'plan-e2e-token',
};

test('the Plan step predicts the failing rows with causes, names the rule and the running job, and points the draft at a fixed manifest', async () => {
  // A job waiting for confirmation over the same prefix: the running job the plan must name.
  const running = await callThrough(services, ossbatch, ossbatch.signCreateJob({
    request: { ConfirmationRequired: true, Operation: { DeleteObjectTagging: {} }, Report: { Enabled: false },
      KeyPrefixManifestGenerator: { SourceBucket: 'data-bucket', Prefix: 'photos/' }, Priority: 1,
      RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole', ClientRequestToken: 'other-job' },
    region: 'cn-hangzhou', signedAt: new Date(), credentials }), 'createJob');
  assert.ok(running.jobId, JSON.stringify(running));

  const page = await env.page();
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  await openBuilder(page, services.url + '/');
  await page.click('details summary');
  await page.fill('#import-text', ossbatch.toXml(job));
  await page.click('#import-button');
  await page.waitForSelector('#import-message.ok');
  assert.ok(!requested.some((url) => url.includes('ossbatch_plan')), 'the plan module is not part of the first screen');
  await page.fill('[name="credentials.accessKeyId"]', KEYS.id);
  await page.fill('[name="credentials.accessKeySecret"]', KEYS.secret);
  await page.click('#plan-run');
  await page.waitForSelector('#plan-result, #plan-error', { timeout: 20000 });
  assert.equal(await page.$('#plan-error'), null, await page.textContent('#plan-error').catch(() => ''));
  assert.ok(requested.some((url) => url.endsWith('ossbatch_plan_bg.wasm')), 'the plan module loads when the step is used');

  assert.equal(await page.textContent('#plan-counts'), '6 rows: 2 succeed, 3 fail, 1 warn');
  const groups = await page.$$eval('#plan-groups tr.plan-group', (rows) => rows.map((r) => [r.dataset.code, r.dataset.severity,
    r.querySelector('td:nth-child(2)').textContent, r.querySelector('td:nth-child(5)').textContent]));
  assert.deepEqual(groups.sort(), [
    ['plan.folder_marker', 'warn', '1', 'photos/dir/'],
    ['plan.key_encoding', 'fail', '1', 'photos/with%20space.jpg'],
    ['plan.object_missing', 'fail', '1', 'photos/missing.jpg'],
    ['plan.tag_limit', 'fail', '1', 'photos/full.jpg'],
  ].sort());
  assert.match(await page.textContent('#plan-groups'), /OSS error NoSuchKey/);
  assert.match(await page.textContent('#plan-groups'), /more than 10 tags/);
  assert.match(await page.textContent('#plan-lifecycle'), /expire-stage-done.*data-bucket.*3 objects start to match \(Expiration after 3 days\)/);
  assert.match(await page.textContent('#plan-collisions'), new RegExp(`${running.jobId}.*Suspended.*manifest-in-prefix`));
  assert.match(await page.textContent('#plan-cost'), /unknown.*batchJob.*estimate, not a quote/);

  // The fixed manifest: uploaded beside the job's, OSS's ETag checked, the draft pointed at it.
  await page.click('#plan-fix');
  await page.waitForSelector('#plan-fix-done, #plan-fix-error', { timeout: 15000 });
  assert.equal(await page.$('#plan-fix-error'), null, await page.textContent('#plan-fix-error').catch(() => ''));
  const fixedBody = 'data-bucket,photos/a.jpg\ndata-bucket,photos/dir/\ndata-bucket,photos/b.jpg\n';
  const fixedEtag = createHash('md5').update(fixedBody).digest('hex');
  const draft = ossbatch.fromXml(await preview(page));
  assert.equal(draft.Manifest.Location.ETag, fixedEtag);
  assert.equal(draft.Manifest.Location.Object, `plan.fixed-${fixedEtag.slice(0, 8)}.csv`);
  assert.equal(await page.$('#plan-stale') !== null, true, 'the draft changed after the plan');

  // Planned again, the fixed draft has no row predicted to fail.
  await page.click('#plan-run');
  await page.waitForFunction(() => /0 fail/.test(widgetRoot().querySelector('#plan-counts')?.textContent ?? ''), null, { timeout: 20000 });
  assert.equal(await page.textContent('#plan-counts'), '3 rows: 2 succeed, 0 fail, 1 warn');
});
