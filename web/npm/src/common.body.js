// The JS half shared by the validation entry (`ossbatch`, validation.body.js), the signing entry
// (`ossbatch/sign`, sign.body.js) and the tools entry (`ossbatch/tools`, tools.body.js): checks the caller's arguments as strictly as the Rust model would (a wrong name or type throws a TypeError naming the function and the field), writes the
// request in the wire form of crates/ossbatch-wasm/src/wire.rs, and reads results back. One string each
// way replaces JSON.stringify + serde_json + JSON.parse, which were most of a call's time.
// scripts/build-npm.sh wraps this body for CommonJS and ES modules; `raw` is the wasm-bindgen module.

const END = '\0';
const ESCAPE = '\x01';
const FIELD = '\x02';
const SPECIAL = /[\0\x01\x02]/;
const SPECIALS = /[\0\x01\x02]/g;

const escape = (text) => (SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPE + c.charCodeAt(0)) : text);
const unescape = (text) => text.replace(/\x01([012])/g, (_, d) => String.fromCharCode(Number(d)));

/** How serde describes a value it did not expect (`string "10"`, `floating point \`1.5\``). */
function unexpected(value) {
  switch (typeof value) {
    case 'string': return `string ${JSON.stringify(value)}`;
    case 'boolean': return `boolean \`${value}\``;
    case 'number': return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? `integer \`${value}\`` : `floating point \`${value}\``;
    case 'bigint': return `bigint \`${value}\``;
    case 'object': return value === null ? 'null' : Array.isArray(value) ? 'sequence' : 'map';
    default: return typeof value;
  }
}

const fail = (fn, path, message) => new TypeError(`${fn}: ${path}: ${message}`);
const wrongType = (fn, path, value, expected) => fail(fn, path, `invalid type: ${unexpected(value)}, expected ${expected}`);
function unknownField(fn, path, key, fields) {
  // serde's wording for one, two and more expected fields.
  const names = fields.map((f) => `\`${f}\``);
  const expected = names.length === 0 ? 'there are no fields'
    : names.length === 1 ? `expected ${names[0]}`
      : names.length === 2 ? `expected ${names[0]} or ${names[1]}` : `expected one of ${names.join(', ')}`;
  return fail(fn, `${path}.${key}`, `unknown field \`${key}\`, ${expected}`);
}

// A value's path is built only when it is wrong: `path` is its parent's path and `key` its own name
// (or undefined when `path` is already the value's), so the valid path allocates no path strings.
const at = (path, key) => (key === undefined ? path : `${path}.${key}`);

function text(fn, path, key, value) {
  if (typeof value !== 'string') throw wrongType(fn, at(path, key), value, 'a string');
  return escape(value);
}
function integer(fn, path, key, value) {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) >= 2 ** 63) {
    throw wrongType(fn, at(path, key), value, 'i64');
  }
  return String(value);
}
function boolean(fn, path, key, value) {
  if (typeof value !== 'boolean') throw wrongType(fn, at(path, key), value, 'a boolean');
  return value ? '1' : '0';
}
function struct(fn, path, value, name) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrongType(fn, path, value, `struct ${typeof name === 'string' ? name : NAMES.get(name)}`);
  }
  return value;
}

// The flat structs' tables (REPORT, LOCATION, …), NAMES, the W_* wire codes and decodeRequest are
// generated from crates/ossbatch-wasm/src/wire_fields.rs into wire-fields.generated.js, which
// scripts/build-npm.sh puts before this body.

function leaf(fn, path, key, kind, value) {
  return kind === 'text' ? text(fn, path, key, value) : kind === 'int' ? integer(fn, path, key, value) : boolean(fn, path, key, value);
}

/** Writes a struct whose fields are all leaves, after its presence code. */
function flat(fn, path, value, code, fields) {
  struct(fn, path, value, fields);
  let out = code + END;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const field = value[key];
    if (field === undefined || field === null) continue;
    const spec = fields[key];
    if (spec === undefined) throw unknownField(fn, path, key, Object.keys(fields));
    out += spec[0] + leaf(fn, path, key, spec[1], field) + END;
  }
  return out;
}

