//! The npm package `ossbatch`: a thin wasm-bindgen adapter over `ossbatch-core`.
//!
//! Data crosses as plain JS objects in the core's own shapes (PascalCase request fields, as in AWS SDK
//! JS v3). They travel as JSON text (`JSON.stringify` / `JSON.parse` are native and fast), so the one
//! serde_json deserializer checks every field strictly — unknown fields included, which a property-by-
//! property reader would skip — and names the field that is wrong. Every argument is checked: a wrong
//! type throws a `TypeError` that names the function and the field, never a wasm trap.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use ossbatch_core::api::jobs::JobStatus;
use ossbatch_core::api::response::{hint_for_error, ResponseError};
use ossbatch_core::api::SigningParams;
use ossbatch_core::{
    build_create_job, parse_create_job_response, rules as core_rules, CreateJobRequest,
    Credentials, SignatureVersion, SigningTime, ValidateOptions, XmlStyle,
};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** How bad an issue is: error = OSS would reject it; warning = legal but likely wrong; info = worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding of `validate`. `path` uses XML element names with 0-based indices, e.g. `Report.Bucket`. */
export interface Issue {
  code: string;
  severity: Severity;
  path: string;
  message: string;
  params: Record<string, unknown>;
}

export interface Tag { Key?: string; Value?: string; }
export interface TaggingOperation { TagSet?: Tag[]; }
export type ObjectAcl = 'default' | 'private' | 'public-read' | 'public-read-write' | (string & {});
export type RestoreTier = 'Standard' | 'Bulk' | (string & {});
export type ReportScope = 'AllTasks' | 'FailedTasksOnly' | (string & {});

/** Exactly one operation is valid; a draft may hold none or several (validation says so). */
export interface Operation {
  PutObjectTagging?: TaggingOperation;
  AddObjectTagging?: TaggingOperation;
  DeleteObjectTagging?: Record<string, never>;
  PutObjectAcl?: { ObjectAcl?: ObjectAcl };
  RestoreObject?: { Days?: number; Tier?: RestoreTier };
}

export interface Report {
  Bucket?: string;
  Enabled?: boolean;
  Prefix?: string;
  ReportScope?: ReportScope;
}

export interface ManifestLocation { ETag?: string; Bucket?: string; Object?: string; VersionId?: string; }
export interface ManifestSpec { Fields?: string; Format?: 'OSS_BatchOperations_CSV_20250611' | (string & {}); }
export interface Manifest { Location?: ManifestLocation; Spec?: ManifestSpec; }
export interface KeyPrefixManifestGenerator { SourceBucket?: string; Prefix?: string; }

/** The body of CreateJob (`POST /?batchJob`), as a draft: every field optional until validated. */
export interface CreateJobRequest {
  ConfirmationRequired?: boolean;
  Operation?: Operation;
  Report?: Report;
  ClientRequestToken?: string;
  Manifest?: Manifest;
  KeyPrefixManifestGenerator?: KeyPrefixManifestGenerator;
  Description?: string;
  Priority?: number;
  RoleArn?: string;
}

export interface ValidateOptions { /** The region the job will be created in, e.g. `cn-hangzhou`. */ region?: string; }
export interface XmlOptions { /** Two-space indentation (default: compact, the bytes OSS receives). */ pretty?: boolean; }
export interface JsonOptions { /** Two-space indentation (default: compact). */ pretty?: boolean; }

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

export interface RuleInfo { code: string; severity: Severity; element: string; summary: string; }

/** Checks a request against every documented rule; returns all issues at once, in document order. */
export function validate(request: CreateJobRequest, options?: ValidateOptions): Issue[];
/** Writes the request as XML: compact (what OSS receives) unless `{ pretty: true }`. */
export function toXml(request: CreateJobRequest, options?: XmlOptions): string;
/** Reads a CreateJob XML document; throws an `Error` with `path`, `line`, `column` and `kind`. */
export function fromXml(xml: string): CreateJobRequest;
/** Reads a job from JSON text; throws an `Error` with `path`, `line`, `column` and `kind`. */
export function fromJson(json: string): CreateJobRequest;
/** Writes the request as JSON text: compact unless `{ pretty: true }`. */
export function toJson(request: CreateJobRequest, options?: JsonOptions): string;
/** Builds and signs a CreateJob request (V4 by default). */
export function signCreateJob(options: SignCreateJobOptions): SignedRequest;
/** Decodes OSS's answer to CreateJob. */
export function parseResponse(status: number, bodyText: string): ParsedResponse;
/** Decodes OSS's answer to the request of `kind`. */
export function parseResponse(status: number, bodyText: string, kind: ResponseKind): ParsedJobResponse;
/** Signs `GET /?batchJob&batchJobId=<id>`. */
export function signDescribeJob(options: SignDescribeJobOptions): SignedRequest;
/** Signs `GET /?batchJob&batchJobStatuses=…&max-keys=…&continuation-token=…`. */
export function signListJobs(options: SignListJobsOptions): SignedRequest;
/** Signs `POST /?batchJobStatus&…`: confirm (Ready) or cancel a job. */
export function signUpdateJobStatus(options: SignUpdateJobStatusOptions): SignedRequest;
/** Signs `POST /?batchJobPriority&…`. */
export function signUpdateJobPriority(options: SignUpdateJobPriorityOptions): SignedRequest;
/** The rule catalogue: every code `validate` can report. */
export function rules(): RuleInfo[];
"#;

