// Generated from crates/ossbatch-wasm/src/wire_fields.rs (`OSSBATCH_REGENERATE=1 cargo test -p
// ossbatch-wasm --test generated`); do not edit. The wire codes of the request's fields, the
// encoder's tables of flat structs, and the decoder.

// Wire code of each field (its path in the request).
const W_CONFIRMATION_REQUIRED = 'C'; // ConfirmationRequired
const W_OPERATION = 'O'; // Operation
const W_PUT_OBJECT_TAGGING = 'P'; // Operation.PutObjectTagging
const W_ADD_OBJECT_TAGGING = 'A'; // Operation.AddObjectTagging
const W_TAG_SET = 'S'; // Operation.*ObjectTagging.TagSet
const W_TAG = 't'; // Operation.*ObjectTagging.TagSet[]
const W_TAG_KEY = 'k'; // Operation.*ObjectTagging.TagSet[].Key
const W_TAG_VALUE = 'v'; // Operation.*ObjectTagging.TagSet[].Value
const W_DELETE_OBJECT_TAGGING = 'D'; // Operation.DeleteObjectTagging
const W_PUT_OBJECT_ACL = 'L'; // Operation.PutObjectAcl
const W_OBJECT_ACL = 'l'; // Operation.PutObjectAcl.ObjectAcl
const W_RESTORE_OBJECT = 'R'; // Operation.RestoreObject
const W_RESTORE_DAYS = 'd'; // Operation.RestoreObject.Days
const W_RESTORE_TIER = 'i'; // Operation.RestoreObject.Tier
const W_REPORT = 'E'; // Report
const W_REPORT_BUCKET = 'b'; // Report.Bucket
const W_REPORT_ENABLED = 'e'; // Report.Enabled
const W_REPORT_PREFIX = 'p'; // Report.Prefix
const W_REPORT_SCOPE = 's'; // Report.ReportScope
const W_CLIENT_REQUEST_TOKEN = 'c'; // ClientRequestToken
const W_MANIFEST = 'M'; // Manifest
const W_LOCATION = 'N'; // Manifest.Location
const W_LOCATION_ETAG = 'g'; // Manifest.Location.ETag
const W_LOCATION_BUCKET = 'B'; // Manifest.Location.Bucket
const W_LOCATION_OBJECT = 'j'; // Manifest.Location.Object
const W_LOCATION_VERSION_ID = 'V'; // Manifest.Location.VersionId
const W_SPEC = 'F'; // Manifest.Spec
const W_SPEC_FIELDS = 'f'; // Manifest.Spec.Fields
const W_SPEC_FORMAT = 'm'; // Manifest.Spec.Format
const W_GENERATOR = 'K'; // KeyPrefixManifestGenerator
const W_GENERATOR_SOURCE_BUCKET = 'u'; // KeyPrefixManifestGenerator.SourceBucket
const W_GENERATOR_PREFIX = 'x'; // KeyPrefixManifestGenerator.Prefix
const W_DESCRIPTION = 'T'; // Description
const W_PRIORITY = 'Y'; // Priority
const W_ROLE_ARN = 'Z'; // RoleArn

// Each flat struct: its fields as [code, kind] in the request syntax's order; containers
// write their own code first (presence).
const REPORT = { Bucket: ['b', 'text'], Enabled: ['e', 'bool'], Prefix: ['p', 'text'], ReportScope: ['s', 'text'] };
const LOCATION = { ETag: ['g', 'text'], Bucket: ['B', 'text'], Object: ['j', 'text'], VersionId: ['V', 'text'] };
const SPEC = { Fields: ['f', 'text'], Format: ['m', 'text'] };
const GENERATOR = { SourceBucket: ['u', 'text'], Prefix: ['x', 'text'] };
const ACL = { ObjectAcl: ['l', 'text'] };
const RESTORE = { Days: ['d', 'int'], Tier: ['i', 'text'] };
const TAG = { Key: ['k', 'text'], Value: ['v', 'text'] };
/** Each flat struct's name in the model (serde's wording in TypeErrors). */
const NAMES = new Map([[REPORT, 'Report'], [LOCATION, 'ManifestLocation'], [SPEC, 'ManifestSpec'], [GENERATOR, 'KeyPrefixManifestGenerator'], [ACL, 'PutObjectAcl'], [RESTORE, 'RestoreObject'], [TAG, 'Tag']]);

/** The wire form back into a plain object, keys in the request syntax's order. */
function decodeRequest(wire) {
  const r = {};
  let operation, tagging, tags, tag, report, manifest, location, spec, generator, acl, restore;
  for (let i = 0; i < wire.length;) {
    const end = wire.indexOf(END, i);
    const code = wire[i];
    let value = wire.slice(i + 1, end);
    i = end + 1;
    if (value.includes(ESCAPE)) value = unescape(value);
    switch (code) {
      case 'C': r.ConfirmationRequired = value === '1'; break;
      case 'O': r.Operation = operation = {}; break;
      case 'P': operation.PutObjectTagging = tagging = {}; break;
      case 'A': operation.AddObjectTagging = tagging = {}; break;
      case 'S': tagging.TagSet = tags = []; break;
      case 't': tags.push(tag = {}); break;
      case 'k': tag.Key = value; break;
      case 'v': tag.Value = value; break;
      case 'D': operation.DeleteObjectTagging = {}; break;
      case 'L': operation.PutObjectAcl = acl = {}; break;
      case 'l': acl.ObjectAcl = value; break;
      case 'R': operation.RestoreObject = restore = {}; break;
      case 'd': restore.Days = Number(value); break;
      case 'i': restore.Tier = value; break;
      case 'E': r.Report = report = {}; break;
      case 'b': report.Bucket = value; break;
      case 'e': report.Enabled = value === '1'; break;
      case 'p': report.Prefix = value; break;
      case 's': report.ReportScope = value; break;
      case 'c': r.ClientRequestToken = value; break;
      case 'M': r.Manifest = manifest = {}; break;
      case 'N': manifest.Location = location = {}; break;
      case 'g': location.ETag = value; break;
      case 'B': location.Bucket = value; break;
      case 'j': location.Object = value; break;
      case 'V': location.VersionId = value; break;
      case 'F': manifest.Spec = spec = {}; break;
      case 'f': spec.Fields = value; break;
      case 'm': spec.Format = value; break;
      case 'K': r.KeyPrefixManifestGenerator = generator = {}; break;
      case 'u': generator.SourceBucket = value; break;
      case 'x': generator.Prefix = value; break;
      case 'T': r.Description = value; break;
      case 'Y': r.Priority = Number(value); break;
      case 'Z': r.RoleArn = value; break;
      default: throw new Error(`ossbatch internal error: unknown wire code ${JSON.stringify(code)}`);
    }
  }
  return r;
}
