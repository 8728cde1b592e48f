// The tools entry (`ossbatch/tools`): rolePolicies and checkManifest, installed from the tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rolePolicies, checkManifest } from 'ossbatch/tools';
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