fn type_error(function: &str, message: impl std::fmt::Display) -> JsValue {
    js_sys::TypeError::new(&format!("{function}: {message}")).into()
}

/// Reads a JS value into a Rust type, naming the field that does not fit.
fn from_js<T: DeserializeOwned>(
    function: &str,
    argument: &str,
    value: JsValue,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Err(type_error(function, format!("{argument} is required")));
    }
    if !value.is_object() {
        return Err(type_error(
            function,
            format!("{argument} must be an object"),
        ));
    }
    let text: String = js_sys::JSON::stringify(&value)
        .map_err(|_| {
            type_error(
                function,
                format!("{argument} cannot be read (a BigInt or a cycle?)"),
            )
        })?
        .into();
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let at = if path == "." {
            argument.to_string()
        } else {
            format!("{argument}.{path}")
        };
        type_error(
            function,
            format!("{at}: {}", without_position(&error.inner().to_string())),
        )
    })
}

/// serde_json appends " at line L column C" of the intermediate JSON text, which means nothing here.
fn without_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |index| &message[..index])
}

/// Like `from_js`, but `undefined` and `null` mean "no options".
fn options_from_js<T: DeserializeOwned + Default>(
    function: &str,
    value: Option<JsValue>,
) -> Result<T, JsValue> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => {
            from_js(function, "options", value)
        }
        _ => Ok(T::default()),
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|error| {
        JsValue::from(js_sys::Error::new(&format!(
            "cannot convert the result to JavaScript: {error}"
        )))
    })?;
    js_sys::JSON::parse(&text)
}

fn string_arg(function: &str, argument: &str, value: &JsValue) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(function, format!("{argument} must be a string")))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsValidateOptions {
    #[serde(default)]
    region: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PrettyOptions {
    #[serde(default)]
    pretty: Option<bool>,
}

/// Checks a request against every documented rule; returns all issues at once, in document order.
#[wasm_bindgen(js_name = validate, skip_typescript)]
pub fn validate(request: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let request: CreateJobRequest = from_js("validate", "request", request)?;
    let options: JsValidateOptions = options_from_js("validate", options)?;
    let issues = ossbatch_core::validate_with(
        &request,
        &ValidateOptions {
            region: options.region,
        },
    );
    to_js(&issues)
}

/// Writes the request as XML: compact (what OSS receives) unless `{ pretty: true }`.
#[wasm_bindgen(js_name = toXml, skip_typescript)]
pub fn to_xml(request: JsValue, options: Option<JsValue>) -> Result<String, JsValue> {
    let request: CreateJobRequest = from_js("toXml", "request", request)?;
    let options: PrettyOptions = options_from_js("toXml", options)?;
    let style = if options.pretty.unwrap_or(false) {
        XmlStyle::Pretty
    } else {
        XmlStyle::Compact
    };
    Ok(ossbatch_core::to_xml(&request, style))
}

fn parse_error_to_js(function: &str, error: ossbatch_core::ParseError) -> JsValue {
    let js_error = js_sys::Error::new(&format!("{function}: {error}"));
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&js_error, &JsValue::from_str(key), &value);
    };
    set("path", JsValue::from_str(&error.path));
    set("line", JsValue::from_f64(error.line as f64));
    set("column", JsValue::from_f64(error.column as f64));
    let kind = serde_json::to_value(error.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    set("kind", JsValue::from_str(&kind));
    js_error.into()
}

/// Reads a CreateJob XML document. Throws an `Error` with `path`, `line`, `column` and `kind` on bad input.
#[wasm_bindgen(js_name = fromXml, skip_typescript)]
pub fn from_xml(xml: JsValue) -> Result<JsValue, JsValue> {
    let xml = string_arg("fromXml", "xml", &xml)?;
    let request =
        ossbatch_core::from_xml(&xml).map_err(|error| parse_error_to_js("fromXml", error))?;
    to_js(&request)
}

