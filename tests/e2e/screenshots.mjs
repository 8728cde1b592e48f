// Takes the README's screenshots of the builder (issue #14): desktop light and dark, and a phone, in
// English and Chinese, of a job built from a preset with one issue showing.
//   scripts/build-app.sh && node tests/e2e/screenshots.mjs
import { start, openBuilder } from './harness.mjs';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const env = await start();
try {
  const shots = [
    ['desktop-light', { viewport: { width: 1440, height: 900 } }],
    ['desktop-dark', { viewport: { width: 1440, height: 900 }, colorScheme: 'dark' }],
    ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 }],
  ];
  for (const [locale, suffix] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
    for (const [name, options] of shots) {
      const page = await env.page({ locale, ...options });
      await openBuilder(page, env.server.url + '/');
      await page.click('#preset-tag-for-lifecycle');
      await page.fill('[name="RoleArn"]', 'acs:ram::1234567890123456:role/BatchOperationRole');
      await page.fill('[name="KeyPrefixManifestGenerator.SourceBucket"]', 'logs-bucket');
      await page.fill('[name="KeyPrefixManifestGenerator.Prefix"]', 'app/2025/');
      await page.fill('[name="Report.Bucket"]', 'report-bucket');
      await page.fill('[name="Priority"]', '-1');
      await page.keyboard.press('Tab');
      await page.evaluate(() => window.scrollTo(0, 0));
      const path = `${out}${name}-${suffix}.png`;
      await page.screenshot({ path });
      console.log(path);
      await page.context().close();
    }
  }
} finally {
  await env.close();
}
