// Calm validation (issue #14): a fresh form shows no error styles until a field is touched; a submit
// attempt or an imported job shows every issue at once; the issue list keeps its counts visible.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openBuilder } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Visible elements that wear an error style: an invalid control or an error message. */
const visibleErrors = (page) => page.$$eval('[aria-invalid="true"], .issue.error', (els) =>
  els.filter((el) => el.offsetParent !== null && !el.closest('#issues')).map((el) => el.getAttribute('name') || el.id || el.className));

test('a fresh form is calm; a touched field shows its error; a submit attempt shows them all', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await page.click('#preset-new');
  assert.deepEqual(await visibleErrors(page), [], 'no error style before anything is touched');
  // The counts are still there.
  assert.match(await page.textContent('#issues summary'), /\d+ error\(s\)/);
  assert.equal(await page.getAttribute('#issues-details', 'open'), null, 'the list is collapsed to its counts');
  // Touch one field: only it shows its error.
  await page.fill('[name="Priority"]', '-5');
  assert.deepEqual(await visibleErrors(page), [], 'not while typing');
  await page.keyboard.press('Tab');
  const afterTouch = await visibleErrors(page);
  assert.ok(afterTouch.includes('Priority'), afterTouch.join());
  assert.ok(!afterTouch.includes('RoleArn'), 'untouched fields stay calm');
  // A submit attempt (credentials are needed to send, so fill fake ones) reveals every issue.
  await page.fill('[name="credentials.accessKeyId"]', 'AKID');
  await page.fill('[name="credentials.accessKeySecret"]', 'secret');
  await page.click('#submit-button');
  const all = await visibleErrors(page);
  assert.ok(all.includes('RoleArn') && all.includes('Priority'), all.join());
  assert.notEqual(await page.getAttribute('#issues-details', 'open'), null, 'the list is open');
  assert.equal(await page.$('#submit-result'), null, 'nothing was sent');
});

test('an imported job shows all its issues at once', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await page.click('#preset-new');
  await page.click('section.import summary');
  await page.fill('#import-text', '<CreateJobRequest><Priority>-3</Priority></CreateJobRequest>');
  await page.click('#import-button');
  await page.waitForSelector('#import-message.ok');
  const shown = await visibleErrors(page);
  assert.ok(shown.includes('Priority') && shown.includes('RoleArn'), shown.join());
});

test('messages read as words: labels in the list, no repeated path beside the field', async () => {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await page.click('#preset-new');
  const key = '[name="Operation.PutObjectTagging.TagSet.Tag[0].Key"]';
  await page.fill(key, 'a#b');
  await page.keyboard.press('Tab');
  const describedBy = await page.getAttribute(key, 'aria-describedby');
  const beside = await page.textContent(`#${describedBy.split(' ').pop()}`);
  assert.ok(!beside.includes('Operation.PutObjectTagging'), beside);
  assert.match(beside, /May contain only letters/);
  const listed = await page.$eval('#issues li[data-code="tag.key_chars"]', (li) => li.textContent);
  assert.match(listed, /Tag 1 key: May contain only letters/);
  // The path and the code stay available.
  assert.equal(await page.getAttribute('#issues li[data-code="tag.key_chars"] .issue-code', 'title'),
    'Operation.PutObjectTagging.TagSet.Tag[0].Key');
});
