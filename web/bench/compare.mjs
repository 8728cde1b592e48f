// ossbatch against the JS a web developer would write (ajv + fast-xml-parser, web/bench/peer.mjs),
// doing the same work on the same object, in one run on one machine. Prints calls per second and the
// ratios the targets are set on (issue #12): validate + toXml ≥ 1.0×, fromXml ≥ 3×.
//   scripts/build-npm.sh && node web/bench/compare.mjs [seconds per measurement, default 3]
// OSSBATCH_PACKAGE=<dir of an installed ossbatch> measures an installed tarball instead of web/pkg.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { peerValidate, peerToXml, peerFromXml } from './peer.mjs';

const require = createRequire(import.meta.url);
const packageDir = process.env.OSSBATCH_PACKAGE ?? new URL('../pkg', import.meta.url).pathname;
const ossbatch = require(`${packageDir}/node/ossbatch.js`);
const seconds = Number(process.argv[2] ?? 3);
const xml = readFileSync(new URL('../../tests/fixtures/createjob-sample-request.xml', import.meta.url), 'utf8');
const sample = ossbatch.fromXml(xml);
const compact = ossbatch.toXml(sample);

// Both sides must do the same work: same XML out, same object in.
if (peerToXml(sample) !== compact) throw new Error('the peer writes different XML');
if (ossbatch.validate(sample).some((i) => i.severity === 'error') || peerValidate(sample).length) {
  throw new Error('the sample must be valid for both');
}

let sink = 0;
function rate(fn) {
  for (let i = 0; i < 3000; i++) sink += fn() ? 1 : 0; // warm up
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 500; i++) sink += fn() ? 1 : 0;
    count += 500;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}

const rows = [
  ['validate + toXml', () => { ossbatch.validate(sample); return ossbatch.toXml(sample); },
    () => { peerValidate(sample); return peerToXml(sample); }, 1.0],
  ['validate', () => ossbatch.validate(sample), () => peerValidate(sample)],
  ['toXml', () => ossbatch.toXml(sample), () => peerToXml(sample)],
  ['fromXml', () => ossbatch.fromXml(compact), () => peerFromXml(compact), 3.0],
];
console.log(`node ${process.version}, ${seconds} s per measurement, package ${packageDir}`);
console.log('| call | ossbatch /s | ajv + fast-xml-parser /s | ratio | target |');
console.log('|---|---|---|---|---|');
for (const [name, ours, peer, target] of rows) {
  const a = rate(ours);
  const b = rate(peer);
  const ratio = a / b;
  const verdict = target === undefined ? '' : `≥ ${target.toFixed(1)}× ${ratio >= target ? 'met' : 'not met'}`;
  console.log(`| ${name} | ${Math.round(a).toLocaleString('en-US')} | ${Math.round(b).toLocaleString('en-US')} | ${ratio.toFixed(2)}× | ${verdict} |`);
}
if (sink < 0) console.log(sink);
