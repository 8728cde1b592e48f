// The core flows in three engines (issue #28): Chromium, Firefox ESR and WebKitGTK (Safari's engine),
// each flow written once over tests/engines/drivers.mjs. The builder is served by the real proxy in
// front of the OSS stand-in (signatures checked by the official SDK); the widget by the webpack host
// under the strict CSP. The Chromium suite in tests/e2e stays as it is; this one keeps the others so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ENGINES, launch, inWidget as w } from './drivers.mjs';
import { ossbatch, readFixture } from '../e2e/harness.mjs';
import { startServices, KEYS } from '../e2e/services.mjs';
import { buildHost } from '../embed/build-host.mjs';
import { serveHost } from '../embed/host-server.mjs';

const only = process.env.OSSBATCH_ENGINES ? process.env.OSSBATCH_ENGINES.split(',') : ENGINES;
const reports = new URL('../fixtures/reports/', import.meta.url).pathname;

let services;
let host;
// Two objects under each engine's own prefix for the Plan step: one public (its ACL would change),
// one private already (in a bucket no job of these tests runs over, so every engine sees them as
// seeded).
const SEED = { objects: ENGINES.flatMap((engine) => [
  { bucket: 'plan-bucket', key: `${engine}/a.txt`, body: 'a', acl: 'public-read' },
  { bucket: 'plan-bucket', key: `${engine}/b.txt`, body: 'b', acl: 'private' },
]) };

before(async () => {
  services = await startServices({ seed: SEED });
  const built = await buildHost();
  host = await serveHost(built.dist, services.url);
});
after(async () => {
  await host?.close();
  await services?.stop();
});

const preview = (page) => w.text(page, '#xml-preview');
const issueCodes = (page) => page.run(() => [...window.widgetRoot().querySelectorAll('#issues li')].map((li) => li.dataset.code));

async function openBuilder(page) {
  await page.goto(`${services.url}/`);
  await page.waitFor(() => Boolean(window.widgetRoot()?.querySelector('#xml-preview')), null, 'the builder');
}

/** The make-private preset with its buckets and role: a job OSS (the stand-in) accepts. */
async function validJob(page) {
  await w.click(page, '#preset-make-private');
  await w.fill(page, '[name="KeyPrefixManifestGenerator.SourceBucket"]', 'source-bucket');
  await w.fill(page, '[name="Report.Bucket"]', 'report-bucket');
  await w.fill(page, '[name="RoleArn"]', 'acs:ram::1234567890123456:role/BatchOperationRole');
}

