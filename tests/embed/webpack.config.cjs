// The host console's bundle: webpack 5 resolves ossbatch-builder from the installed tarball
// (node_modules of the work directory the test makes) and emits its wasm and worker as assets.
const path = require('node:path');

module.exports = (work) => ({
  mode: 'production',
  target: 'web',
  context: work,
  entry: path.join(work, 'host', 'main.js'),
  output: { path: path.join(work, 'dist'), filename: 'main.js', publicPath: 'auto', clean: false },
  resolve: { modules: [path.join(work, 'node_modules')] },
  performance: { hints: false },
});
