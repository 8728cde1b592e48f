// The `ossbatch/sign` entry (signing the job calls, reading their answers).
// Included by crates/ossbatch-wasm (typescript_custom_section) into the entries' declarations.
export interface Credentials { accessKeyId: string; accessKeySecret: string; securityToken?: string; }

export interface SignCreateJobOptions {
  request: CreateJobRequest;
  region: string;
  /** A host or http(s)://host[:port]; default `https://oss-<region>.aliyuncs.com`. */
  endpoint?: string;
  credentials: Credentials;
  /** A Date, milliseconds since the epoch, or a string `Date` can parse. */
  signedAt: Date | number | string;
  signatureVersion?: 'v4' | 'v1';
}

export interface SigningInspector {
  version: 'v4' | 'v1';
  /** V4 only. */
  canonicalRequest?: string;
  stringToSign: string;
  /** V4 only. */
  scope?: string;
  signedHeaders: string[];
  signature: string;
  authorization: string;
}

export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  inspector: SigningInspector;
}

/** OSS's `<Error>` fields; `Code` is `ProxyError` when the ossbatch proxy answered (rate limit, refusal)
 * and `UnexpectedResponse` when the body was neither. */
export interface OssErrorFields {
  Code: string;
  Message: string;
  RequestId?: string;
  HostId?: string;
  EC?: string;
  RecommendDoc?: string;
  /** ossbatch's advice, for codes and ECs OSS documents. */
  Hint?: string;
  /** `Code` is `ProxyError` when the ossbatch proxy answered itself; then how long it asks to wait. */
  RetryAfterSeconds?: number;
  /** Every other child OSS sent, as sent (`OSSAccessKeyId`, `StringToSign`, `SignatureProvided`, …). */
  Other?: Record<string, string>;
  /** With `options.stringToSign`, when OSS sent its own: the first line that differs, and what it usually means. */
  StringToSignDifference?: { line: number; ours?: string; theirs?: string; hint: string };
}

export type ParsedResponse = { jobId: string } | { error: OssErrorFields; status: number };

/** Where and how to sign a job-management request. */
export interface JobSigningOptions {
  region: string;
  endpoint?: string;
  credentials: Credentials;
  signedAt: Date | number | string;
  signatureVersion?: 'v4' | 'v1';
}
export type JobStatus = 'Active' | 'Cancelled' | 'Cancelling' | 'Complete' | 'Completing' | 'Failed' | 'Failing'
  | 'New' | 'Paused' | 'Pausing' | 'Preparing' | 'Ready' | 'Suspended';
export interface SignDescribeJobOptions extends JobSigningOptions { jobId: string; }
export interface SignListJobsOptions extends JobSigningOptions {
  statuses?: JobStatus[];
  /** 1 to 1000 (OSS's default is 100). */
  maxKeys?: number;
  continuationToken?: string;
}
export interface SignUpdateJobStatusOptions extends JobSigningOptions {
  jobId: string;
  requestedStatus: 'Ready' | 'Cancelled';
  /** 1 to 256 characters. */
  reason?: string;
  /** The job's status, when known: the transition is checked against it. */
  currentStatus?: JobStatus;
}
export interface SignUpdateJobPriorityOptions extends JobSigningOptions { jobId: string; priority: number; }

/** `ProgressSummary`: counts as the service sends them; `-1` means "not counted yet". */
export interface ProgressSummary {
  TotalNumberOfTasks?: number;
  NumberOfTasksSucceeded?: number;
  NumberOfTasksFailed?: number;
  Timers?: { ElapsedTimeInActiveSeconds?: number };
  /** Children this version does not know, as text. */
  Other?: Record<string, string>;
}
export interface JobFailure { FailureCode?: string; FailureReason?: string; }

/** A job as DescribeJob reports it (`<DescribeJobResult><Job>`). */
export interface JobDescription {
  JobId: string;
  Status?: JobStatus | (string & {});
  Priority?: number;
  ConfirmationRequired?: boolean;
  /** Unix seconds. */
  CreationTime?: number;
  /** Unix seconds; present once the job has ended. */
  TerminationDate?: number;
  Description?: string;
  RoleArn?: string;
  StatusUpdateReason?: string;
  /** The operation with its settings, as in CreateJob. */
  Operation?: Operation;
  /** ossbatch's addition: the operation's element name, also when its settings could not be read. */
  OperationName?: string;
  Report?: Report;
  Manifest?: Manifest;
  KeyPrefixManifestGenerator?: KeyPrefixManifestGenerator;
  ProgressSummary?: ProgressSummary;
  FailureReasons: JobFailure[];
  /** Leaf children this version does not know, and values that did not read as their type, as text. */
  Other?: Record<string, string>;
  /** Settings present but not readable as CreateJob's elements, each with its reason. */
  Unreadable?: string[];
}

/** One entry of ListJobs (`<JobListDescriptor>`): the operation is its name. */
export interface JobListDescriptor {
  JobId: string;
  Status?: JobStatus | (string & {});
  Operation?: string;
  Priority?: number;
  Description?: string;
  /** Unix seconds. */
  CreationTime?: number;
  /** Unix seconds; present once the job has ended. */
  TerminationDate?: number;
  ProgressSummary?: ProgressSummary;
  Other?: Record<string, string>;
}
export type ResponseKind = 'createJob' | 'describeJob' | 'listJobs' | 'updateJobStatus' | 'updateJobPriority';
export type ParsedJobResponse =
  | { job: JobDescription }
  | { jobs: JobListDescriptor[]; nextToken?: string }
  | { jobId: string; status?: JobStatus | (string & {}); statusUpdateReason?: string }
  | { jobId: string; priority?: number }
  | { error: OssErrorFields; status: number };

/** Builds and signs a CreateJob request (V4 by default). */
export function signCreateJob(options: SignCreateJobOptions): SignedRequest;
/** `parseResponse` options: the language of `error.Hint` (default English). */
export interface ParseResponseOptions {
  lang?: 'en' | 'zh' | 'zh-CN';
  /** The `inspector.stringToSign` of the request this answers: compared with OSS's on SignatureDoesNotMatch. */
  stringToSign?: string;
  /**
   * The answer's headers (a fetch `Headers`, or names to values in any case). A HEAD answer has no
   * body: OSS sends its `<Error>` base64-encoded in `x-oss-err`; `x-oss-request-id` and `x-oss-ec`
   * fill `RequestId` and `EC` when the document has none.
   */
  headers?: Headers | Record<string, string>;
}
/** Decodes OSS's answer to CreateJob. */
export function parseResponse(status: number, bodyText: string): ParsedResponse;
/** Decodes OSS's answer to the request of `kind` (`createJob` gives `{ jobId }` or `{ error, status }`). */
export function parseResponse(status: number, bodyText: string, kind: ResponseKind, options?: ParseResponseOptions): ParsedJobResponse;
/** Signs `GET /?batchJob&batchJobId=<id>`. */
export function signDescribeJob(options: SignDescribeJobOptions): SignedRequest;
/** Signs `GET /?batchJob&batchJobStatuses=…&max-keys=…&continuation-token=…`. */
export function signListJobs(options: SignListJobsOptions): SignedRequest;
/** Signs `POST /?batchJobStatus&…`: confirm (Ready) or cancel a job. */
export function signUpdateJobStatus(options: SignUpdateJobStatusOptions): SignedRequest;
/** Signs `POST /?batchJobPriority&…`. */
export function signUpdateJobPriority(options: SignUpdateJobPriorityOptions): SignedRequest;
