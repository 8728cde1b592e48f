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


// The completion report (issue #22): a source is a string, a Uint8Array or ArrayBuffer, or a sync or
// async iterable of those (chunks; a Node stream or a ReadableStream is one); several files are
// `[{ name, data }]` with a source each. Async sources give a Promise.
const REPORT_OPTIONS = { columns: 'text', lang: 'text', restoreJob: 'bool' };

function isAsyncSource(source) {
  return source != null && typeof source === 'object' && typeof source[Symbol.asyncIterator] === 'function';
}

function reportFiles(fn, input) {
  if (Array.isArray(input) && input.length > 0 && input.every((f) => f !== null && typeof f === 'object' && 'data' in f)) {
    return input.map((file, i) => {
      if (typeof file.name !== 'string') throw new TypeError(`${fn}: report[${i}].name must be a string`);
      return { name: file.name, data: file.data };
    });
  }
  return [{ name: 'report', data: input }];
}

/** Writes one chunk into the session. */
function reportChunk(fn, session, chunk) {
  if (typeof chunk === 'string') {
    // A chunk boundary inside a character is the caller's: strings are whole characters.
    session.update(input(chunk));
  } else if (chunk instanceof Uint8Array || chunk instanceof ArrayBuffer) {
    const bytes = chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : chunk;
    // In pieces: one large copy would grow the wasm memory to the chunk's size.
    for (let at = 0; at < bytes.length; at += 1 << 20) {
      const piece = bytes.subarray(at, at + (1 << 20));
      inputView(piece.length).set(piece);
      session.update(piece.length);
    }
  } else {
    throw new TypeError(`${fn}: a report chunk must be a string, a Uint8Array or an ArrayBuffer`);
  }
}

function chunksOf(fn, source) {
  if (typeof source === 'string' || source instanceof Uint8Array || source instanceof ArrayBuffer) return [source];
  if (source != null && typeof source[Symbol.iterator] === 'function') return source;
  throw new TypeError(`${fn}: the report must be a string, a Uint8Array, an ArrayBuffer or an iterable of them`);
}

function startReport(fn, options, retryFields) {
  const { columns, lang, restoreJob } = readOptions(fn, options, REPORT_OPTIONS);
  return new raw.ReportSession(fn, columns, retryFields, restoreJob === true, lang);
}

function finishReport(fn, session, retry) {
  try {
    const summary = JSON.parse(session.finish(fn));
    for (const group of summary.groups) group.share = summary.failed > 0 ? group.count / summary.failed : 0;
    if (retry) retry.push(session.takeRetry());
    return summary;
  } finally {
    session.free();
  }
}

/** Reads every file, sync or async, calling `after` once per chunk (to drain the retry bytes). */
function readReport(fn, files, session, after) {
  if (files.some((f) => isAsyncSource(f.data))) {
    return (async () => {
      for (const file of files) {
        session.beginFile(file.name);
        const chunks = isAsyncSource(file.data) ? file.data : chunksOf(fn, file.data);
        for await (const chunk of chunks) { reportChunk(fn, session, chunk); after(); }
      }
    })();
  }
  for (const file of files) {
    session.beginFile(file.name);
    for (const chunk of chunksOf(fn, file.data)) { reportChunk(fn, session, chunk); after(); }
  }
  return undefined;
}

/**
 * Reads a job's completion report: `{ tasks, succeeded, failed, groups: [{ errorCode, httpStatus,
 * count, share, sampleKeys, cause, fix }], layout: { columns, source, reason }, assumptions, damaged,
 * damagedRows }`. OSS does not document the layout: it is read from a header row, by content, or from
 * `options.columns`, and `layout` says which. A Promise when the report is an async iterable.
 */
function summarizeReport(report, options) {
  const fn = 'summarizeReport';
  const files = reportFiles(fn, report);
  const session = startReport(fn, options, undefined);
  let pending;
  try {
    pending = readReport(fn, files, session, () => {});
  } catch (error) {
    session.free();
    throw error;
  }
  const done = () => {
    const summary = finishReport(fn, session);
    delete summary.retry;
    return summary;
  };
  if (pending) return pending.then(done, (error) => { session.free(); throw error; });
  return done();
}

/**
 * The retry manifest of a completion report: exactly the failed rows, as OSS_BatchOperations_CSV
 * rows with `options.fields` (default Bucket,Key plus VersionId when the report has a version
 * column). Returns `{ manifest: Uint8Array, etag, rows, bytes, fields, summary }`; a Promise when the
 * report is an async iterable.
 */
function retryManifest(report, options) {
  const fn = 'retryManifest';
  let fields = '';
  let rest = options;
  if (options !== undefined && options !== null && typeof options === 'object' && !Array.isArray(options) && 'fields' in options) {
    ({ fields, ...rest } = options);
    if (typeof fields !== 'string') throw wrongType(fn, 'options.fields', fields, 'a string');
  }
  const files = reportFiles(fn, report);
  const session = startReport(fn, rest, fields);
  const parts = [];
  const drain = () => { const bytes = session.takeRetry(); if (bytes.length > 0) parts.push(bytes); };
  const done = () => {
    const summary = finishReport(fn, session, parts);
    const manifest = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) { manifest.set(part, at); at += part.length; }
    const { retry } = summary;
    delete summary.retry;
    return { manifest, etag: retry.etag, rows: retry.rows, bytes: retry.bytes, fields: retry.fields, summary };
  };
  let pending;
  try {
    pending = readReport(fn, files, session, drain);
  } catch (error) {
    session.free();
    throw error;
  }
  if (pending) return pending.then(done, (error) => { session.free(); throw error; });
  return done();
}

/**
 * The plan of a job over state the caller read (issue #30): `input.manifest` (the manifest's text) or
 * `input.targets` (`[{ bucket, key, versionId? }]`), `input.states` (one per target, in order, `null`
 * where nothing was read: `{ missing?, otherEncodingExists?, storageClass?, size?, restore?, tags?,
 * acl?, unread? }`), and optionally `region`, `lifecycle` (bucket → GetBucketLifecycle XML),
 * `runningJobs`, `manifestETag`, `stateReadAt`, `lang`. Returns the summary `ossbatch plan --json`
 * prints, plus `rows` (a prediction per target), `fixedManifest` and `fixedManifestETag`.
 */
function plan(request, planInput) {
  const fn = 'plan';
  const wire = encodeRequest(fn, request);
  if (planInput === null || typeof planInput !== "object" || Array.isArray(planInput)) throw new TypeError(`${fn}: input must be an object`);
  const length = input(wire);
  return JSON.parse(raw.planInput(length, JSON.stringify(planInput)));
}
