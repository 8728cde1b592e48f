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
