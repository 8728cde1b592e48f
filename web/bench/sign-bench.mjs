// The signing entry's speed, for one or more builds of the package in the same run:
//   node web/bench/sign-bench.mjs web/pkg [other/pkg ...]
// Best of five runs of 5,000 calls each: signCreateJob (V4, the CreateJob.md sample request),
// parseResponse of a DescribeJob answer, and a TypeError for a wrong field.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const xml = fs.readFileSync(path.join(root, 'tests/fixtures/createjob-sample-request.xml'), 'utf8');
const describe = fs.readFileSync(path.join(root, 'tests/fixtures/responses/describe-job.xml'), 'utf8');

function best(call) {
  let fastest = Infinity;
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 5000; i++) call();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 5000 / 1000);
  }
  return `${fastest.toFixed(1)} µs`;
}

for (const dir of process.argv.slice(2)) {
  const pkg = path.resolve(dir);
  const sign = require(path.join(pkg, 'sign/node/ossbatch_sign.js'));
  const request = require(path.join(pkg, 'node/ossbatch.js')).fromXml(xml);
  const options = { region: 'cn-hangzhou', credentials: { accessKeyId: 'id', accessKeySecret: 'secret' }, signedAt: 1767225600000, request };
  const wrong = { ...options, request: { ...request, Report: { ...request.Report, Enabled: 'yes' } } };
  console.log(`${dir}: signCreateJob V4 ${best(() => sign.signCreateJob(options))}, `
    + `parseResponse describeJob ${best(() => sign.parseResponse(200, describe, 'describeJob'))}, `
    + `wrong field ${best(() => { try { sign.signCreateJob(wrong); } catch { /* expected */ } })}`);
}
