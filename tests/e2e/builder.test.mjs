// The job builder end to end in headless Chromium, against the Trunk release build in dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openBuilder, preview, issueCodes, readFixture, ossbatch, injectAxe } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const COMMON = {
  Report: { Bucket: 'report-bucket', Enabled: true, Prefix: 'reports/', ReportScope: 'AllTasks' },
  ClientRequestToken: 'e2e-token-1',
  KeyPrefixManifestGenerator: { SourceBucket: 'source-bucket', Prefix: 'logs/' },
  Description: 'end to end',
  Priority: 20,
  RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
};

async function fillCommon(page) {
  await page.click('#preset-new');
  await page.check('input[name="Manifest"][value="KeyPrefixManifestGenerator"]');
  await page.fill('[name="KeyPrefixManifestGenerator.SourceBucket"]', 'source-bucket');
  await page.fill('[name="KeyPrefixManifestGenerator.Prefix"]', 'logs/');
  await page.fill('[name="Report.Bucket"]', 'report-bucket');
  await page.fill('[name="Report.Prefix"]', 'reports/');
  await page.selectOption('[name="Report.ReportScope"]', 'AllTasks');
  await page.fill('[name="ClientRequestToken"]', 'e2e-token-1');
  await page.fill('[name="Description"]', 'end to end');
  await page.fill('[name="Priority"]', '20');
  await page.fill('[name="RoleArn"]', 'acs:ram::1234567890123456:role/BatchOperationRole');
}

const OPERATIONS = [
  ['PutObjectTagging', async (page) => {
    await page.fill('[name="Operation.PutObjectTagging.TagSet.Tag[0].Key"]', 'Environment');
    await page.fill('[name="Operation.PutObjectTagging.TagSet.Tag[0].Value"]', 'Production');
    await page.click('#add-tag');
    await page.fill('[name="Operation.PutObjectTagging.TagSet.Tag[1].Key"]', 'team');
    await page.fill('[name="Operation.PutObjectTagging.TagSet.Tag[1].Value"]', 'storage ops');
  }, { PutObjectTagging: { TagSet: [{ Key: 'Environment', Value: 'Production' }, { Key: 'team', Value: 'storage ops' }] } }],
  ['AddObjectTagging', async (page) => {
    await page.fill('[name="Operation.AddObjectTagging.TagSet.Tag[0].Key"]', 'expire');
    await page.fill('[name="Operation.AddObjectTagging.TagSet.Tag[0].Value"]', 'true');
  }, { AddObjectTagging: { TagSet: [{ Key: 'expire', Value: 'true' }] } }],
  ['DeleteObjectTagging', async () => {}, { DeleteObjectTagging: {} }],
  ['PutObjectAcl', async (page) => {
    await page.selectOption('[name="Operation.PutObjectAcl.ObjectAcl"]', 'public-read');
  }, { PutObjectAcl: { ObjectAcl: 'public-read' } }],
  ['RestoreObject', async (page) => {
    await page.fill('[name="Operation.RestoreObject.Days"]', '5');
    await page.selectOption('[name="Operation.RestoreObject.Tier"]', 'Standard');
  }, { RestoreObject: { Days: 5, Tier: 'Standard' } }],
];

for (const [name, fill, operation] of OPERATIONS) {
  test(`builds a valid ${name} job and the preview is exactly toXml(pretty)`, async () => {
    const page = await env.page();
    await openBuilder(page, env.server.url + '/');
    await fillCommon(page);
    await page.selectOption('[name="Operation"]', name);
    await fill(page);
    const expected = { ConfirmationRequired: false, Operation: operation, ...COMMON };
    const xml = ossbatch.toXml(expected, { pretty: true });
    assert.equal(await preview(page), xml);
    assert.deepEqual(await issueCodes(page), []);
    assert.match(await page.textContent('.issue-summary'), /No issues/);
    assert.deepEqual(page.errors, []);
  });
}

