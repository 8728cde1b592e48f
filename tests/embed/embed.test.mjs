// The builder embedded in a host console (issue #20), end to end: the host app is bundled by webpack 5
// from the installed ossbatch-builder tarball, served with a strict CSP and a hostile stylesheet, and
// driven by Playwright. Requests reach the OSS stand-in (signatures verified by the official SDK)
// through the real proxy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildHost } from './build-host.mjs';
import { serveHost } from './host-server.mjs';
import { CHROMIUM_ARGS, WIDGET_HELPERS, ossbatch, injectAxe } from '../e2e/harness.mjs';
import { startServices, KEYS, STS } from '../e2e/services.mjs';

const root = new URL('../../', import.meta.url).pathname;
const { chromium } = await import(`${root}web/node_modules/playwright-core/index.mjs`);

/** A job OSS accepts (the stand-in too): every required element, no errors. */
const VALID = {
  ClientRequestToken: 'embed-token-1',
  Operation: { PutObjectAcl: { ObjectAcl: 'private' } },
  Report: { Enabled: false },
  KeyPrefixManifestGenerator: { SourceBucket: 'source-bucket' },
  Priority: 3,
  RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
};

// Before any page script: CSP violations are recorded from the first byte, and timers are counted
// (a destroyed widget must leave none running).
const PROBES = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);
  });
  window.pendingTimers = new Set();
  const setTimeoutNative = window.setTimeout.bind(window);
  const clearTimeoutNative = window.clearTimeout.bind(window);
  window.setTimeout = (callback, delay, ...args) => {
    const id = setTimeoutNative((...a) => { window.pendingTimers.delete(id); if (typeof callback === 'function') callback(...a); }, delay, ...args);
    window.pendingTimers.add(id);
    return id;
  };
  window.clearTimeout = (id) => { window.pendingTimers.delete(id); clearTimeoutNative(id); };
  const setIntervalNative = window.setInterval.bind(window);
  const clearIntervalNative = window.clearInterval.bind(window);
  window.setInterval = (...a) => { const id = setIntervalNative(...a); window.pendingTimers.add('i' + id); return id; };
  window.clearInterval = (id) => { window.pendingTimers.delete('i' + id); clearIntervalNative(id); };
