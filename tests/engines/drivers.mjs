// One small page driver over three engines (issue #28): Chromium through playwright-core, Firefox ESR
// through puppeteer-core over WebDriver BiDi, and WebKitGTK (Safari's engine) through its classic
// WebDriver (WebKitWebDriver, driven by selenium-webdriver, under Xvfb). All browsers come from
// Debian (scripts/setup.sh). Every interaction is a script run in the page (`run`), so a flow is
// written once and means the same thing in each engine; waits poll from Node with a deadline.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, WIDGET_HELPERS } from '../e2e/harness.mjs';

const root = new URL('../../', import.meta.url).pathname;
const modules = `${root}web/node_modules`;

export const ENGINES = ['chromium', 'firefox', 'webkit'];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(check, what, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An X display for WebKitGTK (it needs one even when nothing is looked at). */
async function startXvfb() {
  for (let display = 90; display < 110; display += 1) {
    const child = spawn('Xvfb', [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const exited = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 700);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!exited) return { display: `:${display}`, stop: () => child.kill() };
  }
  throw new Error('no free X display for Xvfb');
}

/**
 * Launches `engine` and returns `{ name, open(url) → page, close() }`. A page has `run(fn, arg)` (fn's
 * source runs in the page with the JSON `arg`; its result, awaited, comes back as JSON), `goto(url)`,
 * `close()`. WIDGET_HELPERS are defined in each page after it loads.
 */
export async function launch(engine) {
  if (engine === 'chromium') {
    const { chromium } = await import(`${modules}/playwright-core/index.mjs`);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    return {
      name: engine,
      async open(url, { lang = 'en-US' } = {}) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        return wrap({
          errors,
          goto: (to) => page.goto(to),
          evaluate: (source) => page.evaluate(source),
          close: () => context.close(),
        }, url);
      },
      close: () => browser.close(),
    };
  }
  if (engine === 'firefox') {
    const puppeteer = (await import(`${modules}/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js`)).default;
    const profile = mkdtempSync(join(tmpdir(), 'ossbatch-firefox-'));
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: {
        'intl.accept_languages': 'en-US',
        'browser.shell.checkDefaultBrowser': false,
        'app.update.enabled': false,
        'network.captive-portal-service.enabled': false,
        'toolkit.telemetry.enabled': false,
      },
    });
    return {
      name: engine,
      async open(url) {
        const page = await browser.newPage();
        await page.setViewport({ width: 1280, height: 900 });
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        return wrap({
          errors,
          goto: (to) => page.goto(to),
          evaluate: (source) => page.evaluate(source),
          close: () => page.close(),
        }, url);
      },
      async close() {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  }
  if (engine === 'webkit') {
    const xvfb = await startXvfb();
    const { Builder } = await import(`${modules}/selenium-webdriver/index.js`);
    // WebKitWebDriver serves one session at a time: one driver process per page.
    const sessions = [];
    return {
      name: engine,
      async open(url) {
        const port = await freePort();
        const process_ = spawn('WebKitWebDriver', [`--port=${port}`], {
          stdio: 'ignore',
          env: { ...process.env, DISPLAY: xvfb.display },
        });
        const server = `http://127.0.0.1:${port}`;
        await until(async () => (await fetch(`${server}/status`)).ok, 'WebKitWebDriver to start');
        const driver = await new Builder()
          .usingServer(server)
          .withCapabilities({
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': {
              binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
              args: ['--automation', '--geometry=1280x900'],
            },
          })
          .build();
        const session = { driver, process_ };
        sessions.push(session);
        const quit = async () => {
          await driver.quit().catch(() => {});
          process_.kill();
        };
        return wrap({
          errors: [],
          goto: (to) => driver.get(to),
          evaluate: (source) => driver.executeScript(`return (${source});`),
          close: quit,
        }, url);
      },
      async close() {
        for (const { driver, process_ } of sessions) {
          await driver.quit().catch(() => {});
          process_.kill();
        }
        xvfb.stop();
      },
    };
  }
  throw new Error(`unknown engine ${engine}`);
}

/** The page API every flow uses, over one engine's `evaluate(expression)`. */
async function wrap(raw, url) {
  const run = (fn, arg) => raw.evaluate(`(${fn.toString()})(${JSON.stringify(arg ?? null)})`);
  const page = {
    errors: raw.errors,
    run,
    async goto(to) {
      await raw.goto(to);
      await raw.evaluate(`(() => { ${WIDGET_HELPERS}; return true; })()`);
    },
    /** Polls `fn(arg)` in the page until it returns something truthy; returns it. */
    async waitFor(fn, arg, what = fn.toString(), timeout = 20000) {
      let value;
      await until(async () => (value = await run(fn, arg)), what, timeout);
      return value;
    },
    close: () => raw.close(),
  };
  if (url) await page.goto(url);
  return page;
}

/** In-page helpers, on the first builder's shadow root (the standalone page's or an embedded one's). */
export const inWidget = {
  click: (page, selector) => page.run((s) => { window.widgetRoot().querySelector(s).click(); return true; }, selector),
  /** Sets a text control's value as typing would end (input, then change). */
  fill: (page, selector, value) => page.run(([s, v]) => {
    const el = window.widgetRoot().querySelector(s);
    el.focus();
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    return true;
  }, [selector, value]),
  select: (page, selector, value) => page.run(([s, v]) => {
    const el = window.widgetRoot().querySelector(s);
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    return el.value === v;
  }, [selector, value]),
  text: (page, selector) => page.run((s) => window.widgetRoot()?.querySelector(s)?.textContent ?? null, selector),
  value: (page, selector) => page.run((s) => window.widgetRoot()?.querySelector(s)?.value ?? null, selector),
  exists: (page, selector) => page.run((s) => Boolean(window.widgetRoot()?.querySelector(s)), selector),
  /** Gives a file input these files (as a user's pick would) and fires `change`. */
  setFiles: (page, selector, files) => page.run(([s, list]) => {
    const input = window.widgetRoot().querySelector(s);
    const transfer = new DataTransfer();
    for (const { name, text } of list) transfer.items.add(new File([text], name, { type: 'text/csv' }));
    input.files = transfer.files;
    const given = input.files.length;
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    return given;
  }, [selector, files]),
};