test('the preview of a known job is the literal expected XML', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await fillCommon(page);
  await page.selectOption('[name="Operation"]', 'DeleteObjectTagging');
  assert.equal(await preview(page), [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<CreateJobRequest>',
    '  <ConfirmationRequired>false</ConfirmationRequired>',
    '  <Operation>',
    '    <DeleteObjectTagging></DeleteObjectTagging>',
    '  </Operation>',
    '  <Report>',
    '    <Bucket>report-bucket</Bucket>',
    '    <Enabled>true</Enabled>',
    '    <Prefix>reports/</Prefix>',
    '    <ReportScope>AllTasks</ReportScope>',
    '  </Report>',
    '  <ClientRequestToken>e2e-token-1</ClientRequestToken>',
    '  <KeyPrefixManifestGenerator>',
    '    <SourceBucket>source-bucket</SourceBucket>',
    '    <Prefix>logs/</Prefix>',
    '  </KeyPrefixManifestGenerator>',
    '  <Description>end to end</Description>',
    '  <Priority>20</Priority>',
    '  <RoleArn>acs:ram::1234567890123456:role/BatchOperationRole</RoleArn>',
    '</CreateJobRequest>',
  ].join('\n'));
});

test('imports the CreateJob.md sample: the form fills and only the RoleArn placeholder is flagged', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  const sample = readFixture('createjob-sample-request.xml');
  await page.click('details summary');
  await page.fill('#import-text', sample);
  await page.click('#import-button');
  await page.waitForSelector('#import-message.ok');
  assert.equal(await preview(page), ossbatch.toXml(ossbatch.fromXml(sample), { pretty: true }));
  assert.equal(await page.inputValue('[name="Manifest.Location.Bucket"]'), 'manifest-bucket');
  assert.equal(await page.inputValue('[name="Operation.PutObjectTagging.TagSet.Tag[0].Key"]'), 'Environment');
  assert.deepEqual(await issueCodes(page), ['role_arn.account_placeholder']);
  const warning = await page.$('#issues li.warning');
  assert.ok(warning, 'the placeholder is a warning, drawn as one');
});

test('a bad import shows path and line:column and leaves the form alone', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  const before = await preview(page);
  await page.click('details summary');
  await page.fill('#import-text', '<CreateJobRequest>\n  <Report>\n    <Enabled>yes</Enabled>\n  </Report>\n</CreateJobRequest>');
  await page.click('#import-button');
  const message = await page.textContent('#import-message.error');
  assert.match(message, /line 3:14: Report\.Enabled: /);
  assert.equal(await preview(page), before);
  // JSON too.
  await page.fill('#import-text', '{"Priority": 7, "Operation": {"DeleteObjectTagging": {}}}');
  await page.click('#import-button');
  await page.waitForSelector('#import-message.ok');
  assert.match(await preview(page), /<Priority>7<\/Priority>/);
});

const ERRORS = [
  ['Priority', async (p) => p.fill('[name="Priority"]', '-5'), 'priority.range'],
  ['Report.Bucket', async (p) => p.fill('[name="Report.Bucket"]', 'Bad_Bucket'), 'bucket.chars'],
  ['RoleArn', async (p) => p.fill('[name="RoleArn"]', 'arn:aws:iam::1:role/x'), 'role_arn.format'],
  ['ClientRequestToken', async (p) => p.fill('[name="ClientRequestToken"]', 'x'.repeat(65)), 'token.length'],
  ['Operation.PutObjectTagging.TagSet.Tag[0].Key', async (p) => p.fill('[name="Operation.PutObjectTagging.TagSet.Tag[0].Key"]', 'a#b'), 'tag.key_chars'],
  ['Operation.RestoreObject.Days', async (p) => {
    await p.selectOption('[name="Operation"]', 'RestoreObject');
    await p.fill('[name="Operation.RestoreObject.Days"]', '400');
  }, 'restore.days_range'],
  ['Operation.PutObjectAcl.ObjectAcl', async (p) => p.selectOption('[name="Operation"]', 'PutObjectAcl'), 'acl.missing'],
  ['KeyPrefixManifestGenerator.SourceBucket', async (p) => p.fill('[name="KeyPrefixManifestGenerator.SourceBucket"]', '-x-'), 'bucket.edge'],
  ['Manifest.Location.Object', async (p) => {
    await p.check('input[name="Manifest"][value="Manifest"]');
    await p.fill('[name="Manifest.Location.Object"]', '/abs.csv');
  }, 'object_key.leading_slash'],
];