/// Reads a job from JSON text (the same model, as ossutil accepts).
#[wasm_bindgen(js_name = fromJson, skip_typescript)]
pub fn from_json(json: JsValue) -> Result<JsValue, JsValue> {
    let json = string_arg("fromJson", "json", &json)?;
    let request =
        ossbatch_core::from_json(&json).map_err(|error| parse_error_to_js("fromJson", error))?;
    to_js(&request)
}

/// Writes the request as JSON text: compact unless `{ pretty: true }`.
#[wasm_bindgen(js_name = toJson, skip_typescript)]
pub fn to_json(request: JsValue, options: Option<JsValue>) -> Result<String, JsValue> {
    let request: CreateJobRequest = from_js("toJson", "request", request)?;
    let options: PrettyOptions = options_from_js("toJson", options)?;
    Ok(ossbatch_core::to_json(
        &request,
        options.pretty.unwrap_or(false),
    ))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsSignOptions {
    request: CreateJobRequest,
    region: String,
    #[serde(default)]
    endpoint: Option<String>,
    credentials: Credentials,
    /// A Date arrives as its ISO string (JSON.stringify), a number as epoch milliseconds.
    signed_at: serde_json::Value,
    #[serde(default)]
    signature_version: Option<SignatureVersion>,
}

/// A Date (as its ISO string), epoch milliseconds, or a date string, as the signing time.
fn signing_time(function: &str, value: &serde_json::Value) -> Result<SigningTime, JsValue> {
    let millis = if let Some(number) = value.as_f64() {
        number
    } else if let Some(text) = value.as_str() {
        js_sys::Date::new(&JsValue::from_str(text)).get_time()
    } else {
        return Err(type_error(
            function,
            "options.signedAt must be a Date, a number of milliseconds or a date string",
        ));
    };
    if millis.is_nan() {
        return Err(type_error(function, "options.signedAt is not a valid date"));
    }
    SigningTime::from_unix_millis(millis)
        .map_err(|error| type_error(function, format!("options.{error}")))
}

/// Builds and signs a CreateJob request (V4 by default). Secrets go into the signature only.
#[wasm_bindgen(js_name = signCreateJob, skip_typescript)]
pub fn sign_create_job(options: JsValue) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "signCreateJob";
    let options: JsSignOptions = from_js(FUNCTION, "options", options)?;
    let signed_at = signing_time(FUNCTION, &options.signed_at)?;
    let params = SigningParams {
        region: &options.region,
        endpoint: options.endpoint.as_deref(),
        credentials: &options.credentials,
        signed_at,
        version: options.signature_version.unwrap_or_default(),
    };
    let signed =
        build_create_job(&options.request, &params).map_err(|error| type_error(FUNCTION, error))?;
    to_js(&signed)
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct JsOssError {
    code: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host_id: Option<String>,
    #[serde(rename = "EC", skip_serializing_if = "Option::is_none")]
    ec: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recommend_doc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    /// Proxy answers only: how long the proxy asks to wait.
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_seconds: Option<u64>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsParsedResponse {
    Job {
        #[serde(rename = "jobId")]
        job_id: String,
    },
    Error {
        error: JsOssError,
        status: u16,
    },
}

/// Decodes OSS's answer to CreateJob: `{ jobId }`, or `{ error, status }` for an OSS `<Error>` and for
/// anything else (then `error.Code` is `UnexpectedResponse` and the message quotes the body).
#[wasm_bindgen(js_name = parseResponse, skip_typescript)]
pub fn parse_response(
    status: JsValue,
    body: JsValue,
    kind: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "parseResponse";
    let kind = match kind.filter(|k| !k.is_undefined() && !k.is_null()) {
        None => "createJob".to_string(),
        Some(kind) => kind
            .as_string()
            .ok_or_else(|| type_error(FUNCTION, "kind must be a string"))?,
    };
    let status = status
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s))
        .ok_or_else(|| type_error(FUNCTION, "status must be an HTTP status number (100-599)"))?
        as u16;
    let body = string_arg(FUNCTION, "bodyText", &body)?;
    use ossbatch_core::api::jobs;
    let job_result: Option<Result<serde_json::Value, ResponseError>> = match kind.as_str() {
        "createJob" => None,
        "describeJob" => Some(jobs::parse_describe_job_response(status, &body).map(|job| serde_json::json!({ "job": job }))),
        "listJobs" => Some(jobs::parse_list_jobs_response(status, &body).map(|list| {
            let mut value = serde_json::json!({ "jobs": list.jobs });
            if let Some(token) = list.next_token {
                value["nextToken"] = token.into();
            }
            value
        })),
        "updateJobStatus" => Some(jobs::parse_update_job_status_response(status, &body).map(|r| {
            serde_json::json!({ "jobId": r.job_id, "status": r.status, "statusUpdateReason": r.status_update_reason })
        })),
        "updateJobPriority" => Some(
            jobs::parse_update_job_priority_response(status, &body)
                .map(|r| serde_json::json!({ "jobId": r.job_id, "priority": r.priority })),
        ),
        other => {
            return Err(type_error(
                FUNCTION,
                format!("kind must be createJob, describeJob, listJobs, updateJobStatus or updateJobPriority, not {other:?}"),
            ))
        }
    };
    let create_result = match job_result {
        Some(Ok(value)) => return to_js(&strip_nulls(value)),
        Some(Err(error)) => Err(error),
        None => parse_create_job_response(status, &body).map(|result| result.job_id),
    };
    let parsed = match create_result {
        Ok(job_id) => JsParsedResponse::Job { job_id },
        Err(ResponseError::Oss { status, error }) => {
            let hint = hint_for_error(&error).map(str::to_string);
            let error = *error;
            JsParsedResponse::Error {
                error: JsOssError {
                    code: error.code,
                    message: error.message,
                    request_id: error.request_id,
                    host_id: error.host_id,
                    ec: error.ec,
                    recommend_doc: error.recommend_doc,
                    hint,
                    retry_after_seconds: None,
                },
                status,
            }
        }
        Err(ResponseError::Proxy {
            status,
            message,
            retry_after_seconds,
        }) => JsParsedResponse::Error {
            error: JsOssError {
                code: "ProxyError".into(),
                message,
                request_id: None,
                host_id: None,
                ec: None,
                recommend_doc: None,
                hint: Some(
                    "The ossbatch proxy answered; the request did not reach OSS.".to_string(),
                ),
                retry_after_seconds,
            },
            status,
        },
        Err(unexpected @ ResponseError::Unexpected { status, .. }) => JsParsedResponse::Error {
            error: JsOssError {
                code: "UnexpectedResponse".into(),
                message: unexpected.to_string(),
                request_id: None,
                host_id: None,
                ec: None,
                recommend_doc: None,
                hint: None,
                retry_after_seconds: None,
            },
            status,
        },
    };
    to_js(&parsed)
}

