//! The signing entry point (`ossbatch/sign`): signCreateJob, the four job-management signers and
//! parseResponse. Each signer reads its own typed options; the secret goes into the signature only.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use ossbatch_core::api::jobs::{self, JobStatus};
use ossbatch_core::api::response::{hint_for_error, ErrorHeaders, ResponseError};
use ossbatch_core::api::SigningParams;
use ossbatch_core::sign::compare::compare_string_to_sign;
use ossbatch_core::{
    build_create_job, parse_create_job_response, Credentials, Lang, Localized, SignatureVersion,
    SigningTime,
};

use crate::convert::{to_json, type_error};
use crate::input::{with_input, with_request};

#[wasm_bindgen(typescript_custom_section)]
const SIGN_TYPES: &str = include_str!("../../../web/npm/types/sign.d.ts");

/// Where and how to sign, as the JS side passes it to every signer (web/npm/src/sign.body.js has
/// checked the types and named the field of any that did not fit; the values are checked here).
struct Signing {
    region: String,
    endpoint: Option<String>,
    credentials: Credentials,
    signed_at: f64,
    version: SignatureVersion,
}

impl Signing {
    /// Signs with `build`; the signed request as JSON text (the JS side parses it).
    fn sign(
        &self,
        function: &str,
        build: impl FnOnce(
            &SigningParams<'_>,
        ) -> Result<ossbatch_core::SignedRequest, ossbatch_core::SignError>,
    ) -> Result<String, JsValue> {
        let signed_at = SigningTime::from_unix_millis(self.signed_at)
            .map_err(|error| type_error(function, format!("options.{error}")))?;
        let params = SigningParams {
            region: &self.region,
            endpoint: self.endpoint.as_deref(),
            credentials: &self.credentials,
            signed_at,
            version: self.version,
        };
        let signed = build(&params).map_err(|error| type_error(function, error))?;
        to_json(&signed)
    }
}

/// Declares a signer's wasm export: its own arguments, then where and how to sign.
macro_rules! signer {
    ($(#[$doc:meta])* $js:literal fn $name:ident($($arg:ident: $type:ty),*) $body:expr) => {
        $(#[$doc])*
        #[wasm_bindgen(js_name = $js, skip_typescript)]
        #[allow(clippy::too_many_arguments)]
        pub fn $name(
            $($arg: $type,)*
            region: String,
            endpoint: Option<String>,
            access_key_id: String,
            access_key_secret: String,
            security_token: Option<String>,
            signed_at: f64,
            v1: bool,
        ) -> Result<String, JsValue> {
            let signing = Signing {
                region,
                endpoint,
                credentials: Credentials {
                    access_key_id,
                    access_key_secret,
                    security_token,
                },
                signed_at,
                version: if v1 { SignatureVersion::V1 } else { SignatureVersion::V4 },
            };
            #[allow(clippy::redundant_closure_call)]
            ($body)(signing)
        }
    };
}

signer!(
    /// Builds and signs a CreateJob request (its wire form: `length` bytes in the input buffer).
    "signCreateJobInput" fn sign_create_job_input(length: usize)
    |signing: Signing| with_input(length, |wire| {
        with_request(wire, |request| {
            signing.sign("signCreateJob", |params| build_create_job(request, params))
        })?
    })
);

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
    /// Every other child OSS sent (`OSSAccessKeyId`, `StringToSign`, …), as sent.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    other: std::collections::BTreeMap<String, String>,
    /// With `options.stringToSign` and an answer that carries OSS's: the first line that differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    string_to_sign_difference: Option<JsDifference>,
}

#[derive(Serialize)]
struct JsDifference {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    ours: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    theirs: Option<String>,
    hint: &'static str,
}

/// `parseResponse`'s answer, one shape per call (web/npm/types/sign.d.ts `ParsedJobResponse`); job
/// objects keep the core's field order, which is the XML document's.
#[derive(Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
enum ParsedResponse {
    Created {
        job_id: String,
    },
    Job {
        job: Box<jobs::JobDescription>,
    },
    Jobs {
        jobs: Vec<jobs::JobListDescriptor>,
        #[serde(skip_serializing_if = "Option::is_none")]
        next_token: Option<String>,
    },
    Status {
        job_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<JobStatus>,
        #[serde(skip_serializing_if = "Option::is_none")]
        status_update_reason: Option<String>,
    },
    Priority {
        job_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        priority: Option<i64>,
    },
    /// A failed call: what OSS (or the proxy) said, and the HTTP status.
    Failed {
        error: Box<JsOssError>,
        status: u16,
    },
}

/// The calls whose answers `parseResponse` reads (its `kind` argument).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ResponseKind {
    CreateJob,
    DescribeJob,
    ListJobs,
    UpdateJobStatus,
    UpdateJobPriority,
}

