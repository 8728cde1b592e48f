// The widget in the frameworks consoles are written in (issue #28): React 18 and React 19 under
// <StrictMode> (development builds) with the keep-the-promise pattern, the short pattern and
// <OssbatchBuilder> from ossbatch-builder/react; Vue 3 through the custom element. Each app is bundled
// by esbuild from the installed ossbatch-builder tarball (its React entry bundled with the app, its
// core module served as a static file so the app and the entry share one instance) and served with the
// strict CSP. Each must give exactly one widget, no unhandled rejection, and no live builder after 20
// unmount/mount cycles and a last unmount. Also: tsc --strict over the React entry, and both entries
// imported in Node without a DOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveHost } from './host-server.mjs';
import { CHROMIUM_ARGS } from '../e2e/harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const modules = `${root}web/node_modules`;
const { chromium } = await import(`${modules}/playwright-core/index.mjs`);
const esbuild = (await import(`${modules}/esbuild/lib/main.js`)).default;

const CYCLES = 20;
let work;
let dist;
let server;
let browser;

/** Packs web/pkg-builder (scripts/build-npm.sh made it) and installs the tarball into an empty project. */
function installBuilder() {
  const dir = mkdtempSync(join(tmpdir(), 'ossbatch-frameworks-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: `${root}web/pkg-builder`, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((name) => name.startsWith('ossbatch-builder-') && name.endsWith('.tgz'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'framework-console', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', join(dir, tarball)], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}

/** The package's core module stays one file at /static/ossbatch-builder/index.js for every importer. */
const sharedCore = {
  name: 'shared-core',
  setup(build) {
    build.onResolve({ filter: /^ossbatch-builder$/ }, () => ({ path: '/static/ossbatch-builder/index.js', external: true }));
    build.onResolve({ filter: /^\.\/index\.js$/ }, (args) => (args.importer.includes('ossbatch-builder')
      ? { path: '/static/ossbatch-builder/index.js', external: true }
      : undefined));
  },
};

async function bundle(entry, out, alias, define = {}) {
  await esbuild.build({
    entryPoints: [`${root}tests/embed/frameworks/${entry}`],
    outfile: join(dist, out),
    bundle: true,
    format: 'esm',
    logLevel: 'error',
    nodePaths: [join(work, 'node_modules'), modules],
    alias,
    define: { 'process.env.NODE_ENV': '"development"', ...define },
    plugins: [sharedCore],
  });
  const page = readFileSync(`${root}tests/embed/frameworks/page.html`, 'utf8');
  writeFileSync(join(dist, out.replace(/\.js$/, '.html')), page.replace('APP.js', out));
}

before(async () => {
  work = installBuilder();
  dist = join(work, 'dist');
  mkdirSync(dist);
  cpSync(join(work, 'node_modules', 'ossbatch-builder'), join(dist, 'static', 'ossbatch-builder'), { recursive: true });
  for (const major of ['18', '19']) {
    await bundle('react-app.js', `react${major}.js`, {
      'ossbatch-builder/react': join(work, 'node_modules/ossbatch-builder/react.js'),
      react: `${modules}/react${major}`,
      'react-dom': `${modules}/react-dom${major}`,
    });
  }
  await bundle('vue-app.js', 'vue.js', { vue: `${modules}/vue/dist/vue.runtime.esm-bundler.js` }, {
    __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  });
  server = await serveHost(dist, 'http://127.0.0.1:9');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the page's count is `expected` (widgets in the page, live builders). */
async function settles(page, expected, what) {
  try {
    await page.waitForFunction((want) => {
      const now = window.app.count();
      return now.widgets === want.widgets && now.live === want.live;
    }, expected, { timeout: 15000, polling: 50 });
  } catch {
    const now = await page.evaluate(() => window.app.count());
    assert.fail(`${what}: ${JSON.stringify(now)}, expected ${JSON.stringify(expected)}`);
  }
}

async function cycles(path) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e}`));
  page.on('console', (m) => {
    // The browser asks for /favicon.ico on its own; the page has none.
    if (m.type() === 'error' && !m.location()?.url?.endsWith('/favicon.ico')) problems.push(`console: ${m.text()}`);
  });
  await page.goto(server.url + path);
  await page.waitForFunction(() => window.app?.ready === true);
  await settles(page, { widgets: 1, live: 1 }, `${path} first mount`);
  for (let i = 1; i <= CYCLES; i += 1) {
    await page.evaluate(() => window.app.toggle());
    await settles(page, { widgets: 0, live: 0 }, `${path} unmount ${i}`);
    await page.evaluate(() => window.app.toggle());
    await settles(page, { widgets: 1, live: 1 }, `${path} mount ${i}`);
  }
  await page.evaluate(() => window.app.toggle());
  await settles(page, { widgets: 0, live: 0 }, `${path} last unmount`);
  const rejections = await page.evaluate(() => window.app.rejections);
  assert.deepEqual(rejections, [], `${path}: unhandled rejections`);
  assert.deepEqual(problems, [], `${path}: page errors`);
  return page;
}

for (const major of ['18', '19']) {
  for (const pattern of ['promise', 'short', 'component']) {
    test(`React ${major} StrictMode, ${pattern}: one widget, no unhandled rejection, no live builder after ${CYCLES} cycles`, async () => {
      const page = await cycles(`/react${major}.html?pattern=${pattern}`);
      await page.close();
    });
  }
}

test('React 19 <OssbatchBuilder>: the ref is the handle; a changed lang prop reaches the mounted widget', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/react19.html?pattern=component`);
  await page.waitForFunction(() => window.app?.ready === true && window.app.handle() !== null);
  const request = await page.evaluate(() => window.app.handle().getRequest());
  assert.equal(typeof request, 'object');
  await page.evaluate(() => window.app.setLang('zh'));
  await page.waitForFunction(() => {
    const app = document.querySelector('.slot')?.shadowRoot?.querySelector('.builder-app');
    return app?.getAttribute('lang') === 'zh-CN' && app.textContent.includes('构建器');
  }, null, { timeout: 15000 });
  await page.close();
});