/// The rule catalogue: every code `validate` can report.
#[wasm_bindgen(js_name = rules, skip_typescript)]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&core_rules::ALL)
}

/// Optional fields that are absent stay absent in JS (no `null`s).
fn strip_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(strip_nulls).collect())
        }
        other => other,
    }
}

/// The options of the four job-management signers (each function allows its own subset).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsJobOptions {
    region: String,
    #[serde(default)]
    endpoint: Option<String>,
    credentials: Credentials,
    signed_at: serde_json::Value,
    #[serde(default)]
    signature_version: Option<SignatureVersion>,
    #[serde(default)]
    job_id: Option<String>,
    #[serde(default)]
    statuses: Option<Vec<JobStatus>>,
    #[serde(default)]
    max_keys: Option<u32>,
    #[serde(default)]
    continuation_token: Option<String>,
    #[serde(default)]
    requested_status: Option<JobStatus>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    current_status: Option<JobStatus>,
    #[serde(default)]
    priority: Option<i64>,
}

impl JsJobOptions {
    /// Refuses the fields that belong to another signer.
    fn only(&self, function: &str, allowed: &[&str]) -> Result<(), JsValue> {
        let present = [
            ("jobId", self.job_id.is_some()),
            ("statuses", self.statuses.is_some()),
            ("maxKeys", self.max_keys.is_some()),
            ("continuationToken", self.continuation_token.is_some()),
            ("requestedStatus", self.requested_status.is_some()),
            ("reason", self.reason.is_some()),
            ("currentStatus", self.current_status.is_some()),
            ("priority", self.priority.is_some()),
        ];
        for (name, is_set) in present {
            if is_set && !allowed.contains(&name) {
                return Err(type_error(
                    function,
                    format!("options.{name}: unknown field `{name}` for {function}"),
                ));
            }
        }
        Ok(())
    }

    fn job_id(&self, function: &str) -> Result<String, JsValue> {
        self.job_id
            .clone()
            .ok_or_else(|| type_error(function, "options.jobId: missing field `jobId`"))
    }

