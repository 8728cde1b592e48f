// After "Complete" (issue #22), end to end: a job runs in the OSS stand-in over objects with planted
// faults (a missing key, a prefix the role may not tag, an archived object) and writes its report
// (layout ASSUMED from S3's, tests/oss-standin/objects.py); the job page's Report panel finds it through
// the real proxy (ListObjectsV2 + ranged GetObject, signed in the browser), shows the failure groups
// with their causes, uploads the retry manifest (PutObject; OSS's ETag checked against ours) and opens
// the retry job in the builder; once the faults are cleared, that job completes with no failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, preview, ossbatch } from './harness.mjs';
import { startServices, KEYS, openJobPage, callThrough, taggingJobWithReport } from './services.mjs';

const SEED = {
  objects: [
    { bucket: 'manifest-bucket', key: 'manifest.csv',
      body: 'data-bucket,photos/a.jpg\ndata-bucket,photos/b.jpg\ndata-bucket,photos/missing.jpg\ndata-bucket,private/c.jpg\ndata-bucket,archive/d.jpg\ndata-bucket,photos/e.jpg\n' },
    { bucket: 'data-bucket', key: 'photos/a.jpg', body: 'a' },
    { bucket: 'data-bucket', key: 'photos/b.jpg', body: 'b' },
    { bucket: 'data-bucket', key: 'private/c.jpg', body: 'c' },
    { bucket: 'data-bucket', key: 'archive/d.jpg', body: 'd', storageClass: 'Archive' },
    { bucket: 'data-bucket', key: 'photos/e.jpg', body: 'e' },
    { bucket: 'report-bucket', key: 'other/unrelated.csv', body: 'x' },
  ],
  // An archived object takes tags (issue #30: only reads and copies need a restore), so its failure
  // here is a refusal, not its storage class.
  denied: [{ bucket: 'data-bucket', prefix: 'private/', action: 'oss:PutObjectTagging' },
    { bucket: 'data-bucket', prefix: 'archive/', action: 'oss:PutObjectTagging' }],
  // Reports success but changes nothing: the effect check must say so, and only for it.
  lying: [{ bucket: 'data-bucket', key: 'photos/e.jpg' }],
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

const call = (signed, kind) => callThrough(services, ossbatch, signed, kind);

async function createJob(request) {
  const created = await call(ossbatch.signCreateJob({ request, region: 'cn-hangzhou', signedAt: new Date(), credentials }), 'createJob');
  assert.ok(created.jobId, JSON.stringify(created));
  return created.jobId;
}

const describe = (jobId) => call(ossbatch.signDescribeJob({ jobId, region: 'cn-hangzhou', signedAt: new Date(), credentials }), 'describeJob');

test('the Report panel finds the report, groups the failures with causes, and the retry job completes once the faults are gone', async () => {
  const jobId = await createJob(taggingJobWithReport(`report-${Math.random().toString(36).slice(2)}`, { Description: 'tag the photos' }));
  const page = await env.page();
  assert.equal(await openJobPage(page, services, jobId), 'Complete');
  // Complete with failed tasks: the Report panel comes before the job's facts.
  const panelFirst = () => page.evaluate(() => Boolean(widgetRoot().querySelector('#job-report-panel')
    .compareDocumentPosition(widgetRoot().querySelector('#job-status')) & Node.DOCUMENT_POSITION_FOLLOWING));
  assert.equal(await panelFirst(), true);

  await page.click('#report-find');
  await page.waitForSelector('#report-counts', { timeout: 15000 });
  assert.equal(await page.textContent('#report-counts'), '6 tasks: 3 succeeded, 3 failed');
  const groups = await page.$$eval('#report-groups tr.report-group', (rows) => rows.map((r) => [r.dataset.code, r.querySelector('td:nth-child(2)').textContent, r.querySelector('td:nth-child(4)').textContent]));
  assert.deepEqual(groups.sort(), [['AccessDenied', '403', 'private/c.jpg, archive/d.jpg'], ['NoSuchKey', '404', 'photos/missing.jpg']]);
  assert.match(await page.textContent('#report-groups'), /RAM role lacks a permission/);
  assert.match(await page.textContent('#report-assumptions'), /does not document/);
  // The layout as read, over the first rows, so a person can see whether it fits.
  assert.deepEqual(await page.$$eval('#report-first-rows select.report-column', (cells) => cells.map((c) => c.value)),
    ['bucket', 'key', 'versionId', 'status', 'httpStatus', 'errorCode', 'message']);
  assert.equal(await page.$$eval('#report-first-rows tbody tr', (rows) => rows.length), 5);

  // The effect check on the succeeded objects (all three: the sample is up to 20) finds the planted
  // mismatch and nothing else.
  await page.click('#effect-run');
  await page.waitForFunction(() => widgetRoot().querySelectorAll('#effect-results li').length === 3, null, { timeout: 15000 });
  const verdicts = await page.$$eval('#effect-results li', (items) => items.map((li) => [li.dataset.key, li.dataset.verdict]));
  assert.deepEqual(verdicts.sort(), [['photos/a.jpg', 'matched'], ['photos/b.jpg', 'matched'], ['photos/e.jpg', 'not-matched']]);
  assert.match(await page.textContent('#effect-results li[data-verdict="not-matched"]'), /missing tags env=prod/);

  await page.click('#report-retry');
  // The retry job opens in the builder (an upload whose ETag OSS does not confirm stays on an error).
  await page.waitForFunction(() => widgetRoot().querySelector('#report-retry-error')
    || widgetRoot().querySelector('#xml-preview')?.textContent.includes('Retry of'), null, { timeout: 15000 });
  assert.equal(await page.$('#report-retry-error'), null, await page.textContent('#report-retry-error').catch(() => ''));
  const xml = await preview(page);
  const retry = ossbatch.fromXml(xml);
  assert.equal(retry.Description, `Retry of ${jobId}: 3 failed objects`);
  assert.equal(retry.ConfirmationRequired, true);
  assert.deepEqual(retry.Operation, { PutObjectTagging: { TagSet: [{ Key: 'env', Value: 'prod' }] } });
  assert.equal(retry.Manifest.Location.Bucket, 'manifest-bucket');
  assert.match(retry.Manifest.Location.Object, /^ossbatch-retries\/.+\.csv$/);
  assert.match(retry.Manifest.Location.ETag, /^[0-9a-f]{32}$/);

  // The planted faults removed, the retry job runs over exactly the three failed objects, all succeed.
  await fetch(`${services.standinUrl}/?standin-clear-faults`, { method: 'POST' });
  const retryId = await createJob(retry);
  const confirmed = await call(ossbatch.signUpdateJobStatus({ jobId: retryId, requestedStatus: 'Ready', region: 'cn-hangzhou', signedAt: new Date(), credentials }), 'updateJobStatus');
  assert.equal(confirmed.status, 'Ready', JSON.stringify(confirmed));
  let job;
  for (let i = 0; i < 4; i++) ({ job } = await describe(retryId));
  assert.equal(job.Status, 'Complete');
  assert.deepEqual([job.ProgressSummary.TotalNumberOfTasks, job.ProgressSummary.NumberOfTasksFailed], [3, 0]);
});

test('dropped report files are read by the report reader worker; the column picker re-reads; AccessDenied links to the Role panel', async () => {
  // The faults were cleared by the test above: this job completes with no failure, and the report a
  // user downloaded (a fixture, layout ASSUMED) is read from a file instead.
  const jobId = await createJob(taggingJobWithReport(`files-${Math.random().toString(36).slice(2)}`));
  const page = await env.page();
  assert.equal(await openJobPage(page, services, jobId), 'Complete');
  await page.waitForSelector('#job-report-panel');
  // No failed task: the facts first, the panel after them.
  assert.equal(await page.evaluate(() => Boolean(widgetRoot().querySelector('#job-report-panel')
    .compareDocumentPosition(widgetRoot().querySelector('#job-status')) & Node.DOCUMENT_POSITION_PRECEDING)), true);

  const fixtures = new URL('../fixtures/reports/', import.meta.url).pathname;
  // The files are read off the page by the report reader worker (its own wasm, built for speed).
  const worker = page.waitForEvent('worker', { timeout: 15000 });
  await page.setInputFiles('#report-files', [`${fixtures}s3-real-order.csv`, `${fixtures}s3-real-order.csv.gz`]);
  assert.match((await worker).url(), /report-reader-worker\.js$/);
  await page.waitForSelector('#report-summary[data-elapsed-ms]', { timeout: 15000 });
  // Two files are one report: the same eight rows twice.
  assert.equal(await page.textContent('#report-counts'), '16 tasks: 6 succeeded, 10 failed');
  const groups = () => page.$$eval('#report-groups tr.report-group', (rows) => rows.map((r) => [r.dataset.code, r.querySelector('td:nth-child(2)').textContent, r.querySelector('td:nth-child(3)').textContent]));
  assert.deepEqual(await groups(), [['AccessDenied', '403', '4 (40%)'], ['NoSuchKey', '404', '2 (20%)'], ['InvalidObjectState', '403', '2 (20%)'], ['WeirdNewCode', '500', '2 (20%)']]);

  // The picker shows the layout as read; naming the 6th column `ignore` reads the files again without
  // error codes, so the failures group by HTTP status alone.
  assert.deepEqual(await page.$$eval('#report-first-rows select.report-column', (s) => s.map((x) => x.value)),
    ['bucket', 'key', 'versionId', 'status', 'httpStatus', 'errorCode', 'message']);
  await page.selectOption('#report-first-rows select.report-column[data-index="5"]', 'ignore');
  await page.waitForFunction(() => widgetRoot().querySelectorAll('#report-groups tr.report-group').length === 3, null, { timeout: 15000 });
  assert.deepEqual(await groups(), [['', '403', '6 (60%)'], ['', '404', '2 (20%)'], ['', '500', '2 (20%)']]);
  assert.equal(await page.inputValue('#report-columns'), 'bucket,key,versionId,status,httpStatus,ignore,message');
  assert.equal(await page.$('.report-role-link'), null, 'without error codes no group is known to be a permission');

  // With the layout back, AccessDenied's fix links to the Role panel: the job opens in the builder
  // and its permission policy grants the operation on the job's objects.
  await page.selectOption('#report-first-rows select.report-column[data-index="5"]', 'errorCode');
  await page.waitForSelector('tr.report-group[data-code="AccessDenied"] .report-role-link', { timeout: 15000 });
  assert.equal(await page.$$eval('.report-role-link', (links) => links.length), 1);
  await page.click('tr.report-group[data-code="AccessDenied"] .report-role-link');
  await page.waitForFunction(() => !widgetRoot().querySelector('#builder-view').hidden);
  await page.waitForFunction(() => widgetRoot().activeElement?.id === 'role-panel');
  const statements = JSON.parse(await page.textContent('#permission-policy')).Statement;
  assert.ok(statements.some((s) => s.Action.includes('oss:PutObjectTagging')), JSON.stringify(statements));
  assert.match(await preview(page), /<PutObjectTagging>/);
});

test('where the report reader worker cannot load its wasm, the page reads the dropped files itself', async () => {
  const jobId = await createJob(taggingJobWithReport(`fallback-${Math.random().toString(36).slice(2)}`));
  const page = await env.page();
  await page.context().route('**/ossbatch_report_bg.wasm', (route) => route.abort());
  assert.equal(await openJobPage(page, services, jobId), 'Complete');
  const workers = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const fixtures = new URL('../fixtures/reports/', import.meta.url).pathname;
  await page.setInputFiles('#report-files', [`${fixtures}s3-real-order.csv`, `${fixtures}s3-real-order.csv.gz`]);
  await page.waitForSelector('#report-summary[data-elapsed-ms]', { timeout: 15000 });
  assert.equal(await page.textContent('#report-counts'), '16 tasks: 6 succeeded, 10 failed');
  // The reader worker started and gave up; the page's own reader read the files through the file worker.
  assert.ok(workers.some((url) => url.endsWith('/report-reader-worker.js')), workers.join());
  assert.ok(workers.some((url) => url.endsWith('/manifest-reader-worker.js')), workers.join());
});
