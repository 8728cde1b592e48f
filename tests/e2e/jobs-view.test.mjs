// The builder's Jobs view end to end: the page signs each request in the browser, the real proxy
// forwards it, and the OSS stand-in verifies the signature with the official SDK and moves the job
// through statuses (Suspended -> Ready -> Active -> Complete; Cancelling -> Cancelled).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openBuilder, preview, ossbatch, injectAxe } from './harness.mjs';
import { startServices, KEYS } from './services.mjs';

let env;
let services;
before(async () => {
  env = await start();
  services = await startServices();
});
after(async () => {
  await services?.stop();
  await env?.close();
});

// Jobs made without the browser, through the same proxy, so each test starts from a known job.
async function createJob({ confirm = false, description = 'made by the jobs view test' } = {}) {
  const request = {
    ConfirmationRequired: confirm,
    Operation: { PutObjectTagging: { TagSet: [{ Key: 'team', Value: 'data' }] } },
    Report: { Bucket: 'report-bucket', Enabled: true, Prefix: 'reports/', ReportScope: 'FailedTasksOnly' },
    ClientRequestToken: `view-${Math.random().toString(36).slice(2)}`,
    KeyPrefixManifestGenerator: { SourceBucket: 'source-bucket', Prefix: 'logs/' },
    Description: description,
    Priority: 7,
    RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
  };
  const signed = ossbatch.signCreateJob({
    request, region: 'cn-hangzhou', signedAt: new Date(),
    credentials: { accessKeyId: KEYS.id, accessKeySecret: KEYS.secret },
  });
  const response = await fetch(`${services.url}/oss/cn-hangzhou/?batchJob`, { method: 'POST', headers: signed.headers, body: signed.body });
  const result = ossbatch.parseResponse(response.status, await response.text(), 'createJob');
  assert.ok(result.jobId, JSON.stringify(result));
  return { jobId: result.jobId, request };
}

async function openJobsView(page) {
  await openBuilder(page, services.url + '/');
  await page.click('#tab-jobs');
  await page.waitForSelector('#jobs-view');
  assert.equal(await page.isDisabled('#jobs-load'), true, 'nothing can be listed without credentials');
  assert.match(await page.textContent('#jobs-load-why'), /AccessKey ID and secret/);
  await page.fill('#jobs-access-key-id', KEYS.id);
  await page.fill('#jobs-access-key-secret', KEYS.secret);
}

async function openJob(page, jobId) {
  await page.fill('#open-job-id', jobId);
  await page.click('#open-job-button');
  await page.waitForSelector('#job-status');
}

const status = (page) => page.textContent('#job-status');

async function refreshUntil(page, expected) {
  await page.click('#job-refresh');
  await page.waitForFunction((s) => widgetRoot().querySelector('#job-status')?.textContent === s && !widgetRoot().querySelector('#job-loading'), expected, { timeout: 10000 });
}