test(`Vue 3, the custom element: one widget, no live builder after ${CYCLES} cycles`, async () => {
  const page = await cycles('/vue.html');
  await page.close();
});

test('mount/destroy in any order: destroy() before the mount resolves, an aborted signal, two mounts at once', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/react19.html?pattern=promise`);
  await page.waitForFunction(() => window.app?.ready === true);
  // The page's own widget first, so that the count below is of this test's mounts only.
  await settles(page, { widgets: 1, live: 1 }, 'the page\'s widget');
  const outcome = await page.evaluate(async () => {
    const { mount, mountedCount } = await import('/static/ossbatch-builder/index.js');
    const slot = document.createElement('div');
    document.body.append(slot);
    const widgets = () => slot.shadowRoot?.querySelectorAll('.ossbatch-root').length ?? 0;
    const before = mountedCount();
    const cancelled = mount(slot);
    cancelled.destroy();
    const first = await cancelled;
    const controller = new AbortController();
    const aborted = mount(slot, { signal: controller.signal });
    controller.abort();
    const second = await aborted;
    const a = mount(slot);
    const b = mount(slot);
    const [handleA, handleB] = await Promise.all([a, b]);
    const during = { widgets: widgets(), live: mountedCount() - before };
    handleB.destroy();
    handleB.destroy();
    return {
      cancelledDestroyed: first.destroyed,
      abortedDestroyed: second.destroyed,
      aDestroyed: handleA.destroyed,
      bDestroyed: handleB.destroyed,
      during,
      after: { widgets: widgets(), live: mountedCount() - before },
    };
  });
  assert.deepEqual(outcome, {
    cancelledDestroyed: true,
    abortedDestroyed: true,
    aDestroyed: true,
    bDestroyed: true,
    during: { widgets: 1, live: 1 },
    after: { widgets: 0, live: 0 },
  });
  await page.close();
});

test('tsc --strict over ossbatch-builder/react; both entries import in Node without a DOM', () => {
  symlinkSync(`${modules}/react19`, join(work, 'node_modules', 'react'));
  mkdirSync(join(work, 'node_modules', '@types'), { recursive: true });
  symlinkSync(`${modules}/@types/react`, join(work, 'node_modules', '@types', 'react'));
  cpSync(`${root}tests/embed/frameworks/tsx-check.tsx`, join(work, 'tsx-check.tsx'));
  writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler',
      lib: ['es2022', 'dom'], jsx: 'react-jsx', skipLibCheck: false, types: [],
    },
    files: ['tsx-check.tsx'],
  }));
  execFileSync(`${modules}/.bin/tsc`, ['-p', 'tsconfig.json'], { cwd: work, stdio: 'inherit' });
  const loaded = execFileSync('node', ['--input-type=module', '-e', `
    const core = await import('ossbatch-builder');
    const react = await import('ossbatch-builder/react');
    console.log(typeof core.mount, typeof core.mountedCount, typeof react.OssbatchBuilder);
  `], { cwd: work, encoding: 'utf8' });
  assert.equal(loaded.trim(), 'function function object');
});
