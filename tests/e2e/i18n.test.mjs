// The interface in Chinese and English (issue #14): the language follows the browser, the header
// switch is remembered, <html lang> follows, and no English sentence is left on a Chinese page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openBuilder, injectAxe } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const zh = { locale: 'zh-CN' };

/**
 * Visible text nodes that read as an English phrase and hold no Chinese character, outside code,
 * previews and form values: each is a string missing from the catalogue.
 */
const englishLeft = (page) => page.evaluate(() => {
  const found = [];
  const walker = document.createTreeWalker(widgetRoot(), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const element = node.parentElement;
    // Service and user data (descriptions, reasons) is marked translate="no", as HTML means it.
    if (!text || !element || element.closest('code, pre, script, style, [lang="en"], [translate="no"]')) continue;
    if (element.offsetParent === null && element.tagName !== 'OPTION') continue;
    if (/[\u4e00-\u9fff]/.test(text)) continue;
    // Three English words, or two where the second is a lowercase word ("Add tag"); API names
    // ("AccessKey ID", "PutObjectTagging") and values ("public-read") pass.
    if (/\b[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}\b/.test(text)
      || /\b[A-Za-z][a-z]+\s+[a-z]{2,}\b/.test(text)) found.push(text);
  }
  // Attributes people hear or see: labels, titles, placeholders.
  for (const el of widgetRoot().querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value && !/[\u4e00-\u9fff]/.test(value) && /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/.test(value)) {
        found.push(`${name}=${value}`);
      }
    }
  }
  return found;
});

async function revealEverything(page) {
  // Every section's fields, and every issue: a job with errors, after a submit attempt.
  await page.click('#preset-new');
  await page.fill('[name="credentials.accessKeyId"]', 'AKID');
  await page.fill('[name="credentials.accessKeySecret"]', 'secret');
  await page.click('#submit-button');
  await page.waitForSelector('#issues-details[open]');
}

test('a Chinese browser gets the Chinese interface: <html lang>, labels, issues, no English left', async () => {
  const page = await env.page(zh);
  await openBuilder(page, env.server.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal((await page.textContent('label[for="f-region"]')).trim(), '地域');
  assert.match(await page.textContent('#preview-heading'), /请求/);
  await revealEverything(page);
  const issues = await page.$$eval('#issues li', (items) => items.map((li) => li.textContent));
  assert.ok(issues.length > 3, issues.join('\n'));
  for (const text of issues) assert.match(text, /[\u4e00-\u9fff]/, text);
  assert.ok(issues.some((text) => text.includes('标签 1 的键')), issues.join('\n'));
  const beside = await page.$$eval('.field-issues li', (items) => items.map((li) => li.textContent));
  assert.ok(beside.length > 0);
  for (const text of beside) assert.match(text, /[\u4e00-\u9fff]/, text);
  // Each operation's fields, the report, the manifest source: all in Chinese.
  for (const operation of ['RestoreObject', 'PutObjectAcl', 'AddObjectTagging']) {
    await page.selectOption('[name="Operation"]', operation);
    assert.deepEqual(await englishLeft(page), [], `English left with ${operation}`);
  }
  await page.check('#f-source-manifest');
  assert.deepEqual(await englishLeft(page), []);
  // The Jobs view.
  await page.click('#tab-jobs');
  await page.waitForSelector('#jobs-list-heading');
  assert.equal((await page.textContent('#jobs-list-heading')).trim(), '任务');
  assert.deepEqual(await englishLeft(page), []);
  assert.deepEqual(page.errors, []);
});

test('the Chinese page passes axe-core', async () => {
  const page = await env.page(zh);
  await openBuilder(page, env.server.url + '/');
  await revealEverything(page);
  await injectAxe(page);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(violations, []);
});

test('switching to English is remembered across a reload; switching back works', async () => {
  const page = await env.page(zh);
  await openBuilder(page, env.server.url + '/');
  assert.equal(await page.getAttribute('#lang-zh-CN', 'aria-pressed'), 'true');
  await page.click('#lang-switch >> text=English');
  assert.equal(await page.getAttribute('#lang-en', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('label[for="f-region"]')).trim(), 'Region');
  await page.reload();
  await page.waitForSelector('#xml-preview');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('#preview-heading')).trim(), 'Request');
  await page.click('#lang-switch >> text=中文');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal((await page.textContent('label[for="f-region"]')).trim(), '地域');
});

test('an English browser gets English, and the phone bar jumps to the preview and back', async () => {
  const page = await env.page({ locale: 'en-US', viewport: { width: 390, height: 844 } });
  await openBuilder(page, env.server.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const inView = (selector) => page.$eval(selector, (el) => {
    const box = el.getBoundingClientRect();
    return box.top < window.innerHeight && box.bottom > 0;
  });
  assert.equal(await inView('#xml-preview'), false, 'the preview starts below the form on a phone');
  assert.equal(await inView('#jump-to-preview'), true);
  await page.click('#jump-to-preview');
  await page.waitForFunction(() => {
    const box = widgetRoot().querySelector('#preview-heading').getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
  });
  await page.click('.jump-bar.back');
  await page.waitForFunction(() => widgetRoot().querySelector('#job-form').getBoundingClientRect().top > -50);
});

test('an embedded builder marks only its own root with its language, never the host page', async () => {
  const page = await env.page(zh);
  await page.goto(env.server.url + '/embed.html');
  await page.waitForSelector('ossbatch-job-builder #xml-preview');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', "the host's <html lang> is the host's");
  assert.equal(await page.getAttribute('ossbatch-job-builder .builder-app', 'lang'), 'zh-CN');
  // A host that asks for a language gets it whatever the browser says.
  await page.evaluate(async () => {
    const element = document.createElement('ossbatch-job-builder');
    element.id = 'english-builder';
    element.setAttribute('lang', 'en');
    document.body.append(element);
  });
  await page.waitForSelector('#english-builder .builder-app');
  assert.equal(await page.getAttribute('#english-builder .builder-app', 'lang'), 'en');
});
