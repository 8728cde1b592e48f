// Where things are on a laptop screen (issue #14): the live preview is in the first viewport and stays
// in view while the last field of the form is edited; the region picker leads the builder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openBuilder } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const inViewport = (page, selector) => page.$eval(selector, (el) => {
  const box = el.getBoundingClientRect();
  return box.top >= 0 && box.top < window.innerHeight && box.bottom > 0 && box.height > 0;
});

test('at 1440×900 the XML preview is in the first viewport and stays there while typing into the last field', async () => {
  const page = await env.page({ viewport: { width: 1440, height: 900 } });
  await openBuilder(page, env.server.url + '/');
  assert.ok(await inViewport(page, '#xml-preview'), 'the preview is visible after load');
  // The last text field of the form, scrolled into view as the user gets there.
  const last = await page.$$eval('form.form input[type="text"], form.form textarea', (els) => {
    const visible = els.filter((el) => el.offsetParent !== null);
    const el = visible[visible.length - 1];
    return el.name;
  });
  const field = page.locator(`form.form [name="${last}"]`);
  await field.scrollIntoViewIfNeeded();
  await field.fill('');
  await field.type('typed-at-the-end');
  assert.ok(await inViewport(page, '#xml-preview'), `the preview is still visible while editing ${last}`);
  assert.ok((await page.textContent('#xml-preview')).includes('typed-at-the-end'));
});

test('the region picker comes first in the builder', async () => {
  const page = await env.page({ viewport: { width: 1440, height: 900 } });
  await openBuilder(page, env.server.url + '/');
  const first = await page.$eval('form.form', (form) => form.querySelector('select, input').id);
  assert.equal(first, 'f-region');
  assert.ok(await inViewport(page, '#f-region'));
});
