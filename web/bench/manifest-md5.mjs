// Browser MD5 of a local manifest against md5sum, same machine, same run (issue #13):
//   scripts/build-app.sh && node web/bench/manifest-md5.mjs [size in MiB, default 1024]
// Writes a CSV manifest of the given size (deterministic rows) to a temporary directory, times
// `md5sum` on it (best of three), then has the built app's "Check a local manifest file" stream it in
// headless Chromium: "ETag only" (the MD5 alone, the measure) and with every row check (as
// a user gets it by default), best of two each, and prints the throughputs and ratios (target ≥ 0.5
// for the MD5). The file is deleted afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { start, openBuilder } from '../../tests/e2e/harness.mjs';
import { treeMemory } from './memory.mjs';

const mib = Number(process.argv[2] ?? 1024);
const dir = mkdtempSync(join(tmpdir(), 'ossbatch-md5-'));
const path = join(dir, 'manifest.csv');
try {
  // Rows like `bucket-07,photos/2026/11/object-000001234.jpg`, written 4 MiB at a time.
  const fd = openSync(path, 'w');
  const target = mib * 1024 * 1024;
  let written = 0;
  let row = 0;
  while (written < target) {
    let chunk = '';
    while (chunk.length < 4 * 1024 * 1024) {
      chunk += `bucket-${String(row % 16).padStart(2, '0')},photos/2026/${row % 12 + 1}/object-${String(row).padStart(9, '0')}.jpg\n`;
      row++;
    }
    const bytes = Buffer.from(chunk.slice(0, Math.min(chunk.length, target - written)));
    writeSync(fd, bytes);
    written += bytes.length;
  }
  closeSync(fd);
  const size = statSync(path).size;

  let md5sumSeconds = Infinity;
  let md5sumHex = '';
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    md5sumHex = execFileSync('md5sum', [path]).toString().split(' ')[0];
    md5sumSeconds = Math.min(md5sumSeconds, (performance.now() - t0) / 1000);
  }

  // Memory of Chromium's processes (this script's descendants), as proportional set size (PSS:
  // shared pages split between the processes that map them, so shared memory is not counted twice),
  // sampled while a check runs: the peak growth over the idle page shows whether memory stays flat.
  let peakGrowth = 0;
  // Best of two runs of the app's streaming check, with the row checks (as a user gets it) or, with
  // "ETag only", the MD5 alone (the measure).
  async function browser(etagOnly, sampleMemory = false) {
    let best = Infinity;
    for (let i = 0; i < (sampleMemory ? 1 : 2); i++) {
      const page = await env.page();
      await openBuilder(page, env.server.url + '/');
      await page.click('#preset-new');
      await page.check('input[name="Manifest"][value="Manifest"]');
      if (etagOnly) await page.check('#manifest-etag-only');
      const pid = process.pid; // Chromium runs as this script's child processes
      const idle = sampleMemory ? treeMemory(pid) : 0;
      const sampler = sampleMemory
        ? setInterval(() => { peakGrowth = Math.max(peakGrowth, treeMemory(pid) - idle); }, 100)
        : undefined;
      await page.setInputFiles('#manifest-file', path);
      await page.waitForSelector('#manifest-check-result[data-elapsed-ms]', { timeout: 600_000 });
      clearInterval(sampler);
      const elapsed = Number(await page.getAttribute('#manifest-check-result', 'data-elapsed-ms'));
      const hex = await page.textContent('#manifest-etag');
      if (hex !== md5sumHex) throw new Error(`ETag ${hex} differs from md5sum ${md5sumHex}`);
      best = Math.min(best, elapsed / 1000);
      await page.context().close();
    }
    return best;
  }
  const env = await start();
  let browserSeconds;
  let checkSeconds;
  try {
    browserSeconds = await browser(true);
    checkSeconds = await browser(false);
    // Memory in a run of its own: sampling costs CPU, which the timed runs must not pay.
    await browser(false, true);
  } finally {
    await env.close();
  }
  const rate = (seconds) => size / 1024 / 1024 / seconds;
  console.log(`file: ${size.toLocaleString('en-US')} bytes (${row.toLocaleString('en-US')} rows written), MD5 ${md5sumHex}`);
  console.log(`| | seconds | MiB/s |`);
  console.log(`|---|---|---|`);
  console.log(`| md5sum (best of 3) | ${md5sumSeconds.toFixed(2)} | ${rate(md5sumSeconds).toFixed(0)} |`);
  console.log(`| browser MD5: Check a local manifest file, ETag only (best of 2) | ${browserSeconds.toFixed(2)} | ${rate(browserSeconds).toFixed(0)} |`);
  console.log(`| browser: the same with every row check (best of 2) | ${checkSeconds.toFixed(2)} | ${rate(checkSeconds).toFixed(0)} |`);
  console.log(`peak growth of Chromium's memory (PSS, all its processes) during a check with row checks (a separate run): ${(peakGrowth / 1024 / 1024).toFixed(0)} MiB`);
  console.log(`ratio browser MD5 / md5sum: ${(md5sumSeconds / browserSeconds).toFixed(2)} (target ≥ 0.5); with row checks ${(md5sumSeconds / checkSeconds).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