test('list -> open -> confirm -> see the new status, then watch it run to Complete', async () => {
  const { jobId } = await createJob({ confirm: true, description: 'confirm me' });
  const page = await env.page();
  await openJobsView(page);
  await page.click('#jobs-load');
  const row = page.locator(`tr.job-row[data-job-id="${jobId}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'Suspended');
  await row.locator('button.open-job').click();
  await page.waitForSelector('#job-status');
  assert.equal(await page.textContent('#job-page-id'), jobId);
  assert.equal(await status(page), 'Suspended');
  assert.match(await page.textContent('#job-deadline'), /14 days.*confirm it before \w{3}, \d\d \w{3} \d{4}/);
  assert.equal(await page.textContent('#job-report'), 'oss://report-bucket/reports/');
  assert.equal(await page.textContent('#job-operation'), 'PutObjectTagging');
  assert.equal(await page.textContent('#job-failures-none'), 'None.');
  // A job waiting for confirmation has not counted its objects: OSS says -1, the page says so plainly.
  assert.equal(await page.getAttribute('#job-progress', 'value'), null, 'an indeterminate bar');
  assert.match(await page.textContent('#job-progress-text'), /^Counting objects…/);
  assert.doesNotMatch(await page.textContent('.job-page'), /-1/);
  assert.equal(await page.isDisabled('#job-confirm'), false);
  assert.equal(await page.isDisabled('#job-cancel'), false);

  await page.fill('#job-reason', 'checked the manifest — 确认');
  await page.click('#job-confirm');
  await page.waitForSelector('#job-update-result');
  assert.equal(await page.textContent('#job-update-result'), 'Status is now Ready.');
  assert.equal(await status(page), 'Ready');
  assert.match(await page.textContent('#job-status-reason'), /checked the manifest — 确认/);
  // Ready cannot be confirmed again: the button says why.
  assert.equal(await page.isDisabled('#job-confirm'), true);
  assert.match(await page.textContent('#job-confirm-why'), /The job is Ready\. Only a Suspended or Preparing job can be confirmed/);
  assert.equal(await page.getAttribute('#job-confirm', 'aria-describedby'), 'job-confirm-why');

  await refreshUntil(page, 'Ready'); // the stand-in moves a job one step per look
  await refreshUntil(page, 'Active');
  assert.equal(await page.getAttribute('#job-progress', 'value'), '5');
  // Timers/ElapsedTimeInActiveSeconds is shown once the job has been active.
  assert.equal(await page.textContent('#job-progress-text'), '5 of 10 tasks done (5 succeeded, 0 failed); active for 5 s');
  await refreshUntil(page, 'Complete');
  assert.match(await page.textContent('#job-complete-note'), /Complete means the job ran to the end/);
  assert.equal(await page.isDisabled('#job-cancel'), true);
  assert.match(await page.textContent('#job-cancel-why'), /The job is Complete\. A job that is finished/);
  assert.equal(await page.isDisabled('#job-set-priority'), true);
  assert.match(await page.textContent('#job-set-priority-why'), /finished job's priority/);

  // Back to the list, which reloads and shows the new status.
  await page.click('#jobs-back');
  await page.waitForSelector(`tr.job-row[data-job-id="${jobId}"][data-status="Complete"]`);
  assert.deepEqual(page.errors, []);
  assert.doesNotMatch(services.proxyLog(), new RegExp(KEYS.secret));
});

test('status filters and paging', async () => {
  const made = [];
  for (let i = 0; i < 3; i += 1) made.push((await createJob({ confirm: true, description: `page ${i}` })).jobId);
  const active = (await createJob({ description: 'not suspended' })).jobId;
  const page = await env.page();
  await openJobsView(page);
  await page.check('#jobs-status-suspended');
  await page.fill('#jobs-page-size', '0');
  assert.equal(await page.isDisabled('#jobs-load'), true);
  assert.match(await page.textContent('#jobs-page-size-issue'), /max-keys must be 1 to 1000/);
  assert.equal(await page.getAttribute('#jobs-page-size', 'aria-invalid'), 'true');
  await page.fill('#jobs-page-size', '2');
  await page.click('#jobs-load');
  await page.waitForSelector('#jobs-table');
  const ids = () => page.$$eval('tr.job-row', (rows) => rows.map((r) => [r.dataset.jobId, r.dataset.status]));
  const pages = [await ids()];
  assert.equal(pages[0].length, 2);
  assert.equal(await page.textContent('#jobs-page'), 'Page 1');
  assert.equal(await page.isDisabled('#jobs-previous'), true);
  while (!(await page.isDisabled('#jobs-next'))) {
    await page.click('#jobs-next');
    await page.waitForSelector('#jobs-table');
    pages.push(await ids());
    assert.equal(await page.textContent('#jobs-page'), `Page ${pages.length}`);
  }
  assert.ok(pages.length >= 2, 'three Suspended jobs need two pages of two');
  const seen = pages.flat();
  assert.ok(seen.every(([, s]) => s === 'Suspended'), JSON.stringify(seen));
  for (const id of made) assert.ok(seen.some(([j]) => j === id), `${id} listed`);
  assert.ok(!seen.some(([j]) => j === active), 'an Active job is filtered out');
  assert.equal(new Set(seen.map(([j]) => j)).size, seen.length, 'no job on two pages');
  await page.click('#jobs-previous');
  await page.waitForSelector('#jobs-table');
  assert.equal(await page.textContent('#jobs-page'), `Page ${pages.length - 1}`);
  assert.deepEqual(await ids(), pages[pages.length - 2]);
  assert.deepEqual(page.errors, []);
});

test('after creating a job that needs confirmation, the builder offers to open it and confirm', async () => {
  const page = await env.page();
  await openBuilder(page, services.url + '/');
  await page.click('#preset-make-private');
  await page.fill('[name="KeyPrefixManifestGenerator.SourceBucket"]', 'source-bucket');
  await page.fill('[name="Report.Bucket"]', 'report-bucket');
  await page.fill('[name="RoleArn"]', 'acs:ram::1234567890123456:role/BatchOperationRole');
  await page.check('[name="ConfirmationRequired"]');
  await page.fill('#f-access-key-id', KEYS.id);
  await page.fill('#f-access-key-secret', KEYS.secret);
  await page.click('#submit-button');
  const jobId = await page.textContent('#job-id', { timeout: 10000 });
  assert.match(await page.textContent('#confirm-needed'), /Suspended/);
  assert.equal(await page.textContent('#open-created-job'), 'Open the job to confirm it');
  await page.click('#open-created-job');
  await page.waitForSelector('#job-status');
  assert.equal(await page.getAttribute('#tab-jobs', 'aria-selected'), 'true');
  assert.equal(await page.textContent('#job-page-id'), jobId);
  assert.equal(await status(page), 'Suspended');
  await page.click('#job-confirm');
  await page.waitForFunction(() => widgetRoot().querySelector('#job-status')?.textContent === 'Ready');
  // The builder kept its state: the answer is still there.
  await page.click('#tab-builder');
  assert.equal(await page.textContent('#job-id'), jobId);
  assert.deepEqual(page.errors, []);
});

test('clone into the builder: the same settings as a new draft with a new token', async () => {
  const { jobId, request } = await createJob({ description: 'clone me' });
  const page = await env.page();
  await openJobsView(page);
  await openJob(page, jobId);
  await page.click('#job-clone');
  await page.waitForSelector('#xml-preview');
  assert.equal(await page.getAttribute('#tab-builder', 'aria-selected'), 'true');
  assert.match(await page.textContent('#notice'), new RegExp(`Job ${jobId.replace(/[+/=]/g, '.')} was cloned .* new ClientRequestToken`));
  const token = await page.inputValue('[name="ClientRequestToken"]');
  assert.notEqual(token, request.ClientRequestToken);
  assert.match(token, /^[0-9a-f-]{36}$/);
  const expected = ossbatch.toXml({ ...request, ClientRequestToken: token }, { pretty: true });
  assert.equal(await preview(page), expected);
  await page.click('#notice-dismiss');
  assert.equal(await page.$('#notice'), null);
  assert.deepEqual(page.errors, []);
});

test('cancel passes through Cancelling; priority changes; failures are listed; polling follows the job', async () => {
  const page = await env.page();
  await openJobsView(page);

  const cancel = (await createJob({ confirm: true })).jobId;
  await openJob(page, cancel);
  await page.fill('#job-priority', '-1');
  assert.equal(await page.isDisabled('#job-set-priority'), true);
  assert.match(await page.textContent('#job-priority-issue'), /0 to 2147483647/);
  await page.fill('#job-priority', '42');
  await page.click('#job-set-priority');
  await page.waitForSelector('#job-update-result');
  assert.equal(await page.textContent('#job-update-result'), 'Priority is now 42.');
  assert.equal(await page.textContent('#job-priority-value'), '42');
  await page.click('#job-cancel');
  await page.waitForFunction(() => widgetRoot().querySelector('#job-status')?.textContent === 'Cancelling');
  assert.equal(await page.isDisabled('#job-cancel'), true);
  await refreshUntil(page, 'Cancelling');
  await refreshUntil(page, 'Cancelled');
  assert.equal(await page.isDisabled('#job-confirm'), true);

  // A job that fails shows its failure reasons.
  await page.click('#jobs-back');
  const failing = (await createJob({ description: 'this one will [fail]' })).jobId;
  await openJob(page, failing);
  assert.equal(await status(page), 'Active');
  await refreshUntil(page, 'Failing');
  await refreshUntil(page, 'Failed');
  assert.match(await page.textContent('#job-failures'), /InternalError: Internal service error/);
  assert.match(await page.textContent('#job-progress-text'), /^Counting objects…/, 'failed before counting: -1 counts');

  // Complete with failed tasks says so; polling moves on its own and stops when the job ends.
  await page.click('#jobs-back');
  const partial = (await createJob({ description: 'some tasks [partial]' })).jobId;
  await openJob(page, partial);
  assert.equal(await status(page), 'Active');
  await page.check('#job-polling');
  await page.waitForFunction(() => widgetRoot().querySelector('#job-status')?.textContent === 'Complete', null, { timeout: 15000 });
  await page.waitForSelector('#job-polling-note');
  assert.equal(await page.isChecked('#job-polling'), false);
  assert.match(await page.textContent('#job-complete-note'), /Complete does not mean every object succeeded: 3 task\(s\) failed/);
  assert.equal(await page.textContent('#job-progress-text'), '10 of 10 tasks done (7 succeeded, 3 failed); active for 8 s');
  assert.deepEqual(page.errors, []);
});

test('an unknown job and a wrong secret show OSS errors on the job page', async () => {
  const page = await env.page();
  await openJobsView(page);
  await page.fill('#open-job-id', 'bm90LWEtam9i');
  await page.click('#open-job-button');
  await page.waitForSelector('#job-error');
  assert.equal(await page.textContent('#job-error-code'), 'NoSuchJob');
  await page.click('#jobs-back');
  await page.fill('#jobs-access-key-secret', 'wrong-secret');
  await page.click('#jobs-load');
  await page.waitForSelector('#jobs-error');
  assert.equal(await page.textContent('#jobs-error-code'), 'SignatureDoesNotMatch');
  assert.match(await page.textContent('#jobs-error-hint'), /secret/i);
  assert.deepEqual(page.errors, []);
});

test('axe-core finds no violations on the job list and a job page', async () => {
  const { jobId } = await createJob({ confirm: true });
  for (const options of [{}, { colorScheme: 'dark', viewport: { width: 390, height: 844 } }]) {
    const page = await env.page(options);
    await openJobsView(page);
    await page.click('#jobs-load');
    await page.waitForSelector('#jobs-table');
    await injectAxe(page);
    const check = async () => {
      const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    assert.deepEqual(await check(), []);
    await openJob(page, jobId);
    assert.deepEqual(await check(), []);
    if (options.viewport) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling at phone width (${overflow}px)`);
    }
  }
});