`;

let browser;
let services;
let host;
let built;

before(async () => {
  built = await buildHost();
  services = await startServices();
  host = await serveHost(built.dist, services.url);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await host?.close();
  await services?.stop();
});

async function hostPage(path = '/index.html', { colorScheme = 'light', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  await context.addInitScript(WIDGET_HELPERS);
  await context.addInitScript(PROBES);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  await page.goto(host.url + path);
  await page.waitForFunction(() => window.host?.ready === true);
  return page;
}

/** Nothing the CSP blocked, no page error. */
async function clean(page) {
  assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no CSP violation');
  assert.deepEqual(page.errors, [], 'no page error');
}

const inShadow = (page, selector) => page.evaluate((s) => widgetRoot().querySelectorAll(s).length, selector);

test('the bundle holds the wasm and the worker as assets, from the installed tarball', () => {
  assert.ok(built.assets.some((name) => name.endsWith('.wasm')), built.assets.join(', '));
  assert.ok(built.assets.some((name) => /\.js$/.test(name) && name !== 'main.js'), 'the worker file is an asset');
});

test('credentials provider: no AccessKey input; jobs are signed with the STS keys and token; an expiration in the past asks again', async () => {
  const page = await hostPage();
  const before = host.hits.direct.length;
  await page.evaluate(async ({ sts, request }) => {
    window.calls = { credentials: 0 };
    window.expiration = new Date(Date.now() - 60_000).toISOString(); // already past
    window.submitted = [];
    window.handle = await window.host.mount(document.getElementById('slot-a'), {
      request,
      region: 'cn-hangzhou',
      credentials: async () => {
        window.calls.credentials += 1;
        return { accessKeyId: sts.id, accessKeySecret: sts.secret, securityToken: sts.token, expiration: window.expiration };
      },
      onSubmitted: (detail) => window.submitted.push(detail),
    });
  }, { sts: STS, request: VALID });
  await page.waitForSelector('#xml-preview');
  assert.equal(await inShadow(page, '[name^="credentials."], input[type="password"]'), 0, 'no AccessKey form');
  assert.equal(await page.evaluate(() => window.calls.credentials), 0, 'asked only when signing');

  await page.click('#submit-button');
  const jobId = await page.textContent('#job-id', { timeout: 15000 });
  assert.match(jobId, /^[A-Za-z0-9+/]{43}=$/, 'the stand-in accepted the STS signature and token');
  assert.equal(await page.evaluate(() => window.calls.credentials), 1);
  assert.deepEqual(await page.evaluate(() => window.submitted), [{ jobId, region: 'cn-hangzhou', request: VALID }]);

  // The kept credentials had expired: the next signature asks the provider again.
  await page.evaluate(() => { window.expiration = new Date(Date.now() + 3_600_000); }); // a Date, an hour ahead
  await page.click('#new-job');
  await page.click('#submit-button');
  await page.waitForSelector('#job-id', { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.calls.credentials), 2, 'expired credentials are asked for again');
  // Fresh ones are kept.
  await page.click('#new-job');
  await page.click('#submit-button');
  await page.waitForSelector('#job-id', { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.calls.credentials), 2, 'fresh credentials are kept');
  assert.equal(host.hits.direct.length - before, 3, 'three CreateJob calls through the page origin');
  // The secret and the token never appear in the page's URLs.
  assert.ok(!page.requests.some((url) => url.includes(STS.secret) || url.includes(STS.token)));
  await clean(page);
});

test('a provider that rejects is an error from the host; nothing is signed or sent', async () => {
  const page = await hostPage();
  const before = host.hits.direct.length;
  await page.evaluate(async (request) => {
    window.errors = [];
    await window.host.mount(document.getElementById('slot-a'), {
      request,
      credentials: () => Promise.reject(new Error('the console session has ended')),
      onError: (error) => window.errors.push(error),
    });
  }, VALID);
  await page.click('#submit-button');
  await page.waitForSelector('#submit-result.error');
  assert.equal(await page.textContent('#error-message'), 'The host page could not provide credentials: the console session has ended');
  assert.deepEqual(await page.evaluate(() => window.errors), [{ source: 'credentials', message: 'The host page could not provide credentials: the console session has ended' }]);
  assert.equal(host.hits.direct.length, before, 'no request left the page');
  await clean(page);
});

test('fetch transport: every request goes through it, none to the page origin; OSS errors and proxy 429s read as today', async () => {
  const page = await hostPage();
  const before = host.hits.direct.length;
  await page.evaluate(async ({ keys, request }) => {
    window.transported = [];
    window.jobUpdates = [];
    window.handle = await window.host.mount(document.getElementById('slot-a'), {
      request,
      onJobUpdated: (detail) => window.jobUpdates.push(detail),
      credentials: async () => ({ accessKeyId: keys.id, accessKeySecret: keys.secret }),
      // The console's backend route; it forwards to OSS (here: the proxy in front of the stand-in).
      fetch: async ({ method, url, headers, body }) => {
        window.transported.push({ method, url, headers: Object.keys(headers).map((h) => h.toLowerCase()).sort(), hasBody: body !== undefined });
        const target = new URL(url);
        const region = target.hostname.replace(/^oss-/, '').replace(/\.aliyuncs\.com$/, '');
        return fetch(`/backend/oss/${region}/${target.search}`, { method, headers, body });
      },
    });
  }, { keys: KEYS, request: VALID });
  await page.click('#submit-button');
  const jobId = await page.textContent('#job-id', { timeout: 15000 });
  // The Jobs view's calls go through it too: the job page (DescribeJob) tells the host its status.
  await page.click('#open-created-job');
  await page.waitForFunction(() => widgetRoot().querySelector('#job-status') && !widgetRoot().querySelector('#job-loading'), null, { timeout: 15000 });
  const updates = await page.evaluate(() => window.jobUpdates);
  assert.equal(updates.length, 1, JSON.stringify(updates));
  assert.equal(updates[0].jobId, jobId);
  assert.match(updates[0].status, /^(New|Preparing|Suspended|Ready|Active|Complete)$/);
  const transported = await page.evaluate(() => window.transported);
  assert.ok(transported.length >= 2, JSON.stringify(transported));
  assert.deepEqual(transported[0], {
    method: 'POST',
    url: 'https://oss-cn-hangzhou.aliyuncs.com/?batchJob',
    headers: ['authorization', 'content-md5', 'content-type', 'x-oss-content-sha256', 'x-oss-date'].sort(),
    hasBody: true,
  });
  assert.equal(transported[1].method, 'GET');
  assert.match(transported[1].url, /^https:\/\/oss-cn-hangzhou\.aliyuncs\.com\/\?batchJob/);
  assert.equal(transported[1].hasBody, false, 'body-less calls carry no body');
  assert.equal(host.hits.direct.length, before, 'nothing went to the page origin directly');
  assert.ok(!page.requests.some((url) => new URL(url).pathname.startsWith('/oss/')), 'no request to /oss/ from the page');
  assert.equal(host.hits.backend.filter((hit) => hit.includes('batchJob')).length >= transported.length, true);
  await clean(page);
});

test('fetch transport: an OSS <Error> with extra children and a proxy 429 are shown exactly as through the proxy', async () => {
  const page = await hostPage();
  const error = readFileSync(`${root}tests/fixtures/responses/error-invalid-access-key-id.xml`, 'utf8');
  await page.evaluate(async ({ keys, request, error }) => {
    window.answers = [
      () => new Response(error, { status: 403, headers: { 'content-type': 'application/xml', 'x-oss-request-id': 'id-1234' } }),
      () => new Response(JSON.stringify({ source: 'ossbatch-proxy', error: 'too many requests; retry in 7 s', retryAfterSeconds: 7 }),
        { status: 429, headers: { 'content-type': 'application/json', 'x-ossbatch-proxy-error': '1', 'retry-after': '7' } }),
    ];
    window.errors = [];
    await window.host.mount(document.getElementById('slot-a'), {
      request,
      credentials: async () => ({ accessKeyId: keys.id, accessKeySecret: keys.secret }),
      fetch: async () => window.answers.shift()(),
      onError: (e) => window.errors.push(e),
    });
  }, { keys: KEYS, request: VALID, error });
  await page.click('#submit-button');
  await page.waitForSelector('#submit-result.error');
  assert.equal(await page.textContent('#error-code'), 'InvalidAccessKeyId');
  assert.equal(await page.textContent('#error-message'), 'The OSS Access Key Id you provided does not exist in our records.');
  assert.match(await page.textContent('#submit-result'), /RequestId id-1234 · EC 0002-00000902/);
  assert.match(await page.textContent('#error-other'), /OSSAccessKeyId\s*ak/);
  await page.click('#submit-button');
  await page.waitForFunction(() => widgetRoot().getElementById('error-message')?.textContent === 'Too many requests; retry in 7 s.');
  assert.match(await page.textContent('#submit-result'), /The ossbatch proxy answered HTTP 429/);
  const errors = await page.evaluate(() => window.errors);
  assert.equal(errors[0].source, 'oss');
  assert.equal(errors[0].code, 'InvalidAccessKeyId');
  assert.equal(errors[0].status, 403);
  assert.equal(errors[0].ec, '0002-00000902');
  assert.deepEqual(errors[1], { source: 'proxy', status: 429, message: 'too many requests; retry in 7 s', retryAfterSeconds: 7 });
  await clean(page);
});

test('setRequest updates the preview without an onChange echo; user edits are heard; validate() equals the npm package', async () => {
  const page = await hostPage();
  await page.evaluate(async (request) => {
    window.changes = [];
    window.handle = await window.host.mount(document.getElementById('slot-a'), {
      request,
      onChange: (request, issues) => window.changes.push({ request, issues }),
    });
  }, VALID);
  await page.waitForSelector('#xml-preview');
  await page.evaluate((request) => window.handle.setRequest({ ...request, Priority: 42, Description: 'set by the host' }), VALID);
  await page.waitForFunction(() => widgetRoot().getElementById('xml-preview').textContent.includes('<Priority>42</Priority>'));
  assert.equal((await page.evaluate(() => window.handle.getRequest())).Priority, 42);
  // Let every scheduled render and effect run: still no echo.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  assert.equal(await page.evaluate(() => window.changes.length), 0, 'neither the mount nor setRequest is echoed');

  await page.fill('[name="Priority"]', '-1');
  await page.waitForFunction(() => window.changes.length > 0);
  const last = await page.evaluate(() => window.changes.at(-1));
  assert.equal(last.request.Priority, -1);
  assert.deepEqual(last.issues, ossbatch.validate(last.request), 'onChange issues are the npm package\'s');
  const current = await page.evaluate(() => window.handle.getRequest());
  assert.deepEqual(await page.evaluate(() => window.handle.validate()), ossbatch.validate(current));
  assert.ok(ossbatch.validate(current).some((issue) => issue.code === 'priority.range'));

  // focusIssue moves focus to the field, inside the shadow root.
  await page.evaluate(() => window.handle.focusIssue('Priority'));
  await page.waitForFunction(() => deepActiveElement()?.getAttribute('name') === 'Priority');
  // setLang and setRegion.
  await page.evaluate(() => window.handle.setLang('zh'));
  await page.waitForFunction(() => widgetRoot().querySelector('.builder-app').getAttribute('lang') === 'zh-CN');
  await page.evaluate(() => window.handle.setRegion('cn-beijing'));
  await page.waitForFunction(() => widgetRoot().querySelector('select[name="region"]').value === 'cn-beijing');
  const typeErrors = await page.evaluate(async () => {
    const out = [];
    for (const options of [{ colour: 'red' }, { tabs: 'jobs' }, { credentials: 'key' }, { appearance: { variables: { accentColour: 'red' } } }]) {
      try {
        await window.host.mount(document.getElementById('slot-b'), options);
        out.push('mounted');
      } catch (error) {
        out.push(`${error.name}: ${error.message}`);
      }
    }
    try { window.handle.setLang('fr'); } catch (error) { out.push(`${error.name}: ${error.message}`); }
    return out;
  });
  assert.match(typeErrors[0], /^TypeError: .*unknown option "colour"/);
  assert.match(typeErrors[1], /^TypeError: .*options\.tabs must be an array/);
  assert.match(typeErrors[2], /^TypeError: .*options\.credentials must be a function/);
  assert.match(typeErrors[3], /^TypeError: .*unknown appearance variable "accentColour"/);
  assert.match(typeErrors[4], /^TypeError: .*setLang\(lang\) must be 'en' or 'zh'/);
  await clean(page);
});

test('destroy() leaves no node and no timer; mount → destroy 50 times returns heap and listeners to where they were', async () => {
  const page = await hostPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    const get = (name) => list.find((m) => m.name === name).value;
    return { heap: get('JSHeapUsedSize'), listeners: get('JSEventListeners'), nodes: get('Nodes'), timers: await page.evaluate(() => window.pendingTimers.size) };
  };
  const cycle = (times) => page.evaluate(async ({ times, request }) => {
    const slot = document.getElementById('slot-a');
    for (let i = 0; i < times; i += 1) {
      const handle = await window.host.mount(slot, { request: { ...request, Priority: i }, tabs: ['builder', 'jobs'] });
      // Let it render and run its effects before it goes.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      if (!slot.shadowRoot.getElementById('xml-preview')) throw new Error(`mount ${i} did not render`);
      handle.destroy();
    }
    return { children: slot.childNodes.length, shadowChildren: slot.shadowRoot.childNodes.length, sheets: slot.shadowRoot.adoptedStyleSheets.length };
  }, { times, request: VALID });

  // Blink counts a node until the collector has swept it, and sweeping runs after the collection
  // returns, lazily and off the main thread: one reading right after a collection may still count the
  // nodes of all 50 builders (seen in CI: nodes 91 → 741, 13 per builder). So read until the counts
  // settle, a bounded number of times; a node that something still holds never leaves the count.
  // `done(reading, before)` sees the lowest counts so far and the reading before them.
  const settled = async (done) => {
    let before;
    let last = { ...(await metrics()), readings: 1 };
    for (let round = 1; round < 40 && !done(last, before); round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const next = await metrics();
      before = last;
      last = { ...next, nodes: Math.min(next.nodes, last.nodes), listeners: Math.min(next.listeners, last.listeners), readings: round + 1 };
    }
    return last;
  };

  await cycle(2); // the wasm, the stylesheet and the JIT warm
  // Start from a reading that no longer falls: counts still waiting to be swept would excuse a leak.
  const start = await settled((m, before) => before !== undefined && m.nodes === before.nodes && m.listeners === before.listeners);
  const left = await cycle(50);
  const end = await settled((m) => m.nodes <= start.nodes + 50 && m.listeners <= start.listeners);
  assert.deepEqual(left, { children: 0, shadowChildren: 0, sheets: 0 }, 'no node or stylesheet left in the host element');
  assert.equal(end.timers, start.timers, 'no timer left running');
  const both = `(start ${JSON.stringify(start)}, end ${JSON.stringify(end)})`;
  assert.ok(end.listeners <= start.listeners, `listeners ${start.listeners} → ${end.listeners} ${both}`);
  assert.ok(end.nodes <= start.nodes + 50, `nodes ${start.nodes} → ${end.nodes} ${both}`);
  // One mounted builder holds far more than this (its state, closures, DOM wrappers): a leak of even
  // one per cycle would pass it 50 times over.
  assert.ok(end.heap - start.heap < 1024 * 1024, `heap ${start.heap} → ${end.heap} ${both}`);
  console.log(`# mount → destroy ×50: heap ${start.heap} → ${end.heap} B, listeners ${start.listeners} → ${end.listeners}, nodes ${start.nodes} → ${end.nodes}, timers ${start.timers} → ${end.timers}; readings until settled ${start.readings}, ${end.readings}`);
  // Mounting again in the same element works.
  await page.evaluate((request) => window.host.mount(document.getElementById('slot-a'), { request }), VALID);
  await page.waitForSelector('#slot-a #xml-preview');
  await clean(page);
});

