// Starts the OSS stand-in (Python, verifying signatures with the official SDK) and the real proxy
// binary in front of it, serving the built builder. Both on loopback, both stopped by stop().
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBuilder } from './harness.mjs';

const root = new URL('../../', import.meta.url).pathname;

export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(url, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

export const KEYS = { id: 'LTAI5tE2eTestKey', secret: 'E2eTestSecret0123456789', denied: 'denied-LTAI5tKey' };
// Temporary (STS) keys: the stand-in accepts them only with this token.
export const STS = { id: 'STS.NUgYrLnoC37Tk', secret: 'StsTestSecret0123456789', token: 'CAIS-embed-sts-token-0123456789' };

// The proxy's own limits (120 requests a minute, bursts of 20 per IP) are for the public; a test run
// from one loopback address makes more, so the harness sizes them for the tests. A test that wants the
// 429 path passes its own, tight limits in `proxyArgs`.
export const TEST_PROXY_LIMITS = ['--rate-limit-per-minute', '100000', '--rate-burst', '10000'];

/**
 * Starts both. `seed` (the stand-in's `--objects` document: objects, denied prefixes, lifecycle rules)
 * is written to a temporary file for it; `standinArgs` are passed as they are.
 */
export async function startServices({ proxyArgs = TEST_PROXY_LIMITS, standinArgs = [], seed } = {}) {
  if (seed) {
    const dir = mkdtempSync(join(tmpdir(), 'ossbatch-seed-'));
    writeFileSync(join(dir, 'seed.json'), JSON.stringify(seed));
    standinArgs = ['--objects', join(dir, 'seed.json'), ...standinArgs];
  }
  const standinPort = await freePort();
  const standin = spawn('python3', [`${root}tests/oss-standin/standin.py`, '--port', String(standinPort),
    '--key', `${KEYS.id}:${KEYS.secret}`, '--key', `${KEYS.denied}:${KEYS.secret}`,
    '--key', `${STS.id}:${STS.secret}:${STS.token}`, ...standinArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  await waitFor(`http://127.0.0.1:${standinPort}/`);
  const proxyPort = await freePort();
  const proxyLog = [];
  const proxy = spawn(`${root}target/release/ossbatch-proxy`, ['--listen', `127.0.0.1:${proxyPort}`,
    '--static-dir', `${root}dist`, '--upstream-override', `http://127.0.0.1:${standinPort}`, ...proxyArgs],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  proxy.stderr.on('data', (chunk) => proxyLog.push(String(chunk)));
  await waitFor(`http://127.0.0.1:${proxyPort}/healthz`);
  return {
    url: `http://127.0.0.1:${proxyPort}`,
    standinUrl: `http://127.0.0.1:${standinPort}`,
    proxyLog: () => proxyLog.join(''),
    async stop() {
      for (const child of [proxy, standin]) {
        child.kill();
        await once(child, 'exit').catch(() => {});
      }
    },
  };
}

/**
 * Opens job `jobId` on the built app's Jobs page (`services.url`, signed with KEYS) and refreshes it
 * until it is Complete (the stand-in moves a job one status per DescribeJob). Returns its status.
 */
export async function openJobPage(page, services, jobId) {
  await openBuilder(page, services.url + '/');
  await page.click('#tab-jobs');
  await page.fill('#jobs-access-key-id', KEYS.id);
  await page.fill('#jobs-access-key-secret', KEYS.secret);
  await page.fill('#open-job-id', jobId);
  await page.click('#open-job-button');
  await page.waitForSelector('#job-status');
  for (let i = 0; i < 4 && (await page.textContent('#job-status')) !== 'Complete'; i++) {
    await page.click('#job-refresh');
    await page.waitForFunction(() => !widgetRoot().querySelector('#job-loading'));
  }
  return page.textContent('#job-status');
}

/** Sends a request signed by the npm package through the proxy and reads the answer as `kind`. */
export async function callThrough(services, ossbatch, signed, kind) {
  const path = signed.url.replace('https://oss-cn-hangzhou.aliyuncs.com', '/oss/cn-hangzhou');
  const response = await fetch(services.url + path, { method: signed.method, headers: signed.headers, body: signed.body || undefined });
  return ossbatch.parseResponse(response.status, await response.text(), kind);
}

/**
 * A job that tags the objects `manifest-bucket/manifest.csv` names and writes a report of all tasks to
 * `report-bucket/reports` (the Report panel's tests and benchmark seed the stand-in with them).
 */
export function taggingJobWithReport(token, extra = {}) {
  return {
    ConfirmationRequired: false,
    Operation: { PutObjectTagging: { TagSet: [{ Key: 'env', Value: 'prod' }] } },
    Report: { Bucket: 'report-bucket', Enabled: true, Prefix: 'reports', ReportScope: 'AllTasks' },
    ClientRequestToken: token,
    Manifest: { Location: { Bucket: 'manifest-bucket', Object: 'manifest.csv' }, Spec: { Format: 'OSS_BatchOperations_CSV_20250611', Fields: 'Bucket,Key' } },
    Priority: 3,
    RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
    ...extra,
  };
}
