//! The signing entry point (`ossbatch/sign`): signCreateJob, the four job-management signers and
//! parseResponse. Each signer reads its own typed options; the secret goes into the signature only.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use ossbatch_core::api::jobs::{self, JobStatus};
use ossbatch_core::api::response::{hint_for_error, ResponseError};
use ossbatch_core::api::SigningParams;
use ossbatch_core::{
    build_create_job, parse_create_job_response, CreateJobRequest, Credentials, Lang, Localized,
    SignatureVersion, SigningTime,
};

use crate::convert::{from_js, options_from_js, string_arg, strip_nulls, to_js, type_error};

#[wasm_bindgen(typescript_custom_section)]
const SIGN_TYPES: &str = include_str!("../../../web/npm/types/sign.d.ts");

/// Declares a signer's options: where and how to sign (shared by every signer), then its own
/// fields. One struct per signer, so serde refuses another signer's fields by name.
macro_rules! signer_options {
    ($(#[$doc:meta])* $name:ident { $($(#[$field_doc:meta])* $field:ident: $type:ty,)* }) => {
        $(#[$doc])*
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        struct $name {
            region: String,
            #[serde(default)]
            endpoint: Option<String>,
            credentials: Credentials,
            signed_at: serde_json::Value,
            #[serde(default)]
            signature_version: Option<SignatureVersion>,
            $($(#[$field_doc])* $field: $type,)*
        }

        impl $name {
            fn sign(
                &self,
                function: &str,
                build: impl FnOnce(
                    &SigningParams<'_>,
                ) -> Result<ossbatch_core::SignedRequest, ossbatch_core::SignError>,
            ) -> Result<JsValue, JsValue> {
                let params = SigningParams {
                    region: &self.region,
                    endpoint: self.endpoint.as_deref(),
                    credentials: &self.credentials,
                    signed_at: signing_time(function, &self.signed_at)?,
                    version: self.signature_version.unwrap_or_default(),
                };
                let signed = build(&params).map_err(|error| type_error(function, error))?;
                to_js(&signed)
            }
        }
    };
}

signer_options!(
    /// `signCreateJob` options.
    SignCreateJobOptions { request: CreateJobRequest, }
);

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
    let options: SignCreateJobOptions = from_js(FUNCTION, "options", options)?;
    options.sign(FUNCTION, |params| {
        build_create_job(&options.request, params)
    })
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

/// `parseResponse`'s answer for a failed call.
#[derive(Serialize)]
struct JsParsedError {
    error: JsOssError,
    status: u16,
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

    /// The answer read by the core's parser for this call, as the JS result (job results keep the
    /// JSON shape they always had: the core's serialization, nulls left out).
    fn read(self, status: u16, body: &str) -> Result<serde_json::Value, ResponseError> {
        let value = match self {
            ResponseKind::CreateJob => parse_create_job_response(status, body)
                .map(|created| serde_json::json!({ "jobId": created.job_id }))?,
            ResponseKind::DescribeJob => jobs::parse_describe_job_response(status, body)
                .map(|job| serde_json::json!({ "job": job }))?,
            ResponseKind::ListJobs => jobs::parse_list_jobs_response(status, body).map(|list| {
                serde_json::json!({ "jobs": list.jobs, "nextToken": list.next_token })
            })?,
            ResponseKind::UpdateJobStatus => jobs::parse_update_job_status_response(status, body)
                .map(|r| {
                    serde_json::json!({ "jobId": r.job_id, "status": r.status, "statusUpdateReason": r.status_update_reason })
                })?,
            ResponseKind::UpdateJobPriority => {
                jobs::parse_update_job_priority_response(status, body)
                    .map(|r| serde_json::json!({ "jobId": r.job_id, "priority": r.priority }))?
            }
        };
        Ok(strip_nulls(value))
    }
}

impl JsOssError {
    /// What `parseResponse` says of a response error, with the hint in `lang`.
    fn from_error(error: ResponseError, lang: Lang) -> (JsOssError, u16) {
        let empty = |code: &str, message: String| JsOssError {
            code: code.to_string(),
            message,
            request_id: None,
            host_id: None,
            ec: None,
            recommend_doc: None,
            hint: None,
            retry_after_seconds: None,
        };
        match error {
            ResponseError::Oss { status, error } => {
                let hint = hint_for_error(&error).map(|hint| hint.get(lang).to_string());
                let error = *error;
                let fields = JsOssError {
                    request_id: error.request_id,
                    host_id: error.host_id,
                    ec: error.ec,
                    recommend_doc: error.recommend_doc,
                    hint,
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

/// Decodes OSS's answer to the call of `kind` (default CreateJob: `{ jobId }`), or `{ error, status }`
/// for an OSS `<Error>`, a proxy answer, and anything else (then `error.Code` is
/// `UnexpectedResponse` and the message quotes the body). `options.lang` chooses the hint's language.
#[wasm_bindgen(js_name = parseResponse, skip_typescript)]
pub fn parse_response(
    status: JsValue,
    body: JsValue,
    kind: Option<JsValue>,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "parseResponse";
    let kind = match kind.filter(|k| !k.is_undefined() && !k.is_null()) {
        None => ResponseKind::CreateJob,
        Some(kind) => {
            let name = kind
                .as_string()
                .ok_or_else(|| type_error(FUNCTION, "kind must be a string"))?;
            ResponseKind::parse(&name).ok_or_else(|| {
                type_error(
                    FUNCTION,
                    format!("kind must be createJob, describeJob, listJobs, updateJobStatus or updateJobPriority, not {name:?}"),
                )
            })?
        }
    };
    let lang = response_lang(FUNCTION, options)?;
    let status = status
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s))
        .ok_or_else(|| type_error(FUNCTION, "status must be an HTTP status number (100-599)"))?
        as u16;
    let body = string_arg(FUNCTION, "bodyText", &body)?;
    match kind.read(status, &body) {
        Ok(value) => to_js(&value),
        Err(error) => {
            let (error, status) = JsOssError::from_error(error, lang);
            to_js(&JsParsedError { error, status })
        }
    }
}

/// `parseResponse`'s `options`: `{ lang?: 'en' | 'zh' }`, read like every other options object.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ParseResponseOptions {
    #[serde(default)]
    lang: Option<String>,
}

fn response_lang(function: &str, options: Option<JsValue>) -> Result<Lang, JsValue> {
    let options: ParseResponseOptions = options_from_js(function, options)?;
    match options.lang {
        None => Ok(Lang::En),
        Some(tag) => Lang::parse(&tag)
            .ok_or_else(|| type_error(function, "options.lang must be 'en' or 'zh'")),
    }
}

signer_options!(
    /// `signDescribeJob` options.
    DescribeJobOptions { job_id: String, }
);
signer_options!(
    /// `signListJobs` options.
    ListJobsOptions {
        #[serde(default)]
        statuses: Vec<JobStatus>,
        #[serde(default)]
        max_keys: Option<u32>,
        #[serde(default)]
        continuation_token: Option<String>,
    }
);
signer_options!(
    /// `signUpdateJobStatus` options.
    UpdateJobStatusOptions {
        job_id: String,
        requested_status: JobStatus,
        #[serde(default)]
        reason: Option<String>,
        /// The job's status, when known: the transition is checked against it.
        #[serde(default)]
        current_status: Option<JobStatus>,
    }
);
signer_options!(
    /// `signUpdateJobPriority` options.
    UpdateJobPriorityOptions { job_id: String, priority: i64, }
);

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
    let options: DescribeJobOptions = from_js(FUNCTION, "options", options)?;
    let mut issues = Vec::new();
    jobs::check_job_id(&mut issues, &options.job_id);
    refuse_issues(FUNCTION, issues)?;
    options.sign(FUNCTION, |params| {
        jobs::build_describe_job(&options.job_id, params)
    })
}

/// Signs ListJobs.
#[wasm_bindgen(js_name = signListJobs, skip_typescript)]
pub fn sign_list_jobs(options: JsValue) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "signListJobs";
    let options: ListJobsOptions = from_js(FUNCTION, "options", options)?;
    let input = jobs::ListJobsInput {
        statuses: options.statuses.clone(),
        max_keys: options.max_keys,
        continuation_token: options.continuation_token.clone(),
    };
    refuse_issues(FUNCTION, jobs::validate_list_jobs(&input))?;
    options.sign(FUNCTION, |params| jobs::build_list_jobs(&input, params))
}

/// Signs UpdateJobStatus (confirm with Ready, or cancel).
#[wasm_bindgen(js_name = signUpdateJobStatus, skip_typescript)]
pub fn sign_update_job_status(options: JsValue) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "signUpdateJobStatus";
    let options: UpdateJobStatusOptions = from_js(FUNCTION, "options", options)?;
    refuse_issues(
        FUNCTION,
        jobs::validate_update_job_status(
            &options.job_id,
            options.current_status.as_ref(),
            &options.requested_status,
            options.reason.as_deref(),
        ),
    )?;
    options.sign(FUNCTION, |params| {
        jobs::build_update_job_status(
            &options.job_id,
            &options.requested_status,
            options.reason.as_deref(),
            params,
        )
    })
}

/// Signs UpdateJobPriority.
#[wasm_bindgen(js_name = signUpdateJobPriority, skip_typescript)]
pub fn sign_update_job_priority(options: JsValue) -> Result<JsValue, JsValue> {
    const FUNCTION: &str = "signUpdateJobPriority";
    let options: UpdateJobPriorityOptions = from_js(FUNCTION, "options", options)?;
    refuse_issues(
        FUNCTION,
        jobs::validate_update_job_priority(&options.job_id, options.priority),
    )?;
    options.sign(FUNCTION, |params| {
        jobs::build_update_job_priority(&options.job_id, options.priority, params)
    })
}

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