for (const engine of only) {
  test(`${engine}: load, edit, preview, issues, language, import, manifest ETag, submit, Jobs view, Report panel, widget`, async (t) => {
    const browser = await launch(engine);
    t.after(() => browser.close());
    const page = await browser.open();

    await t.test('load, edit: the preview is exactly toXml(pretty); issues follow the edits', async () => {
      await openBuilder(page);
      await w.click(page, '#preset-new');
      await page.run(() => {
        window.widgetRoot().querySelector('input[name="Manifest"][value="KeyPrefixManifestGenerator"]').click();
        return true;
      });
      await w.fill(page, '[name="KeyPrefixManifestGenerator.SourceBucket"]', 'source-bucket');
      await w.fill(page, '[name="Report.Bucket"]', 'report-bucket');
      await w.fill(page, '[name="ClientRequestToken"]', 'engines-token-1');
      await w.fill(page, '[name="Priority"]', '20');
      await w.select(page, '[name="Operation"]', 'DeleteObjectTagging');
      await w.fill(page, '[name="RoleArn"]', 'acs:ram::1234567890123456:role/BatchOperationRole');
      const xml = await preview(page);
      const request = ossbatch.fromXml(xml);
      assert.equal(xml, ossbatch.toXml(request, { pretty: true }));
      assert.equal(request.Priority, 20);
      assert.deepEqual(request.Operation, { DeleteObjectTagging: {} });
      assert.equal(request.KeyPrefixManifestGenerator.SourceBucket, 'source-bucket');
      assert.deepEqual(await issueCodes(page), []);
      await w.fill(page, '[name="Report.Bucket"]', 'Bad_Bucket');
      await page.waitFor(() => [...window.widgetRoot().querySelectorAll('#issues li')].some((li) => li.dataset.code?.startsWith('bucket.')), null, 'a bucket issue');
    });

    await t.test('language: Chinese and back, the root marked with its language', async () => {
      await w.click(page, '#lang-zh-CN');
      await page.waitFor(() => window.widgetRoot().querySelector('.builder-app')?.getAttribute('lang') === 'zh-CN'
        && window.widgetRoot().textContent.includes('构建器'), null, 'Chinese');
      await w.click(page, '#lang-en');
      await page.waitFor(() => window.widgetRoot().querySelector('.builder-app')?.getAttribute('lang') === 'en'
        && window.widgetRoot().textContent.includes('Builder'), null, 'English');
    });

    await t.test('import: the CreateJob.md sample fills the form', async () => {
      const sample = readFixture('createjob-sample-request.xml');
      await page.run(() => {
        window.widgetRoot().querySelector('details summary').click();
        return true;
      });
      await w.fill(page, '#import-text', sample);
      await w.click(page, '#import-button');
      await page.waitFor(() => Boolean(window.widgetRoot().querySelector('#import-message.ok')), null, 'the import');
      assert.equal(await preview(page), ossbatch.toXml(ossbatch.fromXml(sample), { pretty: true }));
      assert.equal(await w.value(page, '[name="Manifest.Location.Bucket"]'), 'manifest-bucket');
      assert.deepEqual(await issueCodes(page), ['role_arn.account_placeholder']);
    });

    await t.test('manifest check: a local file is read in the browser, its MD5 becomes the ETag', async () => {
      const csv = 'data-a,photos/1.jpg\ndata-a,\ndata-b,photos/2.jpg\n';
      const md5 = createHash('md5').update(csv).digest('hex');
      await w.click(page, '#preset-new');
      await page.run(() => {
        window.widgetRoot().querySelector('input[name="Manifest"][value="Manifest"]').click();
        return true;
      });
      assert.equal(await w.setFiles(page, '#manifest-file', [{ name: 'objects.csv', text: csv }]), 1);

      await page.waitFor(() => Boolean(window.widgetRoot().querySelector('#manifest-etag')?.textContent), null, 'the check');
      assert.equal(await w.text(page, '#manifest-etag'), md5);
      const issues = await page.run(() => [...window.widgetRoot().querySelectorAll('#manifest-issues li')].map((li) => li.textContent));
      assert.ok(issues.some((line) => line.includes('Row[2].Key')), issues.join('\n'));
      await w.click(page, '#use-etag');
      assert.equal(await w.value(page, '[name="Manifest.Location.ETag"]'), md5);
      assert.ok((await preview(page)).includes(`<ETag>${md5}</ETag>`));
    });

    let jobId;
    await t.test('submit: signed in the page, through the proxy, accepted by the stand-in', async () => {
      await openBuilder(page);
      await validJob(page);
      await w.fill(page, '[name="ClientRequestToken"]', `engines-${engine}-${Date.now()}`);
      await w.fill(page, '[name="credentials.accessKeyId"]', KEYS.id);
      await w.fill(page, '[name="credentials.accessKeySecret"]', KEYS.secret);
      await page.waitFor(() => !window.widgetRoot().querySelector('#submit-button').disabled, null, 'submit enabled');
      await w.click(page, '#submit-button');
      jobId = await page.waitFor(() => window.widgetRoot().querySelector('#job-id')?.textContent, null, 'the JobId');
      assert.match(jobId, /^[A-Za-z0-9+/]{43}=$/);
    });

    await t.test('Plan step: its module loads when used; the objects are read through the proxy and predicted', async () => {
      await w.fill(page, '[name="KeyPrefixManifestGenerator.SourceBucket"]', 'plan-bucket');
      await w.fill(page, '[name="KeyPrefixManifestGenerator.Prefix"]', `${engine}/`);
      await w.click(page, '#plan-run');
      const counts = await page.waitFor(() => window.widgetRoot().querySelector('#plan-counts')?.textContent
        ?? window.widgetRoot().querySelector('#plan-error')?.textContent, null, 'the plan', 30000);
      assert.equal(counts, '2 rows: 1 succeed, 0 fail, 1 warn');
      const codes = await page.run(() => [...window.widgetRoot().querySelectorAll('#plan-groups tr.plan-group')].map((r) => r.dataset.code));
      assert.deepEqual(codes, ['plan.acl_changed']);
    });

    await t.test('Jobs view: the job is listed, opens, waits Suspended, is confirmed and runs to Complete', async () => {
      await w.click(page, '#tab-jobs');
      await w.fill(page, '#jobs-access-key-id', KEYS.id);
      await w.fill(page, '#jobs-access-key-secret', KEYS.secret);
      await w.click(page, '#jobs-load');
      await page.waitFor((id) => window.widgetRoot().textContent.includes(id), jobId, 'the job in the list');
      await w.fill(page, '#open-job-id', jobId);
      await w.click(page, '#open-job-button');
      // The make-private preset asks for confirmation.
      await page.waitFor(() => window.widgetRoot().querySelector('#job-status')?.textContent === 'Suspended', null, 'Suspended');
      await w.click(page, '#job-confirm');
      assert.equal(await page.waitFor(() => window.widgetRoot().querySelector('#job-update-result')?.textContent, null, 'the update'),
        'Status is now Ready.');
      // Refresh until Complete (the stand-in moves a job one status per DescribeJob).
      for (let i = 0; i < 6 && (await w.text(page, '#job-status')) !== 'Complete'; i += 1) {
        await w.click(page, '#job-refresh');
        await page.waitFor(() => !window.widgetRoot().querySelector('#job-loading'), null, 'the refresh');
      }
      assert.equal(await w.text(page, '#job-status'), 'Complete');
    });

    await t.test('Report panel: dropped report files are read and grouped', async () => {
      await page.waitFor(() => Boolean(window.widgetRoot().querySelector('#report-files')), null, 'the Report panel');
      const text = readFileSync(`${reports}s3-real-order.csv`, 'utf8');
      await w.setFiles(page, '#report-files', [{ name: 's3-real-order.csv', text }]);
      const counts = await page.waitFor(() => window.widgetRoot().querySelector('#report-counts')?.textContent, null, 'the counts', 30000);
      assert.equal(counts, '8 tasks: 3 succeeded, 5 failed');
      const codes = await page.run(() => [...window.widgetRoot().querySelectorAll('#report-groups tr.report-group')].map((r) => r.dataset.code));
      assert.deepEqual(codes, ['AccessDenied', 'NoSuchKey', 'InvalidObjectState', 'WeirdNewCode']);
      // The panel's controls as the builder's: a button in a field keeps its width; each column
      // picker shows its longest name (httpStatus) whole.
      const shape = await page.run(() => {
        const root = window.widgetRoot();
        const button = root.querySelector('#report-read-again');
        const pickers = [...root.querySelectorAll('select.report-column')];
        const probe = document.createElement('span');
        probe.textContent = 'httpStatus';
        probe.style.font = getComputedStyle(pickers[0]).font;
        root.querySelector('.report-panel').append(probe);
        const text = probe.getBoundingClientRect().width;
        probe.remove();
        return {
          narrowButton: button.getBoundingClientRect().width < 0.6 * button.parentElement.getBoundingClientRect().width,
          widePickers: pickers.length > 0 && pickers.every((p) => p.getBoundingClientRect().width >= text),
        };
      });
      assert.deepEqual(shape, { narrowButton: true, widePickers: true });
    });

    await t.test('widget: mounted under the strict CSP, no violation; destroy() leaves nothing', async () => {
      const hostPage = await browser.open(`${host.url}/index.html`);
      await hostPage.waitFor(() => window.host?.ready === true, null, 'the host page');
      const outcome = await hostPage.run(async () => {
        const slot = document.createElement('div');
        document.body.append(slot);
        const builder = await window.host.mount(slot, { region: 'cn-hangzhou', lang: 'en' });
        const rendered = Boolean(slot.shadowRoot.querySelector('.ossbatch-root #xml-preview'));
        const before = builder.getRequest();
        builder.destroy();
        return {
          rendered,
          request: typeof before,
          left: slot.shadowRoot.querySelectorAll('*').length,
          violations: window.host.violations,
        };
      });
      assert.deepEqual(outcome, { rendered: true, request: 'object', left: 0, violations: [] });
      assert.deepEqual(hostPage.errors, []);
      await hostPage.close();
    });

    assert.deepEqual(page.errors, []);
    await page.close();
  });
}