test('two widgets on one page: each its own request; change and submitted events reach a host listener outside the shadow root', async () => {
  const page = await hostPage();
  await page.evaluate(async ({ request, keys }) => {
    window.events = [];
    for (const type of ['change', 'submitted', 'jobupdated', 'error']) {
      document.addEventListener(type, (event) => {
        if (event instanceof CustomEvent) window.events.push({ type, target: event.target.id, detail: event.detail });
      });
    }
    for (const [id, priority] of [['builder-a', 1], ['builder-b', 2]]) {
      const element = document.createElement('ossbatch-job-builder');
      element.id = id;
      element.setAttribute('region', 'cn-hangzhou');
      element.request = { ...request, ClientRequestToken: `token-${id}`, Priority: priority };
      element.credentials = async () => ({ accessKeyId: keys.id, accessKeySecret: keys.secret });
      document.querySelector('main').append(element);
    }
  }, { request: VALID, keys: KEYS });
  await page.waitForSelector('#builder-a #xml-preview');
  await page.waitForSelector('#builder-b #xml-preview');
  assert.match(await page.textContent('#builder-a #xml-preview'), /<Priority>1<\/Priority>/);
  assert.match(await page.textContent('#builder-b #xml-preview'), /<Priority>2<\/Priority>/);
  await page.fill('#builder-a [name="Priority"]', '11');
  await page.waitForFunction(() => window.events.some((e) => e.type === 'change'));
  assert.equal(await page.evaluate(() => document.getElementById('builder-a').request.Priority), 11);
  assert.equal(await page.evaluate(() => document.getElementById('builder-b').request.Priority), 2, 'the other widget is untouched');
  await page.click('#builder-b #submit-button');
  await page.waitForFunction(() => window.events.some((e) => e.type === 'submitted'));
  const events = await page.evaluate(() => window.events);
  const change = events.find((e) => e.type === 'change');
  assert.equal(change.target, 'builder-a');
  assert.equal(change.detail.request.Priority, 11);
  assert.ok(Array.isArray(change.detail.issues));
  const submitted = events.find((e) => e.type === 'submitted');
  assert.equal(submitted.target, 'builder-b');
  assert.equal(submitted.detail.request.ClientRequestToken, 'token-builder-b');
  assert.match(submitted.detail.jobId, /^[A-Za-z0-9+/]{43}=$/);
  assert.equal(events.filter((e) => e.type === 'change' && e.target === 'builder-b').length, 0);
  // Only one copy of the wasm was fetched for both.
  assert.equal(page.requests.filter((url) => url.endsWith('.wasm')).length, 1);
  await clean(page);
});