test('the list reads the real ListJobs shape: text operations, and -1 counts as "counting objects"', async () => {
  const { jobId } = await createJob({ confirm: true, description: 'waiting' });
  const page = await env.page();
  await openJobsView(page);
  await page.check('#jobs-status-suspended');
  await page.click('#jobs-load');
  const row = page.locator(`tr.job-row[data-job-id="${jobId}"]`);
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[1], 'Suspended');
  assert.equal(cells[2], 'PutObjectTagging', 'the entry\'s Operation is its name');
  assert.match(cells[5], /^Counting objects…/);
  assert.doesNotMatch(cells.join(' '), /-1/);
  assert.deepEqual(page.errors, []);
});

test('a region from the picker (Hong Kong) is where the Jobs view sends, and Other takes any id', async () => {
  const page = await env.page();
  await openJobsView(page);
  const options = await page.$$eval('#jobs-region option', (items) => items.map((o) => o.value));
  assert.equal(options.length, 15, 'the 14 Batch Operations regions and Other');
  await page.selectOption('#jobs-region', 'cn-hongkong');
  assert.match(await page.textContent('#jobs-region option:checked'), /China \(Hong Kong\)/);
  const sent = page.waitForRequest((request) => request.url().includes('/oss/'));
  await page.click('#jobs-load');
  assert.match((await sent).url(), /\/oss\/cn-hongkong\/\?batchJob/);
  await page.waitForSelector('#jobs-table, #jobs-empty');
  await page.selectOption('#jobs-region', 'other');
  await page.fill('#jobs-region-custom', 'cn-hangzhou');
  assert.equal(await page.inputValue('#jobs-region'), 'other', 'Other stays chosen while typing');
  assert.deepEqual(page.errors, []);
});