for (const [path, make, code] of ERRORS) {
  test(`an error at ${path} shows at its field, marked invalid, and the summary focuses it`, async () => {
    const page = await env.page();
    await openBuilder(page, env.server.url + '/');
    await fillCommon(page);
    await make(page);
    const control = page.locator(`[name="${path}"]`).first();
    // Calm until touched (issue #14): the field shows its error once the user leaves it.
    await control.focus();
    await page.keyboard.press('Tab');
    assert.equal(await control.getAttribute('aria-invalid'), 'true');
    const describedBy = await control.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the control points at its messages');
    const messages = await page.textContent(`#${describedBy.split(' ').pop()}`);
    assert.match(messages, /error/i);
    assert.ok(await page.$(`#issues li[data-code="${code}"][data-path="${path}"]`), `${code} in the summary`);
    await page.locator('[name="Description"]').focus();
    await page.click('#issues summary'); // the list shows its counts until opened
    await page.click(`#issues li[data-code="${code}"] button`);
    const focused = await page.evaluate(() => deepActiveElement()?.getAttribute('name'));
    assert.equal(focused, path);
  });
}

test('warnings look different from errors', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await fillCommon(page);
  await page.fill('[name="Report.Prefix"]', 'reports');
  await page.fill('[name="Priority"]', '-1');
  const warning = await page.$eval('#issues li.warning', (el) => getComputedStyle(el).borderLeftStyle);
  const error = await page.$eval('#issues li.error', (el) => getComputedStyle(el).borderLeftStyle);
  assert.notEqual(warning, error);
  assert.equal(await page.getAttribute('[name="Report.Prefix"]', 'aria-invalid'), 'false', 'a warning is not invalid');
});

test('the draft survives a reload', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await fillCommon(page);
  await page.selectOption('[name="Operation"]', 'PutObjectAcl');
  await page.selectOption('[name="Operation.PutObjectAcl.ObjectAcl"]', 'private');
  const before = await preview(page);
  await page.reload();
  await page.waitForSelector('#xml-preview');
  assert.equal(await preview(page), before);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.doesNotMatch(stored, /secret|AccessKey/i, 'no credentials are stored');
});

test('a share link restores the form in a fresh browser', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await fillCommon(page);
  await page.fill('[name="Operation.PutObjectTagging.TagSet.Tag[0].Key"]', '环境');
  await page.fill('[name="Operation.PutObjectTagging.TagSet.Tag[0].Value"]', 'a & b');
  await page.click('#share-button');
  const link = await page.inputValue('#share-link');
  assert.match(link, /#draft=/);
  const before = await preview(page);
  const fresh = await env.page();
  await openBuilder(fresh, link);
  assert.equal(await preview(fresh), before);
  assert.equal(await fresh.inputValue('[name="Operation.PutObjectTagging.TagSet.Tag[0].Key"]'), '环境');
  assert.equal(new URL(fresh.url()).hash, '', 'the fragment is cleared once read');
  const broken = await env.page();
  await openBuilder(broken, env.server.url + '/#draft=%%%');
  assert.match(await broken.textContent('.notice'), /share link/i);
});

test('presets produce zero errors once buckets and role are filled', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  for (const id of ['tag-for-lifecycle', 'restore-archive-7-days', 'make-private']) {
    await page.click(`#preset-${id}`);
    await page.fill('[name="KeyPrefixManifestGenerator.SourceBucket"]', 'source-bucket');
    await page.fill('[name="Report.Bucket"]', 'report-bucket');
    await page.fill('[name="RoleArn"]', 'acs:ram::1234567890123456:role/BatchOperationRole');
    const errors = await page.$$eval('#issues li.error', (items) => items.map((li) => li.dataset.code));
    assert.deepEqual(errors, [], id);
  }
});

