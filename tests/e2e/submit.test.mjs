// Signed submission end to end: the builder (served by the proxy) signs in the browser, the proxy
// forwards to the OSS stand-in, which verifies the V4 signature with the official SDK.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openBuilder, preview } from './harness.mjs';
import { startServices, KEYS, freePort } from './services.mjs';

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

async function validJob(page) {
  await openBuilder(page, services.url + '/');
  await page.click('#preset-make-private');
  await page.fill('[name="KeyPrefixManifestGenerator.SourceBucket"]', 'source-bucket');
  await page.fill('[name="Report.Bucket"]', 'report-bucket');
  await page.fill('[name="RoleArn"]', 'acs:ram::1234567890123456:role/BatchOperationRole');
}

async function credentials(page, id, secret, token = '') {
  await page.fill('[name="credentials.accessKeyId"]', id);
  await page.fill('[name="credentials.accessKeySecret"]', secret);
  await page.fill('[name="credentials.securityToken"]', token);
}

test('fill, submit, see the JobId; a retry returns the same job; a new token makes a new job', async () => {
  const page = await env.page();
  await validJob(page);
  assert.equal(await page.isDisabled('#submit-button'), true, 'no credentials yet');
  await credentials(page, KEYS.id, KEYS.secret);
  await page.click('#submit-button');
  const jobId = await page.textContent('#job-id', { timeout: 10000 });
  assert.match(jobId, /^[A-Za-z0-9+/]{43}=$/);
  await page.click('#submit-button');
  await page.waitForSelector('#job-id');
  assert.equal(await page.textContent('#job-id'), jobId, 'same ClientRequestToken, same job');
  const before = await page.inputValue('[name="ClientRequestToken"]');
  await page.click('#new-job');
  assert.notEqual(await page.inputValue('[name="ClientRequestToken"]'), before);
  await page.click('#submit-button');
  await page.waitForSelector('#job-id');
  assert.notEqual(await page.textContent('#job-id'), jobId);
  // The inspector shows what was signed.
  await page.click('.inspector summary');
  assert.match(await page.textContent('#canonical-request'), /^POST\n\/\nbatchJob\ncontent-md5:/);
  assert.match(await page.textContent('#string-to-sign'), /^OSS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/cn-hangzhou\/oss\/aliyun_v4_request\n[0-9a-f]{64}$/);
  assert.deepEqual(page.errors, []);
  assert.doesNotMatch(services.proxyLog(), new RegExp(KEYS.secret));
});

test('an STS token is sent and verified', async () => {
  const page = await env.page();
  await validJob(page);
  await credentials(page, KEYS.id, KEYS.secret, 'CAIS+sts/token==');
  await page.click('#submit-button');
  assert.match(await page.textContent('#job-id', { timeout: 10000 }), /=$/);
});

test('a wrong secret shows the decoded OSS error with a hint', async () => {
  const page = await env.page();
  await validJob(page);
  await credentials(page, KEYS.id, 'not-the-secret');
  await page.click('#submit-button');
  assert.equal(await page.textContent('#error-code', { timeout: 10000 }), 'SignatureDoesNotMatch');
  assert.match(await page.textContent('#error-hint'), /AccessKeySecret/);
  assert.match(await page.textContent('#submit-result'), /RequestId [0-9A-F]{24}/);
  // Every other child OSS sent: here the string to sign it computed (the same as ours: the secret differs).
  assert.match(await page.textContent('#error-other'), /StringToSign\s*OSS4-HMAC-SHA256/);
  assert.equal(await page.$('#signature-difference'), null);
});

test('unknown keys and denied keys are decoded too', async () => {
  const page = await env.page();
  await validJob(page);
  await credentials(page, 'LTAI5tNoSuchKey', KEYS.secret);
  await page.click('#submit-button');
  assert.equal(await page.textContent('#error-code', { timeout: 10000 }), 'InvalidAccessKeyId');
  await credentials(page, KEYS.denied, KEYS.secret);
  await page.click('#submit-button');
  await page.waitForFunction(() => widgetRoot().getElementById('error-code')?.textContent === 'AccessDenied');
});

test('proxy down: a plain message, not a crash', async () => {
  const page = await env.page();
  await validJob(page);
  await credentials(page, KEYS.id, KEYS.secret);
  await page.fill('[name="proxyUrl"]', `http://127.0.0.1:${await freePort()}`);
  await page.click('#submit-button');
  const message = await page.textContent('#error-message', { timeout: 10000 });
  assert.match(message, /Cannot reach the proxy at http:\/\/127\.0\.0\.1:\d+\/oss\/cn-hangzhou\/\?batchJob/);
  assert.deepEqual(page.errors, []);
});

test('submission is blocked while the job has errors', async () => {
  const page = await env.page();
  await validJob(page);
  await credentials(page, KEYS.id, KEYS.secret);
  await page.fill('[name="Priority"]', '-1');
  assert.match(await page.textContent('#submit-blocked'), /Fix the errors/);
  // Trying to submit sends nothing and shows every issue at its field.
  await page.click('#submit-button');
  assert.equal(await page.$('#submit-result'), null, 'nothing was sent');
  assert.equal(await page.getAttribute('[name="Priority"]', 'aria-invalid'), 'true');
  assert.notEqual(await page.getAttribute('#issues-details', 'open'), null, 'the list is open');
});

test('credentials stay out of storage, drafts and share links unless the user asks', async () => {
  const page = await env.page();
  await validJob(page);
  await credentials(page, KEYS.id, KEYS.secret, 'TOKEN-XYZ');
  await page.click('#share-button');
  const link = await page.inputValue('#share-link');
  await page.waitForTimeout(400); // past the autosave debounce
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  for (const secret of [KEYS.secret, 'TOKEN-XYZ', KEYS.id]) {
    assert.ok(!stored.includes(secret), `${secret} must not be stored`);
    assert.ok(!decodeURIComponent(link).includes(secret) && !Buffer.from(link.split('#draft=')[1], 'base64url').toString().includes(secret));
  }
  assert.ok(!(await preview(page)).includes(KEYS.secret));
  await page.check('#f-remember');
  assert.ok((await page.evaluate(() => JSON.stringify(localStorage))).includes(KEYS.secret), 'remembered when asked');
  await page.reload();
  await page.waitForSelector('#xml-preview');
  assert.equal(await page.inputValue('[name="credentials.accessKeySecret"]'), KEYS.secret);
  await page.uncheck('#f-remember');
  assert.ok(!(await page.evaluate(() => JSON.stringify(localStorage))).includes(KEYS.secret), 'forgotten when unticked');
});
