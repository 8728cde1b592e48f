// The tools entry's functions (`ossbatch/tools`), after common.body.js.

/**
 * The RAM policies the job needs: the role's trust policy, a least-privilege permission policy and the
 * submitting user's policy, each `{ document, explanations }`, plus the placeholders used.
 * `options.manifestBuckets`: the buckets a checked manifest names (the target objects' resources).
 */
function rolePolicies(request, options) {
  const fn = 'rolePolicies';
  const wire = encodeRequest(fn, request);
  let buckets;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${fn}: options must be an object`);
    for (const key of Object.keys(options)) {
      if (key !== 'manifestBuckets') throw unknownField(fn, 'options', key, ['manifestBuckets']);
    }
    const list = options.manifestBuckets;
    if (list !== undefined && list !== null) {
      if (!Array.isArray(list)) throw wrongType(fn, 'options.manifestBuckets', list, 'a sequence');
      list.forEach((b, i) => {
        if (typeof b !== 'string') throw wrongType(fn, `options.manifestBuckets[${i}]`, b, 'a string');
        if (b.includes(END)) throw new TypeError(`${fn}: options.manifestBuckets[${i}]: a bucket name cannot hold U+0000`);
      });
      buckets = list.join(END);
    }
  }
  return JSON.parse(raw.rolePoliciesInput(input(wire), buckets));
}

/**
 * Checks a CSV manifest (its text, or its bytes as a Uint8Array for an exact ETag) laid out as
 * `options.fields` (Spec.Fields, default `Bucket,Key`); `options.bucket` warns about rows naming another
 * bucket. Returns `{ issues, rows, bytes, etag, buckets }`; issue paths are `Row[n]…`, 1-based.
 */
function checkManifest(manifest, options) {
  const fn = 'checkManifest';
  const { fields, bucket } = readOptions(fn, options, { fields: 'text', bucket: 'text' });
  let length;
  if (typeof manifest === 'string') {
    length = input(manifest);
  } else if (manifest instanceof Uint8Array) {
    inputView(manifest.length).set(manifest);
    length = manifest.length;
  } else {
    throw new TypeError(`${fn}: manifest must be a string or a Uint8Array`);
  }
  const out = raw.checkManifestInput(length, fields ?? 'Bucket,Key', bucket);
  const split = out.indexOf(END);
  return { issues: decodeIssues(out.slice(split + 1)), ...JSON.parse(out.slice(0, split)) };
}