impl ResponseKind {
    const ALL: [(&'static str, ResponseKind); 5] = [
        ("createJob", ResponseKind::CreateJob),
        ("describeJob", ResponseKind::DescribeJob),
        ("listJobs", ResponseKind::ListJobs),
        ("updateJobStatus", ResponseKind::UpdateJobStatus),
        ("updateJobPriority", ResponseKind::UpdateJobPriority),
    ];

    fn parse(name: &str) -> Option<ResponseKind> {
        Self::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, kind)| *kind)
    }

    /// The answer read by the core's parser for this call.
    fn read(self, status: u16, body: &str) -> Result<ParsedResponse, ResponseError> {
        Ok(match self {
            ResponseKind::CreateJob => ParsedResponse::Created {
                job_id: parse_create_job_response(status, body)?.job_id,
            },
            ResponseKind::DescribeJob => ParsedResponse::Job {
                job: Box::new(jobs::parse_describe_job_response(status, body)?),
            },
            ResponseKind::ListJobs => {
                let list = jobs::parse_list_jobs_response(status, body)?;
                ParsedResponse::Jobs {
                    jobs: list.jobs,
                    next_token: list.next_token,
                }
            }
            ResponseKind::UpdateJobStatus => {
                let result = jobs::parse_update_job_status_response(status, body)?;
                ParsedResponse::Status {
                    job_id: result.job_id,
                    status: result.status,
                    status_update_reason: result.status_update_reason,
                }
            }
            ResponseKind::UpdateJobPriority => {
                let result = jobs::parse_update_job_priority_response(status, body)?;
                ParsedResponse::Priority {
                    job_id: result.job_id,
                    priority: result.priority,
                }
            }
        })
    }
}

impl JsOssError {
    /// What `parseResponse` says of a response error, with the hint in `lang`.
    fn failed(error: ResponseError, lang: Lang, ours: Option<&str>) -> ParsedResponse {
        let (error, status) = Self::from_error(error, lang, ours);
        ParsedResponse::Failed {
            error: Box::new(error),
            status,
        }
    }

    fn from_error(error: ResponseError, lang: Lang, ours: Option<&str>) -> (JsOssError, u16) {
        let empty = |code: &str, message: String| JsOssError {
            code: code.to_string(),
            message,
            request_id: None,
            host_id: None,
            ec: None,
            recommend_doc: None,
            hint: None,
            retry_after_seconds: None,
            other: Default::default(),
            string_to_sign_difference: None,
        };
        match error {
            ResponseError::Oss { status, error } => {
                let hint = hint_for_error(&error).map(|hint| hint.get(lang).to_string());
                let difference = ours
                    .zip(error.string_to_sign())
                    .and_then(|(ours, theirs)| compare_string_to_sign(ours, theirs))
                    .map(|d| JsDifference {
                        line: d.line,
                        ours: d.ours,
                        theirs: d.theirs,
                        hint: d.hint.get(lang),
                    });
                let error = *error;
                let fields = JsOssError {
                    request_id: error.request_id,
                    host_id: error.host_id,
                    ec: error.ec,
                    recommend_doc: error.recommend_doc,
                    hint,
                    other: error.other,
                    string_to_sign_difference: difference,
                    ..empty(&error.code, error.message)
                };
                (fields, status)
            }
            ResponseError::Proxy {
                status,
                message,
                retry_after_seconds,
            } => {
                let hint = Localized {
                    en: "The ossbatch proxy answered; the request did not reach OSS.",
                    zh: "ossbatch 代理作出了回答；请求未到达 OSS。",
                };
                let fields = JsOssError {
                    hint: Some(hint.get(lang).to_string()),
                    retry_after_seconds,
                    ..empty("ProxyError", message)
                };
                (fields, status)
            }
            unexpected @ ResponseError::Unexpected { status, .. } => {
                (empty("UnexpectedResponse", unexpected.to_string()), status)
            }
        }
    }
}

