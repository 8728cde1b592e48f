// The Role panel, copy-as, and "Check a local manifest file" in headless Chromium (issue #13).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, openSync, ftruncateSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, openBuilder, ossbatch } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const statementsOf = async (page, id) => JSON.parse(await page.$eval(`#${id}`, (el) => el.textContent)).Statement;

test('the Role panel follows the draft: operation, source and report change the permission policy', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await page.click('#preset-new');
  await page.selectOption('[name="Operation"]', 'PutObjectAcl');
  let statements = await statementsOf(page, 'permission-policy');
  assert.deepEqual(statements[0].Action, ['oss:PutObjectAcl']);
  await page.selectOption('[name="Operation"]', 'AddObjectTagging');
  statements = await statementsOf(page, 'permission-policy');
  assert.deepEqual(statements[0].Action, ['oss:GetObjectTagging', 'oss:PutObjectTagging']);
  // A prefix generator scopes ListObjects to its prefix; the targets follow.
  await page.check('input[name="Manifest"][value="KeyPrefixManifestGenerator"]');
  await page.fill('[name="KeyPrefixManifestGenerator.SourceBucket"]', 'photos-bucket');
  await page.fill('[name="KeyPrefixManifestGenerator.Prefix"]', '2026/');
  statements = await statementsOf(page, 'permission-policy');
  assert.deepEqual(statements[0].Resource, ['acs:oss:*:*:photos-bucket/2026/*']);
  const list = statements.find((s) => s.Action.includes('oss:ListObjects'));
  assert.deepEqual(list.Condition, { StringLike: { 'oss:Prefix': ['2026/*'] } });
  // Each statement has its line of explanation.
  const explanations = await page.$$eval('#permission-policy-explanations li', (items) => items.length);
  assert.equal(explanations, statements.length);
  const trust = await statementsOf(page, 'trust-policy');
  assert.deepEqual(trust[0].Principal, { Service: ['oss.aliyuncs.com'] });
  assert.deepEqual(page.errors, []);
});

test('a local manifest is checked in the browser: bad rows listed, ETag filled, buckets in the Role panel', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ossbatch-manifest-'));
  const csv = 'data-a,photos/1.jpg\ndata-a,\nBad_Bucket,x.jpg\ndata-b,photos/2.jpg\ndata-a,photos/1.jpg\n';
  const path = join(dir, 'objects.csv');
  writeFileSync(path, csv);
  const md5 = createHash('md5').update(csv).digest('hex');

  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await page.click('#preset-new');
  await page.check('input[name="Manifest"][value="Manifest"]');
  await page.setInputFiles('#manifest-file', path);
  await page.waitForSelector('#manifest-check-result');
  const issues = await page.$$eval('#manifest-issues li', (items) => items.map((li) => li.textContent));
  const has = (text) => issues.some((line) => line.includes(text));
  assert.ok(has('Row[2].Key'), issues.join('\n'));
  assert.ok(has('Row[3].Bucket'), issues.join('\n'));
  assert.ok(has('Row[5]') && issues.some((l) => l.includes('repeats Row[1]')), issues.join('\n'));
  assert.equal(await page.textContent('#manifest-etag'), md5);
  await page.click('#use-etag');
  assert.equal(await page.inputValue('[name="Manifest.Location.ETag"]'), md5);
  assert.ok((await page.textContent('#xml-preview')).includes(`<ETag>${md5}</ETag>`));
  // The buckets the rows name are now the permission policy's targets.
  await page.selectOption('[name="Operation"]', 'DeleteObjectTagging');
  const statements = await statementsOf(page, 'permission-policy');
  assert.deepEqual(statements[0].Resource, ['acs:oss:*:*:Bad_Bucket/*', 'acs:oss:*:*:data-a/*', 'acs:oss:*:*:data-b/*']);
  assert.deepEqual(page.errors, []);
});

test('copy as ossutil and as Go put the draft on the clipboard', async () => {
  const page = await env.page({ permissions: ['clipboard-read', 'clipboard-write'] });
  await openBuilder(page, env.server.url + '/');
  await page.click('#preset-new');
  await page.click('#copy-ossutil');
  const ossutil = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(ossutil, /ossutil api create-job --create-job-request file:\/\/job\.xml --region cn-hangzhou\n$/);
  const xml = await page.$eval('#xml-preview', (el) => el.textContent);
  assert.ok(ossutil.includes(xml), 'the saved job is the preview');
  await page.click('#copy-go');
  const go = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(go.includes('client.CreateJob(context.TODO(), &oss.CreateJobRequest{'));
  assert.ok(go.includes('WithRegion("cn-hangzhou")'), go);
  const token = ossbatch.fromXml(ossbatch.toXml(ossbatch.fromXml(await page.$eval('#xml-preview', (el) => el.textContent)))).ClientRequestToken;
  assert.ok(go.includes(`ClientRequestToken: oss.Ptr("${token}"),`), go);
});

test('a long check shows its progress and can be cancelled', async () => {
  // A sparse 4 GiB file: no disk space, and hashing it takes seconds on any machine, so Cancel is
  // always pressed while the check runs (it stops at the next slice).
  const dir = mkdtempSync(join(tmpdir(), 'ossbatch-manifest-'));
  const path = join(dir, 'huge.csv');
  const fd = openSync(path, 'w');
  ftruncateSync(fd, 4 * 1024 * 1024 * 1024);
  closeSync(fd);
  try {
    const page = await env.page();
    await openBuilder(page, env.server.url + '/');
    await page.click('#preset-new');
    await page.check('input[name="Manifest"][value="Manifest"]');
    await page.check('#manifest-etag-only');
    await page.setInputFiles('#manifest-file', path);
    await page.waitForSelector('#manifest-progress');
    assert.match(await page.textContent('label[for="manifest-progress"]'), /Checking huge\.csv: \d+%/);
    await page.click('#manifest-cancel');
    await page.waitForSelector('#manifest-check-result');
    assert.equal(await page.textContent('#manifest-check-result'), 'Check cancelled.');
    assert.equal(await page.$('#manifest-progress'), null);
    // The page answers while a check runs and after it: the draft still edits.
    await page.fill('[name="Description"]', 'after cancel');
    assert.ok((await page.textContent('#xml-preview')).includes('<Description>after cancel</Description>'));
    assert.deepEqual(page.errors, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
