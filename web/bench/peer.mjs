// The peer ossbatch is measured against: what a careful JS developer would write without ossbatch.
// ajv (JSON Schema, compiled) checks the request object; fast-xml-parser writes and reads the XML.
// The schema encodes the documented rules that JSON Schema can express (types, required fields,
// enumerations, lengths, patterns); cross-field rules (exactly one operation, one manifest source, tag
// key uniqueness, Days by storage class) need code, which is ossbatch's advantage, not measured here.
import Ajv from 'ajv';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

const bucket = { type: 'string', minLength: 3, maxLength: 63, pattern: '^[a-z0-9][a-z0-9-]*[a-z0-9]$' };
const text = (max) => ({ type: 'string', maxLength: max });
const tagSet = {
  type: 'array', minItems: 1, maxItems: 10,
  items: {
    type: 'object', additionalProperties: false, required: ['Key'],
    properties: {
      Key: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\p{L}\\p{N} +\\-=._:/]+$' },
      Value: { type: 'string', maxLength: 256, pattern: '^[\\p{L}\\p{N} +\\-=._:/]*$' },
    },
  },
};
export const schema = {
  type: 'object', additionalProperties: false,
  required: ['Operation', 'Report', 'ClientRequestToken', 'Priority', 'RoleArn'],
  properties: {
    ConfirmationRequired: { type: 'boolean' },
    Operation: {
      type: 'object', additionalProperties: false, minProperties: 1, maxProperties: 1,
      properties: {
        PutObjectTagging: { type: 'object', additionalProperties: false, required: ['TagSet'], properties: { TagSet: tagSet } },
        AddObjectTagging: { type: 'object', additionalProperties: false, required: ['TagSet'], properties: { TagSet: tagSet } },
        DeleteObjectTagging: { type: 'object', additionalProperties: false },
        PutObjectAcl: { type: 'object', additionalProperties: false, required: ['ObjectAcl'],
          properties: { ObjectAcl: { enum: ['default', 'private', 'public-read', 'public-read-write'] } } },
        RestoreObject: { type: 'object', additionalProperties: false,
          properties: { Days: { type: 'integer', minimum: 1, maximum: 365 }, Tier: { enum: ['Standard', 'Bulk'] } } },
      },
    },
    Report: {
      type: 'object', additionalProperties: false, required: ['Enabled'],
      properties: { Bucket: bucket, Enabled: { type: 'boolean' }, Prefix: text(1023),
        ReportScope: { enum: ['AllTasks', 'FailedTasksOnly'] } },
    },
    ClientRequestToken: { type: 'string', minLength: 1, maxLength: 64 },
    Manifest: {
      type: 'object', additionalProperties: false, required: ['Location', 'Spec'],
      properties: {
        Location: { type: 'object', additionalProperties: false, required: ['Bucket', 'Object'],
          properties: { ETag: { type: 'string', pattern: '^"?[0-9a-fA-F]{32}(-\\d+)?"?$' }, Bucket: bucket,
            Object: { type: 'string', minLength: 1, maxLength: 1023, pattern: '^[^/\\\\]' }, VersionId: { type: 'string' } } },
        Spec: { type: 'object', additionalProperties: false, required: ['Format', 'Fields'],
          properties: { Format: { type: 'string' }, Fields: { type: 'string', pattern: '^(Bucket|Key|VersionId)(,(Bucket|Key|VersionId))*$' } } },
      },
    },
    KeyPrefixManifestGenerator: {
      type: 'object', additionalProperties: false, required: ['SourceBucket'],
      properties: { SourceBucket: bucket, Prefix: text(1023) },
    },
    Description: text(256),
    Priority: { type: 'integer', minimum: 0, maximum: 2147483647 },
    RoleArn: { type: 'string', pattern: '^(arn:)?acs:ram::[^:]+:role/.+$' },
  },
  oneOf: [{ required: ['Manifest'] }, { required: ['KeyPrefixManifestGenerator'] }],
};

const ajv = new Ajv({ allErrors: true, unicodeRegExp: true });
export const ajvValidate = ajv.compile(schema);

// The element order OSS documents; a plain object's key order would otherwise decide it.
const ORDER = ['ConfirmationRequired', 'Operation', 'Report', 'ClientRequestToken', 'Manifest',
  'KeyPrefixManifestGenerator', 'Description', 'Priority', 'RoleArn'];
const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false, processEntities: true });
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: true, isArray: (name) => name === 'Tag' });

/** validate: ajv's errors (an array), or [] */
export function peerValidate(request) {
  return ajvValidate(request) ? [] : ajvValidate.errors;
}

/** toXml: the request in document order, TagSet as <TagSet><Tag>…, with the XML declaration. */
export function peerToXml(request) {
  const ordered = {};
  for (const key of ORDER) {
    if (request[key] === undefined) continue;
    ordered[key] = key === 'Operation' ? operationForXml(request.Operation) : request[key];
  }
  return '<?xml version="1.0" encoding="UTF-8"?>' + builder.build({ CreateJobRequest: ordered });
}

function operationForXml(operation) {
  const out = {};
  for (const [name, body] of Object.entries(operation)) {
    out[name] = body && body.TagSet ? { TagSet: { Tag: body.TagSet } } : body;
  }
  return out;
}

/** fromXml: the parsed document's CreateJobRequest. */
export function peerFromXml(xml) {
  return parser.parse(xml).CreateJobRequest;
}