/// Decodes OSS's answer (`length` bytes in the input buffer) to the call of `kind`, as JSON text:
/// the call's result, or `{ error, status }` for an OSS `<Error>`, a proxy answer, and anything else
/// (then `error.Code` is `UnexpectedResponse` and the message quotes the body). The JS side has
/// checked `status` and `kind`; `lang` chooses the hint's language.
#[wasm_bindgen(js_name = parseResponseInput, skip_typescript)]
pub fn parse_response_input(
    status: u16,
    length: usize,
    kind: String,
    lang: Option<String>,
    string_to_sign: Option<String>,
    error_headers: String,
) -> Result<String, JsValue> {
    const FUNCTION: &str = "parseResponse";
    // options.headers' x-oss-err (a HEAD answer's <Error>), x-oss-ec and x-oss-request-id, one per
    // line (a header value holds no line break), empty when absent.
    let values: Vec<&str> = error_headers.split('\n').collect();
    let order = [
        ErrorHeaders::ERROR_DOCUMENT,
        ErrorHeaders::EC,
        ErrorHeaders::REQUEST_ID,
    ];
    let headers = ErrorHeaders::from_lookup(|name| {
        let line = order.iter().position(|known| *known == name)?;
        values.get(line).map(|value| value.to_string())
    });
    let lang = match lang {
        None => Lang::En,
        Some(tag) => Lang::parse(&tag)
            .ok_or_else(|| type_error(FUNCTION, "options.lang must be 'en' or 'zh'"))?,
    };
    let kind = ResponseKind::parse(&kind).ok_or_else(|| {
        type_error(
            FUNCTION,
            format!("kind must be a response kind, not {kind:?}"),
        )
    })?;
    with_input(length, |body| {
        let parsed = headers
            .read(status, body, |status, body| kind.read(status, body))
            .unwrap_or_else(|error| JsOssError::failed(error, lang, string_to_sign.as_deref()));
        to_json(&parsed)
    })
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

signer!(
    /// Signs DescribeJob.
    "signDescribeJobWith" fn sign_describe_job(job_id: String)
    |signing: Signing| {
        const FUNCTION: &str = "signDescribeJob";
        let mut issues = Vec::new();
        jobs::check_job_id(&mut issues, &job_id);
        refuse_issues(FUNCTION, issues)?;
        signing.sign(FUNCTION, |params| jobs::build_describe_job(&job_id, params))
    }
);

signer!(
    /// Signs ListJobs.
    "signListJobsWith" fn sign_list_jobs(
        statuses: Option<Vec<String>>,
        max_keys: Option<u32>,
        continuation_token: Option<String>
    )
    |signing: Signing| {
        const FUNCTION: &str = "signListJobs";
        let input = jobs::ListJobsInput {
            statuses: statuses.unwrap_or_default().into_iter().map(JobStatus::from).collect(),
            max_keys,
            continuation_token,
        };
        refuse_issues(FUNCTION, jobs::validate_list_jobs(&input))?;
        signing.sign(FUNCTION, |params| jobs::build_list_jobs(&input, params))
    }
);

signer!(
    /// Signs UpdateJobStatus (confirm with Ready, or cancel); `current_status`, when known, checks
    /// the transition.
    "signUpdateJobStatusWith" fn sign_update_job_status(
        job_id: String,
        requested_status: String,
        reason: Option<String>,
        current_status: Option<String>
    )
    |signing: Signing| {
        const FUNCTION: &str = "signUpdateJobStatus";
        let requested = JobStatus::from(requested_status);
        let current = current_status.map(JobStatus::from);
        refuse_issues(
            FUNCTION,
            jobs::validate_update_job_status(&job_id, current.as_ref(), &requested, reason.as_deref()),
        )?;
        signing.sign(FUNCTION, |params| {
            jobs::build_update_job_status(&job_id, &requested, reason.as_deref(), params)
        })
    }
);

signer!(
    /// Signs UpdateJobPriority.
    "signUpdateJobPriorityWith" fn sign_update_job_priority(job_id: String, priority: f64)
    |signing: Signing| {
        const FUNCTION: &str = "signUpdateJobPriority";
        // An integer below 2^63: the JS side checked it (i64 would cross as a BigInt).
        let priority = priority as i64;
        refuse_issues(FUNCTION, jobs::validate_update_job_priority(&job_id, priority))?;
        signing.sign(FUNCTION, |params| {
            jobs::build_update_job_priority(&job_id, priority, params)
        })
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The TypeScript `JobStatus` union lists exactly the core's statuses, in the same order.
    #[test]
    fn typescript_job_statuses_equal_the_core_ones() {
        let source = include_str!("../../../web/npm/types/sign.d.ts");
        let start = source.find("export type JobStatus =").expect("declared");
        let declaration = &source[start..];
        let declaration = &declaration[..declaration.find(';').unwrap()];
        let declared: Vec<&str> = declaration.split('\'').skip(1).step_by(2).collect();
        assert_eq!(declared, JobStatus::values());
    }
}