    fn sign(
        &self,
        function: &str,
        build: impl FnOnce(
            &SigningParams<'_>,
        ) -> Result<ossbatch_core::SignedRequest, ossbatch_core::SignError>,
    ) -> Result<JsValue, JsValue> {
        let signed_at = signing_time(function, &self.signed_at)?;
        let params = SigningParams {
            region: &self.region,
            endpoint: self.endpoint.as_deref(),
            credentials: &self.credentials,
            signed_at,
            version: self.signature_version.unwrap_or_default(),
        };
        let signed = build(&params).map_err(|error| type_error(function, error))?;
        to_js(&signed)
    }
}

/// Throws the issues of invalid parameters as one TypeError.
fn refuse_issues(function: &str, issues: Vec<ossbatch_core::Issue>) -> Result<(), JsValue> {
    let errors: Vec<String> = issues
        .iter()
        .filter(|i| i.is_error())
        .map(|i| format!("{}: {}", i.path, i.message))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(type_error(function, errors.join("; ")))
    }
}

/// Signs DescribeJob.
#[wasm_bindgen(js_name = signDescribeJob, skip_typescript)]
pub fn sign_describe_job(options: JsValue) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "signDescribeJob";
    let options: JsJobOptions = from_js(FUNCTION, "options", options)?;
    options.only(FUNCTION, &["jobId"])?;
    let job_id = options.job_id(FUNCTION)?;
    let mut issues = Vec::new();
    ossbatch_core::api::jobs::check_job_id(&mut issues, &job_id);
    refuse_issues(FUNCTION, issues)?;
    options.sign(FUNCTION, |params| {
        ossbatch_core::api::jobs::build_describe_job(&job_id, params)
    })
}

/// Signs ListJobs.
#[wasm_bindgen(js_name = signListJobs, skip_typescript)]
pub fn sign_list_jobs(options: JsValue) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "signListJobs";
    let options: JsJobOptions = from_js(FUNCTION, "options", options)?;
    options.only(FUNCTION, &["statuses", "maxKeys", "continuationToken"])?;
    let input = ossbatch_core::api::jobs::ListJobsInput {
        statuses: options.statuses.clone().unwrap_or_default(),
        max_keys: options.max_keys,
        continuation_token: options.continuation_token.clone(),
    };
    refuse_issues(
        FUNCTION,
        ossbatch_core::api::jobs::validate_list_jobs(&input),
    )?;
    options.sign(FUNCTION, |params| {
        ossbatch_core::api::jobs::build_list_jobs(&input, params)
    })
}

/// Signs UpdateJobStatus (confirm with Ready, or cancel).
#[wasm_bindgen(js_name = signUpdateJobStatus, skip_typescript)]
pub fn sign_update_job_status(options: JsValue) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "signUpdateJobStatus";
    let options: JsJobOptions = from_js(FUNCTION, "options", options)?;
    options.only(
        FUNCTION,
        &["jobId", "requestedStatus", "reason", "currentStatus"],
    )?;
    let job_id = options.job_id(FUNCTION)?;
    let requested = options.requested_status.clone().ok_or_else(|| {
        type_error(
            FUNCTION,
            "options.requestedStatus: missing field `requestedStatus`",
        )
    })?;
    let reason = options.reason.clone();
    refuse_issues(
        FUNCTION,
        ossbatch_core::api::jobs::validate_update_job_status(
            &job_id,
            options.current_status.as_ref(),
            &requested,
            reason.as_deref(),
        ),
    )?;
    options.sign(FUNCTION, |params| {
        ossbatch_core::api::jobs::build_update_job_status(
            &job_id,
            &requested,
            reason.as_deref(),
            params,
        )
    })
}

/// Signs UpdateJobPriority.
#[wasm_bindgen(js_name = signUpdateJobPriority, skip_typescript)]
pub fn sign_update_job_priority(options: JsValue) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "signUpdateJobPriority";
    let options: JsJobOptions = from_js(FUNCTION, "options", options)?;
    options.only(FUNCTION, &["jobId", "priority"])?;
    let job_id = options.job_id(FUNCTION)?;
    let priority = options
        .priority
        .ok_or_else(|| type_error(FUNCTION, "options.priority: missing field `priority`"))?;
    refuse_issues(
        FUNCTION,
        ossbatch_core::api::jobs::validate_update_job_priority(&job_id, priority),
    )?;
    options.sign(FUNCTION, |params| {
        ossbatch_core::api::jobs::build_update_job_priority(&job_id, priority, params)
    })
}