/** Styles compared across pages: everything but geometry (the hostile page lays out its own header). */
const STYLE_PROPERTIES = ['font-family', 'font-size', 'font-style', 'font-weight', 'line-height', 'color', 'background-color',
  'letter-spacing', 'word-spacing', 'text-transform', 'text-align', 'border-top-style', 'border-top-width', 'border-top-color',
  'border-radius', 'padding-top', 'padding-left', 'margin-top', 'outline-style', 'display', 'cursor', 'white-space'];

const widgetStyles = (page) => page.evaluate((properties) => {
  const out = {};
  for (const selector of ['.ossbatch-root', '.builder-app', 'h1', 'h2', 'label', '#submit-button', 'input[name="Priority"]',
    'select[name="region"]', '#xml-preview', '.help', '#issues']) {
    const element = widgetRoot().querySelector(selector);
    const style = getComputedStyle(element);
    out[selector] = Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
  }
  return out;
}, STYLE_PROPERTIES);

/** Mounts on #slot-a; `keys` adds a credentials provider (the Submit button is enabled then). */
const mountPlain = (page, options = {}, { keys = false, request = VALID } = {}) => page.evaluate(async ({ request, options, keys }) => {
  const credentials = keys ? { credentials: async () => ({ accessKeyId: keys.id, accessKeySecret: keys.secret }) } : {};
  window.handle = await window.host.mount(document.getElementById('slot-a'), { request, ...options, ...credentials });
}, { request, options, keys: keys ? KEYS : false });

