// The Report panel reading a large dropped report in headless Chromium, against the native CLI over
// the same file in the same run (issue #22: at least 50 % of the native rate, the page responsive):
//   cargo build --release -p ossbatch-cli && scripts/build-app.sh && node web/bench/report-browser.mjs [MiB, default 1024]
// Writes the report scripts/bench-report.sh writes (scripts/write-bench-report.py), times
// `ossbatch report summary --json` on it (best of 3), then opens a job page of the built app (the OSS
// stand-in and the real proxy, as the end-to-end tests run them) and drops the file on the Report
// panel (best of 2). While the page reads, a requestAnimationFrame loop in the page records the
// longest gap between frames: the page's longest pause. A third run samples Chromium's memory (PSS of
// all its processes). The counts must equal the CLI's. The file is deleted afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { start, ossbatch } from '../../tests/e2e/harness.mjs';
import { startServices, KEYS, openJobPage, callThrough, taggingJobWithReport } from '../../tests/e2e/services.mjs';
import { treeMemory } from './memory.mjs';

const root = new URL('../../', import.meta.url).pathname;
const mib = Number(process.argv[2] ?? 1024);
const dir = mkdtempSync(join(tmpdir(), 'ossbatch-report-bench-'));
const path = join(dir, 'report.csv');


let env;
let services;
try {
  execFileSync('python3', [join(root, 'scripts/write-bench-report.py'), path, String(mib)]);
  const size = statSync(path).size;
  const cli = join(root, 'target/release/ossbatch');
  let cliSeconds = Infinity;
  let native;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    let out;
    try {
      out = execFileSync(cli, ['report', 'summary', '--json', path], { maxBuffer: 1 << 26 });
    } catch (failed) {
      out = failed.stdout; // exit 3: some tasks failed
    }
    cliSeconds = Math.min(cliSeconds, (performance.now() - t0) / 1000);
    native = JSON.parse(out.toString());
  }

  writeFileSync(join(dir, 'seed.json'), JSON.stringify({ objects: [
    { bucket: 'manifest-bucket', key: 'manifest.csv', body: 'data-bucket,a.jpg\n' },
    { bucket: 'data-bucket', key: 'a.jpg', body: 'a' },
  ] }));
  env = await start();
  services = await startServices({ standinArgs: ['--objects', join(dir, 'seed.json')] });
  const credentials = { accessKeyId: KEYS.id, accessKeySecret: KEYS.secret };
  const signed = ossbatch.signCreateJob({ region: 'cn-hangzhou', signedAt: new Date(), credentials, request: taggingJobWithReport(`bench-${Date.now()}`) });
  const { jobId } = await callThrough(services, ossbatch, signed, 'createJob');

  let peakGrowth = 0;
  let longestPause = 0;
  async function browser(sampleMemory) {
    const page = await env.page();
    await openJobPage(page, services, jobId);
    await page.waitForSelector('#job-report-panel');
    // The page's longest pause: the largest gap between animation frames while the report is read.
    await page.evaluate(() => {
      window.benchPause = 0;
      let last = performance.now();
      const frame = (now) => {
        window.benchPause = Math.max(window.benchPause, now - last);
        last = now;
        if (!window.benchStop) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const idle = sampleMemory ? treeMemory(process.pid) : 0;
    const sampler = sampleMemory
      ? setInterval(() => { peakGrowth = Math.max(peakGrowth, treeMemory(process.pid) - idle); }, 100)
      : undefined;
    await page.setInputFiles('#report-files', path);
    await page.waitForSelector('#report-summary[data-elapsed-ms]', { timeout: 900_000 });
    clearInterval(sampler);
    const pause = await page.evaluate(() => { window.benchStop = true; return window.benchPause; });
    const elapsed = Number(await page.getAttribute('#report-summary', 'data-elapsed-ms'));
    const counts = await page.textContent('#report-counts');
    const expected = `${native.tasks} tasks: ${native.succeeded} succeeded, ${native.failed} failed`;
    if (counts !== expected) throw new Error(`the page says "${counts}", the CLI "${expected}"`);
    await page.context().close();
    if (!sampleMemory) longestPause = Math.max(longestPause, pause);
    return elapsed / 1000;
  }
  const browserSeconds = Math.min(await browser(false), await browser(false));
  await browser(true);

  const rate = (seconds) => size / 1024 / 1024 / seconds;
  console.log(`report: ${size.toLocaleString('en-US')} bytes, ${native.tasks.toLocaleString('en-US')} tasks, ${native.failed.toLocaleString('en-US')} failed`);
  console.log('| | seconds | MiB/s |');
  console.log('|---|---|---|');
  console.log(`| ossbatch report summary --json (native, best of 3) | ${cliSeconds.toFixed(2)} | ${rate(cliSeconds).toFixed(0)} |`);
  console.log(`| Report panel, dropped file, headless Chromium (best of 2) | ${browserSeconds.toFixed(2)} | ${rate(browserSeconds).toFixed(0)} |`);
  console.log(`ratio browser / native: ${(cliSeconds / browserSeconds).toFixed(2)} (target ≥ 0.5)`);
  console.log(`the page's longest pause between frames while reading (timed runs): ${longestPause.toFixed(0)} ms`);
  console.log(`peak growth of Chromium's memory (PSS, all its processes) during a read (a separate run): ${(peakGrowth / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  await services?.stop();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
}
