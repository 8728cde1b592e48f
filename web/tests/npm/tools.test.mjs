// The tools entry (`ossbatch/tools`): rolePolicies and checkManifest, installed from the tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rolePolicies, checkManifest, summarizeReport, retryManifest, plan } from 'ossbatch/tools';
import { Readable } from 'node:stream';
import { fromXml } from 'ossbatch';

const fixtures = process.env.OSSBATCH_FIXTURES;
const sample = fromXml(readFileSync(`${fixtures}/createjob-sample-request.xml`, 'utf8'));

test('rolePolicies: the three documents, explained, with placeholders for what the job does not say', () => {
  const policies = rolePolicies(sample);
  assert.deepEqual(policies.trustPolicy.document.Statement[0].Principal, { Service: ['oss.aliyuncs.com'] });
  const statements = policies.permissionPolicy.document.Statement;
  assert.deepEqual(statements.map((s) => s.Action), [['oss:PutObjectTagging'], ['oss:GetObject'], ['oss:PutObject']]);
  assert.deepEqual(statements[1].Resource, ['acs:oss:*:*:manifest-bucket/manifest.csv']);
  assert.equal(policies.permissionPolicy.explanations.length, 3);
  assert.ok(policies.placeholders.includes('<buckets-named-in-the-manifest>'));
  const known = rolePolicies(sample, { manifestBuckets: ['b2', 'b1'] });
  assert.deepEqual(known.permissionPolicy.document.Statement[0].Resource, ['acs:oss:*:*:b1/*', 'acs:oss:*:*:b2/*']);
  assert.throws(() => rolePolicies(sample, { buckets: [] }), TypeError);
  assert.throws(() => rolePolicies(sample, { manifestBuckets: 'b1' }), /manifestBuckets: invalid type/);
  assert.throws(() => rolePolicies({ Priority: '1' }), /rolePolicies: request.Priority: invalid type/);
});

test('checkManifest: bad rows by 1-based row, the ETag of the bytes, from text or bytes', () => {
  const text = 'Bucket,Key\nb-1,a.txt\n\nB_1,b.txt\nb-1,\nb-1,a.txt\nother-1,c\n';
  const report = checkManifest(text, { fields: 'Bucket,Key', bucket: 'b-1' });
  const found = report.issues.map((i) => `${i.code} ${i.path}`);
  for (const expected of ['manifest_file.header_row Row[1]', 'manifest_file.blank_line Row[3]', 'bucket.chars Row[4].Bucket',
    'manifest_file.key_empty Row[5].Key', 'manifest_file.duplicate_row Row[6]', 'manifest_file.other_bucket Row[7].Bucket']) {
    assert.ok(found.includes(expected), `${expected} in ${found.join(', ')}`);
  }
  assert.equal(report.rows, 7);
  assert.equal(report.etag, createHash('md5').update(text).digest('hex'));
  assert.deepEqual(report.buckets, ['B_1', 'b-1', 'other-1']);
  // Bytes as read from a file: a BOM and invalid UTF-8 are seen as they are.
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('b-1,k\nb-1,'), 0xff, 10]);
  const fromBytes = checkManifest(bytes);
  assert.equal(fromBytes.etag, createHash('md5').update(bytes).digest('hex'));
  assert.deepEqual(fromBytes.issues.map((i) => i.code), ['manifest_file.bom', 'manifest_file.utf8']);
  assert.throws(() => checkManifest('x', { fields: 'Bucket' }), /checkManifest: options.fields: Fields must include Key/);
  assert.throws(() => checkManifest(42), TypeError);
  // A large file through the same buffer, then a small one.
  const big = 'b-1,k\n'.repeat(200000);
  assert.equal(checkManifest(big).rows, 200000);
  assert.equal(checkManifest('b-1,k\n').rows, 1);
});

test('the tools entry loads through CommonJS too', () => {
  const require = createRequire(import.meta.url);
  const tools = require('ossbatch/tools');
  assert.equal(typeof tools.rolePolicies, 'function');
  assert.equal(tools.checkManifest('b-1,k\n').issues.length, 0);
});

const report = (name) => readFileSync(`${fixtures}/reports/${name}`);

