// The `ossbatch/tools` entry (role policies, the manifest check).
// Included by crates/ossbatch-wasm (typescript_custom_section) into the entries' declarations.
/** A RAM policy document (`{"Version": "1", "Statement": [...]}`) and one line per statement saying why. */
export interface ExplainedPolicy {
  document: { Version: '1'; Statement: Array<Record<string, unknown>> };
  explanations: string[];
}
export interface RolePolicies {
  /** Lets OSS (oss.aliyuncs.com) assume the job's role. */
  trustPolicy: ExplainedPolicy;
  /** Least privilege for the job's role: only its operation's actions, on exactly its resources. */
  permissionPolicy: ExplainedPolicy;
  /** For the RAM user who submits and manages jobs (the job API actions, ram:PassRole on the role). */
  callerPolicy: ExplainedPolicy;
  /** `<angle-bracket>` placeholders used for what the request does not say. */
  placeholders: string[];
}
export interface RolePoliciesOptions { /** Buckets a checked manifest names (see `checkManifest`). */ manifestBuckets?: string[]; }
/** The RAM policies the job needs. */
export function rolePolicies(request: CreateJobRequest, options?: RolePoliciesOptions): RolePolicies;

export interface CheckManifestOptions {
  /** The columns, as Manifest.Spec.Fields gives them (default `Bucket,Key`). */
  fields?: string;
  /** Warn about rows naming another bucket. */
  bucket?: string;
}
export interface ManifestReport {
  /** Paths are `Row[n]`, `Row[n].Bucket`, `Row[n].Key` (1-based rows). */
  issues: Issue[];
  rows: number;
  bytes: number;
  /** MD5 of the bytes, lowercase hex: the ETag after a single PUT upload (multipart ETags end in -N). */
  etag: string;
  /** The distinct buckets the rows name (at most 100), sorted. */
  buckets: string[];
}
/** Checks a CSV manifest row by row. Pass the file's bytes (Uint8Array) for an exact ETag. */
export function checkManifest(manifest: string | Uint8Array, options?: CheckManifestOptions): ManifestReport;
