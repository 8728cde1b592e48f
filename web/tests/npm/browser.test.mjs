// The ES module builds (`ossbatch/web`, `ossbatch/sign/web`, `ossbatch/tools/web`) in headless Chromium: served from the installed package, loaded
// with `await init()`, validating and writing a request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

const packageDir = process.env.OSSBATCH_PACKAGE_DIR;
const { chromium } = await import(process.env.PLAYWRIGHT_CORE);

const PAGE = `<!doctype html><meta charset="utf-8"><title>ossbatch esm</title>
<script type="module">
  import init, { validate, toXml, rules } from '/pkg/web/ossbatch.js';
  await init();
  const request = { Priority: -5, Operation: { DeleteObjectTagging: {} } };
  const sign = await import('/pkg/sign/web/ossbatch_sign.js');
  await sign.default();
  const parsed = sign.parseResponse(200, '<CreateJobResult><JobId>abc=</JobId></CreateJobResult>');
  const tools = await import('/pkg/tools/web/ossbatch_tools.js');
  await tools.default();
  const manifest = tools.checkManifest(new TextEncoder().encode('b-1,k\\nb-1,k\\n'));
  window.result = { codes: validate(request).map((i) => i.code), xml: toXml(request), rules: rules().length, jobId: parsed.jobId,
    duplicate: manifest.issues.map((i) => i.code + ' ' + i.path).join(), trust: tools.rolePolicies(request).trustPolicy.document.Statement[0].Action };
</script>`;

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

test('the web builds of the three entry points work in headless Chromium', async () => {
  const server = createServer(async (req, res) => {
    try {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
        return;
      }
      const relative = normalize(decodeURIComponent(req.url.replace(/^\/pkg\//, ''))).replace(/^(\.\.[/\\])+/, '');
      const body = await readFile(join(packageDir, relative));
      const ext = relative.slice(relative.lastIndexOf('.'));
      res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 15000 });
    const result = await page.evaluate(() => window.result);
    assert.deepEqual(errors, []);
    assert.deepEqual(result.codes, ['report.missing', 'token.missing', 'manifest.source_missing', 'priority.range', 'role_arn.missing']);
    assert.equal(
      result.xml,
      '<?xml version="1.0" encoding="UTF-8"?><CreateJobRequest><Operation><DeleteObjectTagging></DeleteObjectTagging></Operation><Priority>-5</Priority></CreateJobRequest>',
    );
    assert.ok(result.rules >= 50);
    assert.equal(result.jobId, 'abc=', 'ossbatch/sign loads in the browser too');
    assert.equal(result.duplicate, 'manifest_file.duplicate_row Row[2]', 'ossbatch/tools loads in the browser too');
    assert.equal(result.trust, 'sts:AssumeRole');
  } finally {
    await browser.close();
    server.close();
  }
});
