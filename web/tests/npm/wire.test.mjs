// The validation entry reads objects with its own JS walker and a compact wire form; the signing entry
// reads them with serde (JSON + serde_path_to_error). On many requests, valid and broken, the two must
// agree: both refuse with a TypeError naming the same field, or both write the same XML bytes; and
// fromXml reads the XML back to the same object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toXml, fromXml, validate, toJson, fromJson } from 'ossbatch';
import { signCreateJob } from 'ossbatch/sign';

let seed = 0x9e3779b9;
const random = () => {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed / 2 ** 32;
};
const pick = (items) => items[Math.floor(random() * items.length)];

const TEXTS = ['', 'a', 'report-bucket', 'nul \0 one \x01 two \x02', '标签 🏷️ & <x> "q"', ' spaced ', '\r\n', 'x'.repeat(300)];
const WRONG = ['10', 1.5, -3, 2 ** 60, true, [], {}, [1], 2 ** 64];

function base() {
  return {
    ConfirmationRequired: random() < 0.5,
    Operation: pick([
      { PutObjectTagging: { TagSet: [{ Key: pick(TEXTS), Value: pick(TEXTS) }, { Key: 'k' }] } },
      { AddObjectTagging: { TagSet: [] } },
      { DeleteObjectTagging: {} },
      { PutObjectAcl: { ObjectAcl: pick(['private', 'bogus', '']) } },
      { RestoreObject: { Days: Math.floor(random() * 400) - 10, Tier: pick(['Standard', 'Bulk']) } },
      { PutObjectTagging: {}, RestoreObject: {} },
      {},
    ]),
    Report: { Bucket: pick(TEXTS), Enabled: random() < 0.5, Prefix: pick(TEXTS), ReportScope: pick(['AllTasks', 'x']) },
    ClientRequestToken: pick(TEXTS),
    Manifest: random() < 0.5 ? { Location: { ETag: pick(TEXTS), Bucket: 'b-1', Object: pick(TEXTS), VersionId: 'v' }, Spec: { Fields: 'Bucket,Key', Format: pick(TEXTS) } } : undefined,
    KeyPrefixManifestGenerator: random() < 0.5 ? { SourceBucket: pick(TEXTS), Prefix: pick(TEXTS) } : null,
    Description: pick(TEXTS),
    Priority: pick([0, 10, 2147483647, -5, 2 ** 53 - 1]),
    RoleArn: pick(TEXTS),
  };
}

/** Every [object, key] pair in the request, to break one of them. */
function slots(value, out = []) {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push([value, key]);
      slots(value[key], out);
    }
  }
  return out;
}

function mutate(request) {
  const all = slots(request);
  if (!all.length) return request;
  const [holder, key] = pick(all);
  const action = random();
  if (action < 0.6) holder[key] = pick(WRONG);
  else if (action < 0.8) holder[Array.isArray(holder) ? 'extra' : `${key}x`] = 1;
  else holder[key] = null;
  return request;
}

function withoutNulls(value) {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

const outcome = (fn) => {
  try {
    return { value: fn() };
  } catch (error) {
    return { error };
  }
};
const signing = { region: 'cn-hangzhou', credentials: { accessKeyId: 'a', accessKeySecret: 's' }, signedAt: 0 };
// Where the message names the field: "<fn>: request.<path>: ...".
const fieldOf = (error) => /(?:options\.)?(request\.[^:]*):/.exec(error.message)?.[1];

test('the JS walker and serde agree on 3000 requests, valid and broken', () => {
  let refused = 0;
  for (let i = 0; i < 3000; i++) {
    const request = i % 3 === 0 ? base() : mutate(base());
    // serde reads structs from arrays too (by position); the walker does not. Not a case people write.
    const ours = outcome(() => toXml(request));
    const theirs = outcome(() => signCreateJob({ ...signing, request }).body);
    const context = `case ${i}: ${JSON.stringify(request)}`;
    if (theirs.error) {
      assert.ok(ours.error instanceof TypeError, `${context}\nserde refused (${theirs.error.message}) but the walker did not`);
      refused++;
      continue;
    }
    if (ours.error && /expected struct/.test(ours.error.message) && /sequence/.test(ours.error.message)) continue;
    assert.ifError(ours.error);
    assert.equal(ours.value, theirs.value, context);
    // The same XML reads back into the same object (absent and null fields drop out), unless a text
    // holds characters XML 1.0 cannot carry (validation says so); JSON carries everything.
    const plain = withoutNulls(request);
    assert.deepEqual(fromJson(toJson(request)), plain, context);
    if (!validate(request).some((issue) => issue.code === 'text.invalid_char')) {
      assert.deepEqual(fromXml(ours.value), plain, context);
    }
  }
  assert.ok(refused > 300, `${refused} broken requests were refused`);
});

test('a refused field is named as serde names it', () => {
  for (const [request, field] of [
    [{ Priority: '10' }, 'request.Priority'],
    [{ Report: { Enabled: 'yes' } }, 'request.Report.Enabled'],
    [{ Operation: { PutObjectTagging: { TagSet: [{ Key: 'a' }, { Key: 5 }] } } }, 'request.Operation.PutObjectTagging.TagSet[1].Key'],
    [{ Manifest: { Location: { Bucket: [] } } }, 'request.Manifest.Location.Bucket'],
    [{ Operation: { RestoreObject: { Days: 1.5 } } }, 'request.Operation.RestoreObject.Days'],
  ]) {
    const ours = outcome(() => validate(request)).error;
    const theirs = outcome(() => signCreateJob({ ...signing, request })).error;
    assert.ok(ours instanceof TypeError && theirs instanceof TypeError, field);
    assert.equal(fieldOf(ours), field, ours.message);
    assert.equal(fieldOf(theirs).replace('options.request', 'request'), field, theirs.message);
    assert.equal(ours.message.split(`${field}: `)[1], theirs.message.split(`${field}: `)[1], 'the same words');
  }
});
