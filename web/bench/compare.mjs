// ossbatch against the JS a web developer would write (ajv + fast-xml-parser, web/bench/peer.mjs),
// doing the same work on the same object, in one run on one machine. Prints calls per second and the
// ratios the targets are set on (issue #12): validate + toXml ≥ 1.0×, fromXml ≥ 3×.
//   scripts/build-npm.sh && node web/bench/compare.mjs [seconds per side per call, default 3]
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
/** Calls per second of `fn` over about `seconds`. */
function rate(fn, seconds) {
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 200; i++) sink += fn() ? 1 : 0;
    count += 200;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Each row alternates short runs of ours and the peer's (ROUNDS pairs) and reports medians: on a shared
// or virtual machine the speed drifts by tens of percent within seconds, and a ratio of two runs taken
// far apart measures the drift, not the code.
const ROUNDS = 9;
const rows = [
  ['validate + toXml', () => { ossbatch.validate(sample); return ossbatch.toXml(sample); },
    () => { peerValidate(sample); return peerToXml(sample); }, 1.0],
  ['validate', () => ossbatch.validate(sample), () => peerValidate(sample)],
  ['toXml', () => ossbatch.toXml(sample), () => peerToXml(sample)],
  ['fromXml', () => ossbatch.fromXml(compact), () => peerFromXml(compact), 3.0],
];
console.log(`node ${process.version}, ${ROUNDS} alternating rounds of ${(seconds / ROUNDS).toFixed(2)} s per side per call, package ${packageDir}`);
console.log('| call | ossbatch /s | ajv + fast-xml-parser /s | ratio (median of rounds) | target |');
console.log('|---|---|---|---|---|');
for (const [name, ours, peer, target] of rows) {
  for (let i = 0; i < 3000; i++) sink += (ours() ? 1 : 0) + (peer() ? 1 : 0); // warm up both
  const a = [];
  const b = [];
  const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    a.push(rate(ours, seconds / ROUNDS));
    b.push(rate(peer, seconds / ROUNDS));
    ratios.push(a[round] / b[round]);
  }
  const ratio = median(ratios);
  const verdict = target === undefined ? '' : `≥ ${target.toFixed(1)}× ${ratio >= target ? 'met' : 'not met'}`;
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  console.log(`| ${name} | ${fmt(median(a))} | ${fmt(median(b))} | ${ratio.toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | ${verdict} |`);
}
if (sink < 0) console.log(sink);