function tagging(fn, path, value, code) {
  struct(fn, path, value, 'TaggingOperation');
  let out = code + END;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (field === undefined || field === null) continue;
    if (key !== 'TagSet') throw unknownField(fn, path, key, ['TagSet']);
    if (!Array.isArray(field)) throw wrongType(fn, `${path}.TagSet`, field, 'a sequence');
    out += W_TAG_SET + END;
    for (let i = 0; i < field.length; i++) {
      const tag = field[i];
      // The common case inline (an object with Key and/or Value strings); anything else takes the
      // general path, which names the tag in its errors.
      if (typeof tag === 'object' && tag !== null && !Array.isArray(tag)) {
        const keys = Object.keys(tag);
        const { Key, Value } = tag;
        if (keys.length <= 2 && (typeof Key === 'string' || Key === undefined) && (typeof Value === 'string' || Value === undefined)
          && keys.every((k) => k === 'Key' || k === 'Value')) {
          out += W_TAG + END;
          if (Key !== undefined) out += W_TAG_KEY + escape(Key) + END;
          if (Value !== undefined) out += W_TAG_VALUE + escape(Value) + END;
          continue;
        }
      }
      out += flat(fn, `${path}.TagSet[${i}]`, tag, W_TAG, TAG);
    }
  }
  return out;
}

const OPERATIONS = ['PutObjectTagging', 'AddObjectTagging', 'DeleteObjectTagging', 'PutObjectAcl', 'RestoreObject'];
function operation(fn, path, value) {
  struct(fn, path, value, 'Operation');
  let out = W_OPERATION + END;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (field === undefined || field === null) continue;
    const where = `${path}.${key}`;
    switch (key) {
      case 'PutObjectTagging': out += tagging(fn, where, field, W_PUT_OBJECT_TAGGING); break;
      case 'AddObjectTagging': out += tagging(fn, where, field, W_ADD_OBJECT_TAGGING); break;
      case 'DeleteObjectTagging':
        struct(fn, where, field, 'DeleteObjectTagging');
        for (const inner of Object.keys(field)) {
          if (field[inner] !== undefined) throw unknownField(fn, where, inner, []);
        }
        out += W_DELETE_OBJECT_TAGGING + END;
        break;
      case 'PutObjectAcl': out += flat(fn, where, field, W_PUT_OBJECT_ACL, ACL); break;
      case 'RestoreObject': out += flat(fn, where, field, W_RESTORE_OBJECT, RESTORE); break;
      default: throw unknownField(fn, path, key, OPERATIONS);
    }
  }
  return out;
}

function manifest(fn, path, value) {
  struct(fn, path, value, 'Manifest');
  let out = W_MANIFEST + END;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (field === undefined || field === null) continue;
    if (key === 'Location') out += flat(fn, `${path}.Location`, field, W_LOCATION, LOCATION);
    else if (key === 'Spec') out += flat(fn, `${path}.Spec`, field, W_SPEC, SPEC);
    else throw unknownField(fn, path, key, ['Location', 'Spec']);
  }
  return out;
}

const REQUEST_FIELDS = ['ConfirmationRequired', 'Operation', 'Report', 'ClientRequestToken', 'Manifest',
  'KeyPrefixManifestGenerator', 'Description', 'Priority', 'RoleArn'];

/**
 * The request in wire form, or a TypeError naming the first field that does not fit the model (its
 * path from `root`: `request`, or `options.request` for the signers).
 */