test('keyboard only: every control is reachable with Tab and a job can be built by typing', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  const reached = new Set();
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => deepActiveElement()?.getAttribute('name') || deepActiveElement()?.id);
    if (name) reached.add(name);
  }
  for (const name of ['Operation', 'Operation.PutObjectTagging.TagSet.Tag[0].Key', 'add-tag', 'Manifest',
    'KeyPrefixManifestGenerator.SourceBucket', 'Report.Enabled', 'Report.Bucket', 'Report.ReportScope', 'region',
    'RoleArn', 'Priority', 'ClientRequestToken', 'new-token', 'Description', 'ConfirmationRequired', 'share-button']) {
    assert.ok(reached.has(name), `${name} is reachable by keyboard (reached: ${[...reached].join(', ')})`);
  }
  // Build by keyboard: focus the operation picker and choose DeleteObjectTagging with the arrow keys.
  await page.focus('[name="Operation"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('[name="Operation"]'), 'DeleteObjectTagging');
  await page.focus('[name="Priority"]');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('33');
  assert.match(await preview(page), /<DeleteObjectTagging><\/DeleteObjectTagging>[\s\S]*<Priority>33<\/Priority>/);
  // The issue summary is operable with Enter (opened first: it shows its counts until then).
  await page.focus('#issues summary');
  await page.keyboard.press('Enter');
  await page.focus('#issues li button');
  const target = await page.$eval('#issues li', (li) => li.dataset.path);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => deepActiveElement()?.getAttribute('name')), target);
});

for (const [label, options] of [['light, desktop', {}], ['dark, phone width', { colorScheme: 'dark', viewport: { width: 375, height: 812 } }]]) {
  test(`axe-core finds no violations (${label})`, async () => {
    const page = await env.page(options);
    await openBuilder(page, env.server.url + '/');
    await fillCommon(page);
    await page.fill('[name="Priority"]', '-5'); // with issues showing
    await injectAxe(page);
    const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
    const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(violations, []);
    if (options.viewport) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling at phone width (${overflow}px)`);
    }
  });
}

test('embedding: a host page mounts the builder with its job and hears every change', async () => {
  const page = await env.page();
  await page.goto(env.server.url + '/embed.html');
  await page.waitForSelector('ossbatch-job-builder #xml-preview');
  assert.match(await preview(page), /<ObjectAcl>private<\/ObjectAcl>[\s\S]*<Priority>3<\/Priority>/);
  assert.equal(await page.inputValue('[name="region"]'), 'cn-shanghai');
  await page.fill('[name="Priority"]', '8');
  await page.waitForFunction(() => document.getElementById('host-log').textContent.includes('"Priority":8'));
  const seen = JSON.parse(await page.textContent('#host-log'));
  assert.equal(seen.Priority, 8);
  assert.equal(seen.ClientRequestToken, 'host-token-1');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'an embedded builder leaves storage to the host');
  assert.deepEqual(page.errors, []);
});

test('region picker: the 14 Batch Operations regions by name, and any other id by hand', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  const labels = await page.$$eval('#f-region option', (items) => items.map((o) => `${o.value}=${o.textContent}`));
  assert.equal(labels.length, 15);
  for (const expected of ['cn-hongkong=China (Hong Kong) · cn-hongkong', 'eu-central-1=Germany (Frankfurt) · eu-central-1',
    'cn-guangzhou=China (Guangzhou) · cn-guangzhou', 'other=Other region…']) {
    assert.ok(labels.includes(expected), `${expected} in ${labels.join(', ')}`);
  }
  await page.selectOption('[name="region"]', 'eu-central-1');
  assert.deepEqual((await issueCodes(page)).filter((c) => c.startsWith('region')), []);
  await page.selectOption('[name="region"]', 'other');
  await page.fill('[name="region-custom"]', 'us-west-1');
  await page.waitForFunction(() => [...widgetRoot().querySelectorAll('#issues li')].some((li) => li.dataset.code === 'region.unsupported'));
  await page.fill('[name="region-custom"]', 'oss-cn-hangzhou');
  await page.waitForFunction(() => [...widgetRoot().querySelectorAll('#issues li')].some((li) => li.dataset.code === 'region.format'));
  assert.deepEqual(page.errors, []);
});