test('isolation: the widget changes none of the host\'s styles, and the hostile host stylesheet changes none of the widget\'s', async () => {
  const page = await hostPage('/index.html');
  const hostStyles = () => page.evaluate(() => Object.fromEntries(['#host-button', '#host-input', 'h1'].map((selector) => {
    const style = getComputedStyle(document.querySelector(selector));
    return [selector, Object.fromEntries([...style].map((p) => [p, style.getPropertyValue(p)]))];
  })));
  const withoutWidget = await hostStyles();
  await mountPlain(page);
  await page.waitForSelector('#xml-preview');
  assert.deepEqual(await hostStyles(), withoutWidget, 'host elements keep every computed style');
  assert.equal(await page.evaluate(() => document.styleSheets.length), 1, 'no stylesheet added to the host document');
  const hostile = await widgetStyles(page);

  const plain = await hostPage('/plain.html');
  await mountPlain(plain);
  await plain.waitForSelector('#xml-preview');
  assert.deepEqual(hostile, await widgetStyles(plain), 'the widget looks the same under the hostile stylesheet');
  // Its own font and size, not the host's 24px Courier.
  assert.equal(hostile['.ossbatch-root']['font-size'], '15px');
  assert.match(hostile['.ossbatch-root']['font-family'], /system-ui/);
  await clean(page);
  await clean(plain);
});

