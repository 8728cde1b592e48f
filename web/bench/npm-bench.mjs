// Node benchmark of the npm package: validate + toXml of the CreateJob.md sample, as a JS object,
// requests per second. Run after scripts/build-npm.sh:  node web/bench/npm-bench.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { fromXml, validate, toXml } = require('../pkg/node/ossbatch.js');
const { signCreateJob } = require('../pkg/sign/node/ossbatch_sign.js');
const sample = fromXml(readFileSync(new URL('../../tests/fixtures/createjob-sample-request.xml', import.meta.url), 'utf8'));

function rate(name, fn, seconds = 3) {
  for (let i = 0; i < 2000; i++) fn(); // warm up
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(seconds * 1e9);
  let now = start;
  while (now < end) {
    for (let i = 0; i < 500; i++) fn();
    count += 500;
    now = process.hrtime.bigint();
  }
  const perSecond = count / (Number(now - start) / 1e9);
  console.log(`${name}: ${Math.round(perSecond).toLocaleString('en-US')} /s (${(1e6 / perSecond).toFixed(2)} µs each)`);
}

rate('validate + toXml (sample)', () => { validate(sample); toXml(sample); });
rate('validate (sample)', () => validate(sample));
rate('toXml (sample)', () => toXml(sample));
rate('fromXml (sample)', () => fromXml(toXml(sample)));
const credentials = { accessKeyId: 'AKID', accessKeySecret: 'secret' };
rate('signCreateJob V4 (sample)', () => signCreateJob({ request: sample, region: 'cn-hangzhou', credentials, signedAt: 1764048600000 }));