test('summarizeReport: counts and groups with causes from text, bytes, chunks, several files and a Node stream', async () => {
  const whole = summarizeReport(report('s3-real-order.csv'));
  assert.deepEqual([whole.tasks, whole.succeeded, whole.failed], [8, 3, 5]);
  assert.deepEqual(whole.groups.map((g) => [g.errorCode, g.httpStatus, g.count]),
    [['AccessDenied', 403, 2], ['NoSuchKey', 404, 1], ['InvalidObjectState', 403, 1], ['WeirdNewCode', 500, 1]]);
  assert.equal(whole.groups[0].share, 0.4);
  assert.match(whole.groups[0].cause, /RAM role/);
  assert.equal(whole.groups[3].cause, null);
  assert.deepEqual(whole.layout.columns, ['bucket', 'key', 'versionId', 'status', 'httpStatus', 'errorCode', 'message']);
  assert.equal(whole.layout.source, 'content');
  assert.match(whole.assumptions[0], /does not document/);
  const bytes = report('s3-real-order.csv.gz');
  const chunks = [];
  for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
  assert.deepEqual(summarizeReport(chunks), whole);
  assert.deepEqual(summarizeReport(report('s3-real-order.csv').toString('utf8')), whole);
  const several = summarizeReport([{ name: 'a.csv', data: report('s3-real-order.csv') }, { name: 'b.csv', data: report('header.csv') }]);
  assert.equal(several.tasks, 16);
  const streamed = await summarizeReport(Readable.from([report('quoted-crlf.csv')]));
  assert.deepEqual(streamed.groups[0].sampleKeys, ['line\r\nbreak.txt', 'plain.txt']);
  const zh = summarizeReport(report('s3-real-order.csv'), { lang: 'zh' });
  assert.match(zh.groups[0].cause, /RAM 角色/);
});

