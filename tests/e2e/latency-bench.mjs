// Keystroke-to-preview latency in headless Chromium: a 10-tag request, 200 keystrokes into a tag value,
// time from the keydown event to the preview's DOM update, and the part of it from the input event
// (what the browser hands to the app) to that update. A measurement, not a test:
//   scripts/build-app.sh && scripts/build-npm.sh && node tests/e2e/latency-bench.mjs
import { start, openBuilder } from './harness.mjs';

const env = await start();
try {
  const page = await env.page();
  await openBuilder(page, env.server.url + '/');
  await page.click('#preset-new');
  for (let i = 0; i < 9; i++) await page.click('#add-tag');
  for (let i = 0; i < 10; i++) {
    await page.fill(`[name="Operation.PutObjectTagging.TagSet.Tag[${i}].Key"]`, `key-${i}`);
    await page.fill(`[name="Operation.PutObjectTagging.TagSet.Tag[${i}].Value"]`, `value ${i}`);
  }
  await page.focus('[name="Operation.PutObjectTagging.TagSet.Tag[9].Value"]');
  await page.evaluate(() => {
    window.latencies = [];
    window.appLatencies = [];
    let t0 = 0;
    let t1 = 0;
    document.addEventListener('keydown', () => { t0 = performance.now(); }, true);
    document.addEventListener('input', () => { t1 = performance.now(); }, true);
    new MutationObserver(() => {
      const now = performance.now();
      if (t0) { window.latencies.push(now - t0); t0 = 0; }
      if (t1) { window.appLatencies.push(now - t1); t1 = 0; }
    }).observe(widgetRoot().getElementById('xml-preview'), { childList: true, subtree: true, characterData: true });
  });
  for (let i = 0; i < 200; i++) await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
  const report = (label, values) => {
    values.sort((a, b) => a - b);
    const at = (q) => values[Math.min(values.length - 1, Math.floor(q * values.length))];
    console.log(`${label}: n=${values.length}, median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${values.at(-1).toFixed(2)} ms`);
  };
  report('keydown -> preview updated', await page.evaluate(() => window.latencies));
  report('input event -> preview updated (the app)', await page.evaluate(() => window.appLatencies));
} finally {
  await env.close();
}
