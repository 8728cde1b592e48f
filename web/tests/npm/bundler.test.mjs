// The bundler builds (`ossbatch` and `ossbatch/sign` resolve to ./bundler/ and ./sign/bundler/ under
// the "default" condition): webpack 5 bundles a consumer of both entry points from the installed
// package, and the bundle runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const webpack = require(process.env.WEBPACK);

test('webpack 5 bundles the three entry points (bundler builds) and the bundle runs', async () => {
  const dir = mkdtempSync(join(process.cwd(), 'bundle-'));
  writeFileSync(join(dir, 'entry.mjs'), `
    import { validate, toXml } from 'ossbatch';
    import { parseResponse } from 'ossbatch/sign';
    import { rolePolicies, checkManifest } from 'ossbatch/tools';
    const request = { Priority: -5, Operation: { DeleteObjectTagging: {} } };
    console.log(JSON.stringify({
      actions: rolePolicies(request).permissionPolicy.document.Statement[0].Action,
      etag: checkManifest('').etag,
      codes: validate(request).map((i) => i.code),
      xml: toXml(request),
      jobId: parseResponse(200, '<CreateJobResult><JobId>abc=</JobId></CreateJobResult>').jobId,
    }));
  `);
  const stats = await new Promise((resolve, reject) => webpack({
    mode: 'production',
    target: 'node',
    context: process.cwd(),
    entry: join(dir, 'entry.mjs'),
    // .cjs: webpack's node target writes CommonJS, and the consumer project is "type": "module".
    output: { path: join(dir, 'dist'), filename: 'main.cjs' },
    // The package's bundler builds, as a browser bundler would pick them (not the "node" condition).
    resolve: { conditionNames: ['webpack', 'import', 'default'] },
    experiments: { asyncWebAssembly: true },
  }, (error, result) => (error ? reject(error) : resolve(result))));
  assert.equal(stats.hasErrors(), false, stats.toString('errors-only'));
  const modules = stats.toJson({ modules: true }).modules.map((m) => m.name).join('\n');
  assert.match(modules, /ossbatch\/bundler\/ossbatch_wasm_bg\.wasm/);
  assert.match(modules, /ossbatch\/sign\/bundler\/ossbatch_sign_wasm_bg\.wasm/);
  assert.match(modules, /ossbatch\/tools\/bundler\/ossbatch_tools_wasm_bg\.wasm/);
  let printed;
  try {
    printed = execFileSync(process.execPath, [join(dir, 'dist', 'main.cjs')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    assert.fail(`the bundle did not run: ${String(error.stderr).split('\n').filter((l) => l.length < 300).join('\n')}`);
  }
  const output = JSON.parse(printed);
  assert.deepEqual(output.codes, ['report.missing', 'token.missing', 'manifest.source_missing', 'priority.range', 'role_arn.missing']);
  assert.match(output.xml, /<DeleteObjectTagging><\/DeleteObjectTagging><\/Operation><Priority>-5<\/Priority>/);
  assert.equal(output.jobId, 'abc=');
  assert.deepEqual(output.actions, ['oss:DeleteObjectTagging']);
  assert.equal(output.etag, 'd41d8cd98f00b204e9800998ecf8427e');
});
