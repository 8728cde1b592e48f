// Builds the host console the way a console team would: pack web/pkg-builder (scripts/build-npm.sh
// makes it), install the tarball into an empty project, bundle tests/embed/host/main.js with webpack 5,
// and lay out dist/: the bundle and its assets, the host's pages, a copy of the host page without its
// hostile stylesheet (plain.html), and the package copied to a static folder for a no-bundler page
// (static.html imports /static/ossbatch-builder/index.js).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const require = createRequire(import.meta.url);

export async function buildHost() {
  const work = mkdtempSync(join(tmpdir(), 'ossbatch-embed-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: `${root}web/pkg-builder`, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(work).find((name) => name.startsWith('ossbatch-builder-') && name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack made no ossbatch-builder tarball');
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'console-host', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', join(work, tarball)], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  cpSync(`${root}tests/embed/host`, join(work, 'host'), { recursive: true });

  const webpack = require(`${root}web/node_modules/webpack`);
  const config = require(`${root}tests/embed/webpack.config.cjs`)(work);
  const stats = await new Promise((resolve, reject) => webpack(config, (error, result) => (error ? reject(error) : resolve(result))));
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));

  const dist = join(work, 'dist');
  for (const name of ['index.html', 'host.css', 'static.html', 'static.js']) cpSync(join(work, 'host', name), join(dist, name));
  const page = readFileSync(join(work, 'host', 'index.html'), 'utf8');
  writeFileSync(join(dist, 'plain.html'), page.replace(/<link rel="stylesheet" href="host.css"[^>]*>/, ''));
  cpSync(join(work, 'node_modules', 'ossbatch-builder'), join(dist, 'static', 'ossbatch-builder'), { recursive: true });
  return { work, dist, tarball: join(work, tarball), assets: Object.keys(stats.compilation.assets) };
}
