// Shared setup for the browser tests: the built app (dist/) on loopback, Debian's Chromium via
// playwright-core, and the npm package's toXml as the reference for what the preview must hold.
import { createRequire } from 'node:module';
import { serve } from './static-server.mjs';

const root = new URL('../../', import.meta.url).pathname;
const require = createRequire(import.meta.url);
// Both npm entry points in one object: `ossbatch` (validation, the preview's reference) and
// `ossbatch/sign` (signing and responses, for requests the tests send themselves).
export const ossbatch = {
  ...require(`${root}web/pkg/node/ossbatch.js`),
  ...require(`${root}web/pkg/sign/node/ossbatch_sign.js`),
};
const { chromium } = await import(`${root}web/node_modules/playwright-core/index.mjs`);

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/**
 * Defined in every test page: `widgetRoot()` is the first builder's shadow root (the standalone page's
 * #app, or an embedded element), `deepActiveElement()` the focused element inside shadow roots.
 */
export const WIDGET_HELPERS = `
  window.widgetRoot = () => {
    for (const element of document.querySelectorAll('*')) {
      if (element.shadowRoot?.querySelector('.ossbatch-root')) return element.shadowRoot;
    }
    return null;
  };
  window.deepActiveElement = () => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };
`;

export async function start() {
  const server = await serve(`${root}dist`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    server,
    browser,
    async page(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      // The builder renders in a shadow root: page functions reach it through these two helpers.
      await context.addInitScript(WIDGET_HELPERS);
      // A request or script the page's CSP refuses (the proxy serves the page with one) is a page error.
      await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
        queueMicrotask(() => { throw new Error('CSP refused ' + e.violatedDirective + ' ' + e.blockedURI); });
      });`);
      const page = await context.newPage();
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(String(e)));
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export async function openBuilder(page, url) {
  await page.goto(url);
  await page.waitForSelector('#xml-preview');
}

export const preview = (page) => page.$eval('#xml-preview', (el) => el.textContent);
export const issueCodes = (page) => page.$$eval('#issues li', (items) => items.map((li) => li.dataset.code));
export const readFixture = (name) => require('node:fs').readFileSync(`${root}tests/fixtures/${name}`, 'utf8');
export const axePath = `${root}web/node_modules/axe-core/axe.min.js`;
/** Defines `window.axe` in the page: evaluated, not a script tag, which the pages' CSP refuses. */
export const injectAxe = (page) => page.evaluate(require('node:fs').readFileSync(axePath, 'utf8'));