test('summarizeReport: damage by file and row, an unclear layout names its columns, bad options throw', () => {
  const damaged = summarizeReport([{ name: 'damaged.csv', data: report('damaged.csv') }]);
  assert.deepEqual(damaged.damaged.map((d) => [d.file, d.row]), [['damaged.csv', 2], ['damaged.csv', 3], ['damaged.csv', 5]]);
  assert.equal(damaged.tasks, 2);
  assert.throws(() => summarizeReport([{ name: 'x.csv', data: report('no-status-column.csv') }]), /x\.csv: cannot tell the report's columns/);
  assert.throws(() => summarizeReport('a', { columns: 'bucket,colour' }), /options\.columns: unknown column "colour"/);
  assert.throws(() => summarizeReport('a', { fields: 'Bucket,Key' }), TypeError);
  assert.throws(() => summarizeReport(42), /must be a string, a Uint8Array/);
});

test('retryManifest: exactly the failed rows, its ETag is the MD5, checkManifest accepts it', async () => {
  const retry = retryManifest(report('quoted-crlf.csv'));
  const text = Buffer.from(retry.manifest).toString('utf8');
  assert.equal(text, 'examplebucket,"reports/a,b.csv",\nexamplebucket,"line\r\nbreak.txt",\nexamplebucket,plain.txt,\n');
  assert.equal(retry.etag, createHash('md5').update(retry.manifest).digest('hex'));
  assert.deepEqual([retry.rows, retry.fields], [3, 'Bucket,Key,VersionId']);
  const checked = checkManifest(retry.manifest, { fields: retry.fields });
  assert.deepEqual(checked.issues.filter((i) => i.severity === 'error'), []);
  assert.equal(checked.etag, retry.etag);
  const keys = retryManifest(report('versions.csv'), { fields: 'Bucket,Key' });
  assert.equal(Buffer.from(keys.manifest).toString(), 'examplebucket,a.txt\nexamplebucket,b.txt\nexamplebucket,c.txt\nexamplebucket,d.txt\n');
  const streamed = await retryManifest(Readable.from([report('s3-real-order.csv')]));
  assert.equal(streamed.rows, 5);
  assert.throws(() => retryManifest('a', { fields: 'Bucket,Key,Colour' }), /options\.fields/);
});

test('summarizeReport and retryManifest never trap: every input of the report_reader fuzz corpus and its kept findings', async () => {
  const { readdirSync } = await import('node:fs');
  const fuzz = process.env.OSSBATCH_FUZZ;
  const inputs = [];
  for (const dir of [`${fuzz}/corpus/report_reader`, `${fuzz}/regressions/report_reader`]) {
    for (const name of readdirSync(dir)) inputs.push([name, readFileSync(`${dir}/${name}`)]);
  }
  assert.ok(inputs.length >= 100, `only ${inputs.length} inputs`);
  // The fuzz target's reading of an input (fuzz/src/outside.rs): byte 0 the options, byte 1 the chunk
  // size, the rest the report.
  const COLUMNS = [undefined, 'bucket,key,versionId,status,httpStatus,errorCode,message', 'bucket,key,status',
    'bucket,key,status,httpStatus,errorCode'];
  let read = 0;
  let refused = 0;
  for (const [name, data] of inputs) {
    if (data.length < 2) continue;
    const [choice, cut] = data;
    const bytes = new Uint8Array(data.subarray(2));
    const options = { columns: COLUMNS[choice & 3], restoreJob: (choice & 8) !== 0, lang: choice & 16 ? 'zh' : 'en' };
    if (!options.columns) delete options.columns;
    const size = Math.max(cut, 1);
    const chunks = [];
    for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
    for (const attempt of [
      () => summarizeReport(bytes, options),
      () => summarizeReport(chunks, options),
      () => retryManifest(bytes, options),
      () => retryManifest([{ name: 'a.csv', data: chunks }, { name: 'b.csv', data: bytes }], options),
    ]) {
      try {
        attempt();
        read += 1;
      } catch (error) {
        assert.ok(!(error instanceof WebAssembly.RuntimeError), `${name}: a trap: ${error}`);
        assert.ok(error instanceof Error && error.message.length > 0, `${name}: ${error}`);
        refused += 1;
      }
    }
  }
  assert.ok(read > 0);
  // After all of them the module still reads a report right (a trap would have broken it).
  assert.equal(summarizeReport(report('s3-real-order.csv')).tasks, 8);
  console.log(`fuzz corpus: ${inputs.length} inputs, ${read} reads, ${refused} refused with an Error`);
});

test('plan: predictions over the caller\'s state, groups with causes, the fixed manifest and its ETag, field-named errors', () => {
  const job = { ...sample, Operation: { AddObjectTagging: { TagSet: [{ Key: 'stage', Value: 'done' }] } } };
  const manifest = 'manifest-bucket,a.txt\nmanifest-bucket,gone.txt\nmanifest-bucket,full.txt\nmanifest-bucket,a.txt\nmanifest-bucket,dir/\n';
  const tenTags = Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v']);
  const lifecycle = '<LifecycleConfiguration><Rule><ID>expire</ID><Prefix></Prefix><Status>Enabled</Status><Tag><Key>stage</Key><Value>done</Value></Tag><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>';
  const result = plan(job, {
    manifest,
    states: [{ tags: [] }, { missing: 'key' }, { tags: tenTags }, { tags: [] }, { tags: [] }],
    region: 'cn-hangzhou',
    lifecycle: { 'manifest-bucket': lifecycle },
    runningJobs: [{ jobId: 'j1', status: 'Active', prefix: { bucket: 'manifest-bucket', prefix: '' } }],
    manifestETag: 'abc', stateReadAt: '2026-12-06T00:00:00Z',
  });
  assert.deepEqual(result.rows.map((r) => [r.key, r.prediction, r.code]), [
    ['a.txt', 'succeed', null], ['gone.txt', 'fail', 'plan.object_missing'], ['full.txt', 'fail', 'plan.tag_limit'],
    ['a.txt', 'warn', 'plan.duplicate_row'], ['dir/', 'warn', 'plan.folder_marker']]);
  assert.deepEqual(result.predicted, { succeed: 1, fail: 2, warn: 2 });
  const missing = result.groups.find((g) => g.code === 'plan.object_missing');
  assert.equal(missing.ossErrorCode, 'NoSuchKey');
  assert.equal(result.groups.find((g) => g.code === 'plan.tag_limit').ossErrorCode, undefined, 'no document names that error');
  assert.equal(result.fixedManifest, 'manifest-bucket,a.txt\nmanifest-bucket,a.txt\nmanifest-bucket,dir/\n');
  assert.equal(result.fixedManifestETag, createHash('md5').update(result.fixedManifest).digest('hex'));
  assert.deepEqual(result.lifecycle.map((h) => [h.ruleId, h.action, h.days, h.objects]), [['expire', 'Expiration', 3, 2]]);
  assert.deepEqual(result.collisions.map((c) => [c.jobId, c.how]), [['j1', 'manifest-in-prefix']]);
  assert.equal(result.cost.total, null);
  assert.deepEqual(result.pinned, { manifestETag: 'abc', stateReadAt: '2026-12-06T00:00:00Z' });
  assert.ok(result.cost.unknown.includes('batchJob'));
  const zh = plan(job, { manifest, states: [{}, { missing: 'key' }, {}, {}, {}], lang: 'zh' });
  assert.match(zh.groups.find((g) => g.code === 'plan.object_missing').cause, /不存在/);
  assert.throws(() => plan(job, { manifest, states: [] }), /plan: input.states: 0 states for 5 targets/);
  assert.throws(() => plan(job, { manifest, states: [{ colour: 1 }, null, null, null, null] }), /plan: input: unknown field `colour`/);
  assert.throws(() => plan(job, null), TypeError);
});
