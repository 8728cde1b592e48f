// Where one call of the validation entry spends its time: the JS walk into the wire form, each raw
// wasm export, and reading results back. Run after scripts/build-npm.sh:  node web/bench/boundary.mjs
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const pkg = new URL('../pkg/node/', import.meta.url).pathname;
const raw = require(`${pkg}ossbatch_wasm.js`);
const { fromXml } = require(`${pkg}ossbatch.js`);
const sample = fromXml(readFileSync(new URL('../../tests/fixtures/createjob-sample-request.xml', import.meta.url), 'utf8'));
// The package's own JS half, with its internals reachable.
const body = ['common.body', 'wire-fields.generated', 'validation.body'].map((part) => readFileSync(new URL(`../npm/src/${part}.js`, import.meta.url), 'utf8')).join('\n');
const { encodeRequest, decodeIssues, decodeRequest, input } =
  new Function('raw', `${body}; return { encodeRequest, decodeIssues, decodeRequest, input };`)(raw);

const wire = encodeRequest('bench', sample);
const issues = raw.validateInput(input(wire), undefined);
const xml = raw.toXmlInput(input(wire), false);
const xmlWire = raw.fromXmlInput(input(xml));

/** Best of seven runs (a shared machine drifts; the best run is the code's cost). */
function each(name, fn) {
  for (let i = 0; i < 20000; i++) fn();
  const n = 30000;
  let best = Infinity;
  for (let round = 0; round < 7; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e3 / n);
  }
  console.log(`${name.padEnd(34)} ${best.toFixed(2)} µs`);
}
each('JS walk into the wire form', () => encodeRequest('bench', sample));
each('wire into the input buffer', () => input(wire));
each('validateInput (wire in buffer)', () => raw.validateInput(wire.length, undefined));
each('toXmlInput (wire in buffer)', () => raw.toXmlInput(wire.length, false));
each('read issues back', () => decodeIssues(issues));
each('XML into the input buffer', () => input(xml));
each('fromXmlInput (XML in buffer)', () => raw.fromXmlInput(xml.length));
each('read a request back', () => decodeRequest(xmlWire));
console.log(`wire ${wire.length} chars, XML ${xml.length} chars`);
