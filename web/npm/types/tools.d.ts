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

/** A completion report's bytes or text: whole, or as chunks (a Node stream or a ReadableStream is an async iterable of chunks). */
export type ReportChunk = string | Uint8Array | ArrayBuffer;
/** A report read at once (sync): whole, or an iterable of chunks. */
export type ReportSource = ReportChunk | Iterable<ReportChunk>;
/** What a report column holds (`options.columns` and `layout.columns` use these names). */
export type ReportColumn = 'bucket' | 'key' | 'versionId' | 'status' | 'httpStatus' | 'errorCode' | 'message' | 'ignore';
export interface SummarizeReportOptions {
  /** The columns in order, comma-separated (e.g. `bucket,key,versionId,status,httpStatus,errorCode,message`). */
  columns?: string;
  /** The language of causes, fixes and assumptions. */
  lang?: 'en' | 'zh' | 'zh-CN';
  /** The job is a RestoreObject job (its "succeeded" means the restore was requested). */
  restoreJob?: boolean;
}
export interface FailureGroup {
  errorCode: string | null;
  httpStatus: number | null;
  count: number;
  /** `count` / failed (0 to 1). */
  share: number;
  /** The group's first keys in file order, as the report wrote them (at most 5). */
  sampleKeys: string[];
  /** ossbatch's cause and fix, for codes OSS documents; `null` for any other code. */
  cause: string | null;
  fix: string | null;
}
export interface ReportSummary {
  tasks: number;
  succeeded: number;
  failed: number;
  /** Largest first. */
  groups: FailureGroup[];
  layout: { columns: ReportColumn[]; source: 'header' | 'content' | 'given'; reason: string };
  /** What was assumed to read the report (OSS documents no layout), in words. */
  assumptions: string[];
  /** The first damaged rows (not counted as tasks), with file and 1-based row. */
  damaged: Array<{ file: string; row: number; reason: string }>;
  damagedRows: number;
}
export interface RetryManifestOptions extends SummarizeReportOptions {
  /** The manifest's Spec.Fields (default `Bucket,Key`, plus `VersionId` when the report has a version column). */
  fields?: string;
}
export interface RetryManifest {
  /** Exactly the failed rows, in report order (OSS_BatchOperations_CSV_20250611 rows). */
  manifest: Uint8Array;
  /** MD5 of `manifest`, lowercase hex: its ETag after a single PUT upload. */
  etag: string;
  rows: number;
  bytes: number;
  fields: string;
  summary: ReportSummary;
}
/** Several files that are one report (named in damage messages). */
export type ReportFiles<S> = Array<{ name: string; data: S }>;
/** Reads a completion report streamed as async chunks (a Node stream, a ReadableStream): a Promise. */
export function summarizeReport(report: AsyncIterable<ReportChunk> | ReportFiles<AsyncIterable<ReportChunk> | ReportSource>, options?: SummarizeReportOptions): Promise<ReportSummary>;
/** Reads a completion report. Throws naming the file when its columns cannot be told. */
export function summarizeReport(report: ReportSource | ReportFiles<ReportSource>, options?: SummarizeReportOptions): ReportSummary;
/** The retry manifest of a report streamed as async chunks: a Promise. */
export function retryManifest(report: AsyncIterable<ReportChunk> | ReportFiles<AsyncIterable<ReportChunk> | ReportSource>, options?: RetryManifestOptions): Promise<RetryManifest>;
/** The retry manifest of a completion report. */
export function retryManifest(report: ReportSource | ReportFiles<ReportSource>, options?: RetryManifestOptions): RetryManifest;

/** One target's state as the caller read it (HeadObject, GetObjectTagging, GetObjectAcl, an inventory). */
export interface PlanObjectState {
  /** What is missing, when something is: the key, the version, or the bucket. */
  missing?: 'key' | 'version' | 'bucket';
  /** The key is missing as written but exists in the other URL encoding. */
  otherEncodingExists?: boolean;
  storageClass?: string;
  size?: number;
  restore?: 'none' | 'ongoing' | 'restored';
  tags?: [string, string][];
  acl?: string;
  /** The state could not be read: why (nothing is predicted for the row). */
  unread?: string;
}
export interface PlanInput {
  /** The manifest's text, read with the job's Spec.Fields (keys as written). */
  manifest?: string;
  /** Or the targets themselves (a listing of the generator's prefix). */
  targets?: { bucket: string; key: string; versionId?: string }[];
  /** One per target, in order; null where nothing was read. */
  states: (PlanObjectState | null)[];
  /** The job's region (prices are per region). */
  region?: string;
  /** Bucket → its GetBucketLifecycle XML. */
  lifecycle?: Record<string, string>;
  /** Jobs not in a final status, as DescribeJob gave them. */
  runningJobs?: { jobId: string; status: string; manifest?: { bucket: string; object: string }; prefix?: { bucket: string; prefix: string }; objects?: [string, string][] }[];
  manifestETag?: string;
  stateReadAt?: string;
  lang?: 'en' | 'zh' | 'zh-CN';
}
export interface PlanGroup { code: string; count: number; sampleKeys: string[]; cause: string; fix: string; ossErrorCode?: string; severity: 'fail' | 'warn'; }
export interface PlanCostLine { item: string; quantity: number; unit: string; unitPrice: number | null; amount: number | null; source: string; asOf: string; }
export interface Plan {
  operation: string;
  targets: number;
  inspected: number;
  sampled: boolean;
  predicted: { succeed: number; fail: number; warn: number };
  groups: PlanGroup[];
  overwrites: { objects: number; tagsLost: number };
  collisions: { jobId: string; status: string; how: 'same-manifest' | 'prefix-overlap' | 'manifest-in-prefix' | 'same-objects'; objects?: number }[];
  lifecycle: { bucket: string; ruleId: string; action: string; days: number | null; objects: number; sampleKeys: string[]; effect: 'starts' | 'stops' }[];
  blastRadius: { objects: number; buckets: number; bytes: number; byStorageClass: Record<string, { objects: number; bytes: number }> };
  /** `total` is null while any item is unknown: never 0 for what no source prices. */
  cost: { currency: 'CNY' | 'USD'; lines: PlanCostLine[]; unknown: string[]; total: number | null; note: string };
  pinned: { manifestETag: string | null; stateReadAt: string | null };
  notes: string[];
  /** A prediction per target, in order. */
  rows: { bucket: string; key: string; versionId: string; prediction: 'succeed' | 'warn' | 'fail'; code: string | null }[];
  /** The manifest without the rows predicted to fail, and its ETag (MD5). */
  fixedManifest: string;
  fixedManifestETag: string;
}
/** Predicts, row by row, what the job will do over the state the caller read. Throws a TypeError naming the field for input of the wrong shape. */
export function plan(request: CreateJobRequest, input: PlanInput): Plan;