test('axe finds no violation in the embedded widget in light and dark; appearance.variables.accent sets the accent', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await hostPage('/index.html', { colorScheme });
    // 'auto' follows the system (the context's color scheme); the explicit option is checked below.
    await mountPlain(page, { appearance: { colorScheme: 'auto' } }, { keys: true, request: { ...VALID, Priority: -1, RoleArn: 'not-an-arn' } });
    await page.waitForSelector('#xml-preview');
    await page.click('#submit-button'); // a submit attempt with errors: every issue at its field, nothing sent
    await page.waitForSelector('[name="RoleArn"][aria-invalid="true"]');
    // axe arrives through DevTools evaluation: the page's CSP forbids inline scripts, as intended.
    await injectAxe(page);
    const violations = await page.evaluate(async () => {
      const result = await axe.run(document.getElementById('slot-a'));
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, [], `axe (${colorScheme})`);
    const background = await page.evaluate(() => getComputedStyle(widgetRoot().querySelector('.ossbatch-root')).backgroundColor);
    assert.equal(background, colorScheme === 'dark' ? 'rgb(15, 19, 23)' : 'rgb(246, 247, 249)');
    await clean(page);
  }
  const page = await hostPage('/index.html', { colorScheme: 'light' });
  await mountPlain(page, { appearance: { colorScheme: 'dark', variables: { accent: '#b5179e', radius: 2 } } });
  await page.waitForSelector('#xml-preview');
  const styles = await page.evaluate(() => {
    const button = getComputedStyle(widgetRoot().getElementById('submit-button'));
    return { accent: button.backgroundColor, radius: button.borderTopLeftRadius, root: getComputedStyle(widgetRoot().querySelector('.ossbatch-root')).backgroundColor };
  });
  assert.deepEqual(styles, { accent: 'rgb(181, 23, 158)', radius: '1.5px', root: 'rgb(15, 19, 23)' });
  await page.evaluate(() => window.handle.setAppearance({ variables: { accent: '#0a7d38' } }));
  assert.equal(await page.evaluate(() => getComputedStyle(widgetRoot().getElementById('submit-button')).backgroundColor), 'rgb(10, 125, 56)');
  await clean(page);
});

test('no bundler: the package from a static folder mounts under the same CSP', async () => {
  const page = await hostPage('/static.html');
  await mountPlain(page);
  await page.waitForSelector('#xml-preview');
  assert.match(await page.textContent('#xml-preview'), /<PutObjectAcl>/);
  assert.ok(page.requests.some((url) => url.endsWith('/static/ossbatch-builder/ossbatch-app_bg.wasm')));
  await clean(page);
});

test('tabs and readOnly: a Jobs-only widget and a review screen', async () => {
  const page = await hostPage();
  await page.evaluate(async (request) => {
    await window.host.mount(document.getElementById('slot-a'), { request, readOnly: true, tabs: ['builder'] });
    await window.host.mount(document.getElementById('slot-b'), { tabs: ['jobs'], credentials: async () => ({ accessKeyId: 'x', accessKeySecret: 'y' }) });
  }, VALID);
  await page.waitForSelector('#slot-a #xml-preview');
  await page.waitForSelector('#slot-b #jobs-view');
  const a = await page.evaluate(() => {
    const shadow = document.getElementById('slot-a').shadowRoot;
    return { inputs: shadow.querySelectorAll('input, select, textarea').length, tabs: shadow.querySelectorAll('.view-tabs').length, submit: !!shadow.getElementById('submit-button') };
  });
  assert.deepEqual(a, { inputs: 0, tabs: 0, submit: false });
  const b = await page.evaluate(() => {
    const shadow = document.getElementById('slot-b').shadowRoot;
    return { builder: !!shadow.getElementById('builder-view'), tabs: shadow.querySelectorAll('.view-tabs').length, keys: shadow.querySelectorAll('input[type="password"]').length };
  });
  assert.deepEqual(b, { builder: false, tabs: 0, keys: 0 });
  await clean(page);
});