test('a proxy 429 reads as "too many requests; retry in N s", never as an XML error', async () => {
  // A proxy of its own with the tightest limit: one request a minute per IP, so the second is refused.
  const strict = await startServices({ proxyArgs: ['--rate-limit-per-minute', '1', '--rate-burst', '1'] });
  try {
    const page = await env.page();
    await openBuilder(page, strict.url + '/');
    await page.click('#tab-jobs');
    await page.waitForSelector('#jobs-view');
    await page.fill('#jobs-access-key-id', KEYS.id);
    await page.fill('#jobs-access-key-secret', KEYS.secret);
    await page.click('#jobs-load');
    await page.waitForSelector('#jobs-table, #jobs-empty');
    await page.click('#jobs-load');
    await page.waitForSelector('#jobs-error');
    const text = await page.textContent('#jobs-error');
    assert.match(text, /Too many requests; retry in \d+ s\./);
    assert.match(text, /did not reach OSS/);
    assert.doesNotMatch(text, /well-formed|XML/);
    assert.deepEqual(page.errors, []);
  } finally {
    await strict.stop();
  }
});

test('in Chinese, the list and a job page read in Chinese, with the API status beside the Chinese word', async () => {
  const { jobId } = await createJob({ confirm: true });
  const page = await env.page({ locale: 'zh-CN' });
  await openBuilder(page, services.url + '/');
  await page.click('#tab-jobs');
  await page.waitForSelector('#jobs-view');
  await page.fill('#jobs-access-key-id', KEYS.id);
  await page.fill('#jobs-access-key-secret', KEYS.secret);
  await page.click('#jobs-load');
  await page.waitForSelector('#jobs-table');
  const row = await page.textContent(`tr[data-job-id="${jobId}"]`);
  assert.match(row, /等待确认（Suspended）/);
  await openJob(page, jobId);
  assert.match(await status(page), /等待确认（Suspended）/);
  assert.match(await page.textContent('#job-deadline'), /等待确认。.*年.*月.*日/);
  const english = await page.evaluate(() => [...widgetRoot().querySelectorAll('#jobs-view *')]
    .filter((el) => el.children.length === 0 && el.offsetParent !== null && !el.closest('code, pre, [translate="no"]'))
    .map((el) => el.textContent.trim())
    .filter((text) => text && !/[\u4e00-\u9fff]/.test(text) && /\b[A-Za-z][a-z]+\s+[a-z]{2,}\b/.test(text)));
  assert.deepEqual(english, []);
  await page.click('#job-confirm');
  await page.waitForSelector('#job-update-result');
  assert.match(await page.textContent('#job-update-result'), /状态现在为 就绪（Ready）/);
});
