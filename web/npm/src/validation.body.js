// The validation entry's functions (`ossbatch`), after common.body.js.

/** Checks a request against every documented rule; returns all issues at once, in document order. */
function validate(request, options) {
  const wire = encodeRequest('validate', request);
  const { region, lang } = readOptions('validate', options, { region: 'text', lang: 'text' });
  return decodeIssues(raw.validateInput(input(wire), region, checkedLang('validate', lang)));
}

/** Writes the request as XML: compact (what OSS receives) unless `{ pretty: true }`. */
function toXml(request, options) {
  const wire = encodeRequest('toXml', request);
  const pretty = readOptions('toXml', options, { pretty: 'bool' }).pretty === true;
  return raw.toXmlInput(input(wire), pretty);
}

/**
 * Writes the request as JSON text: compact unless `{ pretty: true }`. The checked request in the
 * request syntax's order, as serde_json writes the model (same escapes, two-space indent).
 */
function toJson(request, options) {
  const canonical = decodeRequest(encodeRequest('toJson', request));
  const pretty = readOptions('toJson', options, { pretty: 'bool' }).pretty === true;
  return pretty ? JSON.stringify(canonical, null, 2) : JSON.stringify(canonical);
}

/** Reads a CreateJob XML document; throws an `Error` with `path`, `line`, `column` and `kind`. */
function fromXml(xml) {
  return decodeRequest(raw.fromXmlInput(input(stringArgument('fromXml', 'xml', xml))));
}

const MAX_INPUT_BYTES = 1024 * 1024;

function parseError(fn, kind, path, position, message) {
  const where = path ? `${path}: ` : '';
  const error = new Error(`${fn}: line ${position.line}:${position.column}: ${where}${message}`);
  Object.assign(error, { path, line: position.line, column: position.column, kind });
  return error;
}

/** 1-based line and column (in characters) of a UTF-16 offset. */
function position(text, offset) {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: [...text.slice(start, offset)].length + 1 };
}

/**
 * Where the value at `path` starts in JSON `text` (already known to be valid JSON), or the key itself
 * when `key` is set (an unknown field). A small scanner over valid JSON: strings with escapes, nesting,
 * and the path's keys and indices.
 */
function locate(text, path, key) {
  let i = 0;
  const space = () => { while (/[ \t\r\n\ufeff]/.test(text[i] ?? '')) i++; };
  const string = () => { // at the opening quote; returns the decoded key text
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const skip = () => { // past one value
    space();
    if (text[i] === '"') { string(); return; }
    if (text[i] === '{' || text[i] === '[') {
      const close = text[i] === '{' ? '}' : ']';
      i++;
      space();
      while (text[i] !== close) {
        if (close === '}') { string(); space(); i++; }
        skip();
        space();
        if (text[i] === ',') { i++; space(); }
      }
      i++;
      return;
    }
    while (i < text.length && !/[,\]} \t\r\n]/.test(text[i])) i++;
  };
  for (const step of path) {
    space();
    if (typeof step === 'number') {
      i++; // [
      for (let n = 0; n < step; n++) { skip(); space(); i++; }
      continue;
    }
    i++; // {
    for (;;) {
      space();
      const name = string();
      space();
      i++; // :
      if (name === step) break;
      skip();
      space();
      i++; // ,
    }
  }
  space();
  if (key === undefined) return i;
  i++; // { of the object holding the unknown key
  for (;;) {
    space();
    const at = i;
    if (string() === key) return at;
    space();
    i++; // :
    skip();
    space();
    i++; // ,
  }
}

/**
 * The offset serde_json reports for a value starting at `start`: a string's closing quote, an integer's
 * or literal's last character, one past a decimal number, a container's opening bracket.
 */
function valueEnd(text, start) {
  const first = text[start];
  if (first === '"') {
    let i = start + 1;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return i;
  }
  if (first === '{' || first === '[') return start;
  let i = start;
  while (i < text.length && !/[,\]} \t\r\n]/.test(text[i])) i++;
  return /[.eE]/.test(text.slice(start, i)) ? i : i - 1;
}

/** Splits `request.Operation.PutObjectTagging.TagSet[1].Key` into keys and indices. */
function steps(path) {
  const out = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (match[1]) out.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** Reads a job from JSON text; throws an `Error` with `path`, `line`, `column` and `kind`. */
function fromJson(json) {
  const fn = 'fromJson';
  stringArgument(fn, 'json', json);
  // A UTF-16 unit is 1 to 3 UTF-8 bytes, so only a text near the limit needs counting.
  const bytes = json.length * 3 <= MAX_INPUT_BYTES ? 0 : new TextEncoder().encode(json).length;
  if (bytes > MAX_INPUT_BYTES) {
    throw parseError(fn, 'too-large', '', { line: 1, column: 1 },
      `the document is ${bytes} bytes; at most ${MAX_INPUT_BYTES} bytes (1 MiB) are accepted`);
  }
  const text = json.startsWith('\ufeff') ? json.slice(1) : json;
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(error.message);
    const offset = at ? Number(at[1]) : text.length;
    throw parseError(fn, 'syntax', '', position(text, offset), error.message.replace(/ in JSON at position \d+.*$/, ''));
  }
  let wire;
  try {
    wire = encodeRequest(fn, value);
  } catch (error) {
    // "fromJson: request.Report.Enabled: invalid type: …", "…: unknown field `X`, …", or the root.
    const match = /^fromJson: request\.([^:]*): (.*)$/s.exec(error.message);
    if (!match) {
      throw parseError(fn, 'bad-value', '', position(text, valueEnd(text, locate(text, []))),
        `invalid type: ${unexpected(value)}, expected struct CreateJobRequest`);
    }
    const [, path, message] = match;
    const keys = steps(path);
    // Where serde_json reports it: the closing quote of an unknown key, the end of a wrong value.
    const offset = /^unknown field/.test(message)
      ? valueEnd(text, locate(text, keys.slice(0, -1), keys[keys.length - 1]))
      : valueEnd(text, locate(text, keys));
    throw parseError(fn, 'bad-value', path, position(text, offset), message);
  }
  return decodeRequest(wire);
}

/** `options.lang` as given, if it is a language ossbatch speaks (en, zh, zh-CN, …). */
function checkedLang(fn, lang) {
  if (lang !== undefined && !/^(en|zh)([-_][A-Za-z0-9-]*)?$/i.test(lang)) {
    throw new TypeError(`${fn}: options.lang must be 'en' or 'zh' (got ${JSON.stringify(lang)})`);
  }
  return lang;
}

/** The rule catalogue: every code `validate` can report; `{ lang: 'zh' }` gives Chinese summaries. */
function rules(options) {
  const { lang } = readOptions('rules', options, { lang: 'text' });
  const out = [];
  for (const record of raw.rules(checkedLang('rules', lang)).split(END)) {
    if (!record) continue;
    const [code, severity, element, summary] = record.split(FIELD).map((f) => (f.includes(ESCAPE) ? unescape(f) : f));
    out.push({ code, severity, element, summary });
  }
  return out;
}