test('the Report panel\'s object calls reach onError: a failing GetObject, HeadObject and PutObject each (source, status, code, requestId)', async () => {
  const page = await hostPage();
  const describe = readFileSync(new URL('../fixtures/responses/describe-job.xml', import.meta.url), 'utf8');
  const list = readFileSync(new URL('../fixtures/responses/list-jobs-empty.xml', import.meta.url), 'utf8');
  const report = readFileSync(new URL('../fixtures/reports/s3-real-order.csv', import.meta.url), 'utf8');
  await page.evaluate(async ({ describe, list, report }) => {
    window.errors = [];
    window.calls = [];
    window.getFails = true;
    const jobId = 'MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=';
    const key = `reports/job-${jobId}/results/r.csv`;
    let n = 0;
    // OSS's error document, as the API pages give it; a HEAD carries it base64 in x-oss-err.
    const error = (code, message, id) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId><HostId>report-bucket.oss-cn-hangzhou.aliyuncs.com</HostId></Error>`;
    const answer = (status, body, headers = {}) => new Response(body, { status, headers: { 'content-type': 'application/xml', ...headers } });
    window.handle = await window.host.mount(document.getElementById('slot-a'), {
      tabs: ['jobs'],
      credentials: async () => ({ accessKeyId: 'LTAI5tEmbedKey', accessKeySecret: 'EmbedSecret0123456789' }),
      onError: (e) => { window.errorMessages = [...(window.errorMessages ?? []), e.message]; window.errors.push({ source: e.source, status: e.status, code: e.code, requestId: e.requestId }); },
      // The host's transport stands in for OSS here: the job is the DescribeJob fixture (Complete,
      // RestoreObject, report to report-bucket/reports/), its report one file.
      fetch: async ({ method, url }) => {
        const target = new URL(url);
        const id = `5F2A0000000000000000${String(++n).padStart(4, '0')}`;
        window.calls.push(`${method} ${target.hostname} ${target.search}`);
        if (target.hostname === 'oss-cn-hangzhou.aliyuncs.com') {
          return answer(200, target.searchParams.has('batchJobId') ? describe : list, { 'x-oss-request-id': id });
        }
        if (method === 'GET' && target.searchParams.get('list-type') === '2') {
          return answer(200, `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>report-bucket</Name><Prefix>reports/</Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>${key}</Key><LastModified>2025-06-15T11:30:00.000Z</LastModified><ETag>"5B3C1A2E053D763E1B002CC607C5A0FE"</ETag><Size>${new TextEncoder().encode(report).length}</Size><StorageClass>Standard</StorageClass></Contents><KeyCount>1</KeyCount></ListBucketResult>`);
        }
        if (method === 'GET') {
          if (window.getFails) return answer(403, error('AccessDenied', 'You have no right to access this object.', id), { 'x-oss-request-id': id, 'x-oss-ec': '0003-00000001' });
          return answer(200, report, { 'content-type': 'text/csv', 'x-oss-request-id': id });
        }
        if (method === 'HEAD') {
          return new Response(null, { status: 404, headers: { 'x-oss-request-id': id, 'x-oss-ec': '0026-00000001', 'x-oss-err': btoa(error('NoSuchKey', 'The specified key does not exist.', id)) } });
        }
        return answer(403, error('AccessDenied', 'You have no right to write this object.', id), { 'x-oss-request-id': id });
      },
    });
  }, { describe, list, report });
  await page.fill('#open-job-id', 'MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=');
  await page.click('#open-job-button');
  await page.waitForSelector('#job-report-panel', { timeout: 15000 });
  const errors = () => page.evaluate(() => window.errors);

  // GetObject refused.
  await page.click('#report-find');
  await page.waitForSelector('#report-error', { timeout: 15000 });
  const [get] = await errors();
  assert.equal(get.source, 'oss', await page.evaluate(() => JSON.stringify(window.errorMessages)));
  assert.deepEqual({ ...get, requestId: typeof get.requestId }, { source: 'oss', status: 403, code: 'AccessDenied', requestId: 'string' });

  // Read, then the effect check's HeadObject is refused (its <Error> only in x-oss-err).
  await page.evaluate(() => { window.getFails = false; });
  await page.click('#report-find');
  await page.waitForSelector('#report-counts', { timeout: 15000 });
  await page.click('#effect-run');
  await page.waitForFunction(() => window.errors.some((e) => e.status === 404), null, { timeout: 15000 });
  const head = (await errors()).find((e) => e.status === 404);
  assert.deepEqual({ ...head, requestId: typeof head.requestId }, { source: 'oss', status: 404, code: 'NoSuchKey', requestId: 'string' });

  // The retry manifest's PutObject refused.
  const before = (await errors()).length;
  await page.click('#report-retry');
  await page.waitForFunction((n) => window.errors.length > n, before, { timeout: 15000 });
  const put = (await errors()).at(-1);
  assert.deepEqual({ ...put, requestId: typeof put.requestId }, { source: 'oss', status: 403, code: 'AccessDenied', requestId: 'string' });
  const calls = await page.evaluate(() => window.calls);
  assert.ok(calls.some((c) => c.startsWith('HEAD report-bucket.') || c.startsWith('HEAD ')), calls.join('\n'));
  assert.ok(calls.some((c) => c.startsWith('PUT ')), calls.join('\n'));
  await page.evaluate(() => window.handle.destroy());
});

test('the Plan step plans through the host\'s fetch in a bundled host: its module loads under the strict CSP, a missing object and the missing lifecycle reach onError', async () => {
  const page = await hostPage();
  const list = readFileSync(new URL('../fixtures/responses/list-jobs-empty.xml', import.meta.url), 'utf8');
  await page.evaluate(async ({ list }) => {
    window.errors = [];
    window.calls = [];
    const manifest = 'data-bucket,photos/a.jpg\ndata-bucket,photos/gone.jpg\n';
    const error = (code, message, id) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId><HostId>data-bucket.oss-cn-hangzhou.aliyuncs.com</HostId></Error>`;
    let n = 0;
    window.handle = await window.host.mount(document.getElementById('slot-a'), {
      tabs: ['builder'],
      region: 'cn-hangzhou',
      request: {
        Operation: { PutObjectAcl: { ObjectAcl: 'private' } },
        Report: { Enabled: false },
        Manifest: { Location: { Bucket: 'manifest-bucket', Object: 'plan.csv' }, Spec: { Fields: 'Bucket,Key', Format: 'OSS_BatchOperations_CSV_20250611' } },
        Priority: 1, RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
      },
      credentials: async () => ({ accessKeyId: 'LTAI5tEmbedKey', accessKeySecret: 'EmbedSecret0123456789' }),
      onError: (e) => window.errors.push({ source: e.source, status: e.status, code: e.code }),
      fetch: async ({ method, url }) => {
        const target = new URL(url);
        const id = `5F2B0000000000000000${String(++n).padStart(4, '0')}`;
        window.calls.push(`${method} ${target.hostname}${target.pathname}${target.search}`);
        const answer = (status, body, headers = {}) => new Response(body, { status, headers: { 'content-type': 'application/xml', 'x-oss-request-id': id, ...headers } });
        if (target.hostname === 'oss-cn-hangzhou.aliyuncs.com') return answer(200, list);
        if (target.pathname === '/plan.csv') return answer(200, manifest, { etag: '"0123456789ABCDEF0123456789ABCDEF"' });
        if (method === 'HEAD' && target.pathname === '/photos/gone.jpg') {
          return new Response(null, { status: 404, headers: { 'x-oss-request-id': id, 'x-oss-err': btoa(error('NoSuchKey', 'The specified key does not exist.', id)) } });
        }
        if (method === 'HEAD') return new Response(null, { status: 200, headers: { 'x-oss-request-id': id, 'x-oss-storage-class': 'Standard' } });
        if (target.search === '?acl') return answer(200, '<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy><Owner><ID>1</ID></Owner><AccessControlList><Grant>public-read</Grant></AccessControlList></AccessControlPolicy>');
        return answer(404, error('NoSuchKey', 'The specified key does not exist.', id));
      },
    });
  }, { list });
  await page.click('#plan-run');
  await page.waitForSelector('#plan-result, #plan-error', { timeout: 20000 });
  assert.equal(await page.$('#plan-error'), null, await page.textContent('#plan-error').catch(() => ''));
  assert.equal(await page.textContent('#plan-counts'), '2 rows: 0 succeed, 1 fail, 1 warn');
  const codes = await page.$$eval('#plan-groups tr.plan-group', (rows) => rows.map((r) => r.dataset.code));
  assert.deepEqual(codes.sort(), ['plan.acl_changed', 'plan.object_missing']);
  const errors = await page.evaluate(() => window.errors);
  assert.deepEqual(errors, [{ source: 'oss', status: 404, code: 'NoSuchKey' }]);
  const calls = await page.evaluate(() => window.calls);
  assert.ok(calls.some((c) => c.startsWith('GET manifest-bucket.')), calls.join('\n'));
  assert.ok(page.requests.some((url) => url.includes('.wasm') && !url.includes('ossbatch-app')), page.requests.join('\n'));
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no CSP violation');
  await page.evaluate(() => window.handle.destroy());
});
