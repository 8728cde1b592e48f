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
const body = readFileSync(new URL('../npm/src/validation.body.js', import.meta.url), 'utf8');
const { encodeRequest, decodeIssues, decodeRequest } =
  new Function('raw', `${body}; return { encodeRequest, decodeIssues, decodeRequest };`)(raw);

const wire = encodeRequest('bench', sample);
const issues = raw.validateWire(wire, undefined);
const xml = raw.toXmlWire(wire, false);
const xmlWire = raw.fromXmlWire(xml);

function each(name, fn) {
  for (let i = 0; i < 20000; i++) fn();
  const n = 100000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  console.log(`${name.padEnd(30)} ${(Number(process.hrtime.bigint() - start) / 1e3 / n).toFixed(2)} µs`);
}
each('JS walk into the wire form', () => encodeRequest('bench', sample));
each('validateWire', () => raw.validateWire(wire, undefined));
each('toXmlWire', () => raw.toXmlWire(wire, false));
each('toXmlWire, empty request', () => raw.toXmlWire('', false));
each('read issues back', () => decodeIssues(issues));
each('fromXmlWire', () => raw.fromXmlWire(xml));
each('read a request back', () => decodeRequest(xmlWire));
console.log(`wire ${wire.length} chars, XML ${xml.length} chars`);
