// First render of the builder: the standalone page (dist/, navigation → preview shown) against the
// widget in the host console (mount() called → preview shown, wasm not loaded yet; and a second mount
// in the same page, wasm loaded), in the same run, alternating, fresh browser context each round.
//
//   scripts/build-npm.sh && node tests/embed/first-render-bench.mjs [ROUNDS]
//
// Prints medians and the spread; docs/benchmarks.md records them.
import { serve } from '../e2e/static-server.mjs';
import { CHROMIUM_ARGS, WIDGET_HELPERS } from '../e2e/harness.mjs';
import { buildHost } from './build-host.mjs';
import { serveHost } from './host-server.mjs';

const root = new URL('../../', import.meta.url).pathname;
const { chromium } = await import(`${root}web/node_modules/playwright-core/index.mjs`);
const rounds = Number(process.argv[2] ?? 15);

// Records when the preview first exists, on every animation frame and mutation.
const WATCH = `${WIDGET_HELPERS}
  window.previewAt = null;
  const look = () => { if (window.previewAt === null && window.widgetRoot()?.getElementById('xml-preview')) window.previewAt = performance.now(); };
  new MutationObserver(look).observe(document, { subtree: true, childList: true });
  const frame = () => { look(); if (window.previewAt === null) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
`;

const built = await buildHost();
const standalone = await serve(`${root}dist`);
const host = await serveHost(built.dist, 'http://127.0.0.1:9');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const samples = { standalone: [], widgetFirst: [], widgetSecond: [] };

const REQUEST = { Priority: 3, Operation: { PutObjectAcl: { ObjectAcl: 'private' } }, Report: { Enabled: false } };

for (let i = 0; i < rounds; i += 1) {
  for (const kind of i % 2 ? ['widget', 'standalone'] : ['standalone', 'widget']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(WATCH);
    const page = await context.newPage();
    if (kind === 'standalone') {
      await page.goto(standalone.url + '/');
      await page.waitForFunction(() => window.previewAt !== null);
      samples.standalone.push(await page.evaluate(() => window.previewAt));
    } else {
      await page.goto(host.url + '/plain.html');
      await page.waitForFunction(() => window.host?.ready === true);
      const timing = await page.evaluate(async (request) => {
        const wait = () => new Promise((resolve) => {
          const check = () => (document.getElementById('slot-a').shadowRoot?.getElementById('xml-preview') ? resolve(performance.now()) : requestAnimationFrame(check));
          check();
        });
        const t0 = performance.now();
        const first = await window.host.mount(document.getElementById('slot-a'), { request });
        const t1 = await wait();
        first.destroy();
        const t2 = performance.now();
        await window.host.mount(document.getElementById('slot-a'), { request });
        const t3 = await wait();
        return { first: t1 - t0, second: t3 - t2 };
      }, REQUEST);
      samples.widgetFirst.push(timing.first);
      samples.widgetSecond.push(timing.second);
    }
    await context.close();
  }
}
await browser.close();
await standalone.close();
await host.close();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const line = (name, values) => `${name}: median ${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;
console.log(`rounds: ${rounds}`);
console.log(line('standalone page, navigation start → preview', samples.standalone));
console.log(line('widget, mount() → preview, wasm not yet loaded', samples.widgetFirst));
console.log(line('widget, second mount() → preview, wasm loaded', samples.widgetSecond));