function encodeRequest(fn, request, root = 'request') {
  if (request === undefined || request === null) throw new TypeError(`${fn}: ${root} is required`);
  if (typeof request !== 'object' || Array.isArray(request)) throw new TypeError(`${fn}: ${root} must be an object`);
  let out = '';
  for (const key of Object.keys(request)) {
    const value = request[key];
    if (value === undefined || value === null) continue;
    switch (key) {
      case 'ConfirmationRequired': out += W_CONFIRMATION_REQUIRED + boolean(fn, root, key, value) + END; break;
      case 'Operation': out += operation(fn, `${root}.Operation`, value); break;
      case 'Report': out += flat(fn, `${root}.Report`, value, W_REPORT, REPORT); break;
      case 'ClientRequestToken': out += W_CLIENT_REQUEST_TOKEN + text(fn, root, key, value) + END; break;
      case 'Manifest': out += manifest(fn, `${root}.Manifest`, value); break;
      case 'KeyPrefixManifestGenerator': out += flat(fn, `${root}.KeyPrefixManifestGenerator`, value, W_GENERATOR, GENERATOR); break;
      case 'Description': out += W_DESCRIPTION + text(fn, root, key, value) + END; break;
      case 'Priority': out += W_PRIORITY + integer(fn, root, key, value) + END; break;
      case 'RoleArn': out += W_ROLE_ARN + text(fn, root, key, value) + END; break;
      default: throw unknownField(fn, root, key, REQUEST_FIELDS);
    }
  }
  return out;
}

/** The text between `start` and `end`, unescaped. */
function field(wire, start, end) {
  const value = wire.slice(start, end);
  return value.includes(ESCAPE) ? unescape(value) : value;
}

function decodeIssues(wire) {
  const issues = [];
  // Five fields (code, severity, path, message, params JSON) each ended by FIELD; the issue by END.
  for (let i = 0; i < wire.length;) {
    const a = wire.indexOf(FIELD, i);
    const b = wire.indexOf(FIELD, a + 1);
    const c = wire.indexOf(FIELD, b + 1);
    const d = wire.indexOf(FIELD, c + 1);
    const end = wire.indexOf(END, d + 1);
    issues.push({
      code: field(wire, i, a),
      severity: field(wire, a + 1, b),
      path: field(wire, b + 1, c),
      message: field(wire, c + 1, d),
      params: end > d + 1 ? JSON.parse(field(wire, d + 1, end)) : {},
    });
    i = end + 1;
  }
  return issues;
}

/** Options: `undefined` / `null` mean none; otherwise only the named fields, of the named types. */
function readOptions(fn, options, fields) {
  const out = {};
  if (options === undefined || options === null) return out;
  if (typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${fn}: options must be an object`);
  for (const key of Object.keys(options)) {
    const value = options[key];
    const kind = fields[key];
    if (kind === undefined) throw unknownField(fn, 'options', key, Object.keys(fields));
    if (value === undefined || value === null) continue;
    if (kind === 'raw') {
      // Checked by the caller.
      out[key] = value;
      continue;
    }
    if (kind === 'bool' ? typeof value !== 'boolean' : typeof value !== 'string') {
      throw wrongType(fn, `options.${key}`, value, kind === 'bool' ? 'a boolean' : 'a string');
    }
    out[key] = value;
  }
  return out;
}

function stringArgument(fn, name, value) {
  if (typeof value !== 'string') throw new TypeError(`${fn}: ${name} must be a string`);
  return value;
}

// Text goes into wasm through its input buffer (crates/ossbatch-wasm/src/input.rs): encodeInto
// writes it in one native step where wasm-bindgen's string passing copies ASCII a character at a time.
const encoder = new TextEncoder();
let memory;
/** A view on the wasm input buffer, at least `capacity` bytes (valid until wasm allocates again). */
function inputView(capacity) {
  const address = raw.inputBuffer(capacity);
  memory ??= raw.wasmMemory();
  return new Uint8Array(memory.buffer, address, capacity);
}
/** Writes `text` as UTF-8 into the wasm input buffer; returns the byte count. */
function input(text) {
  return encoder.encodeInto(text, inputView(text.length * 3)).written; // a UTF-16 unit is ≤ 3 bytes
}

