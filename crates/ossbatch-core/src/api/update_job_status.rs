//! UpdateJobStatus: `POST /?batchJobStatus&batchJobId=<id>&requestedJobStatus=<Ready|Cancelled>
//! [&statusUpdateReason=<1..256 chars>]` → `<UpdateJobStatusResult><JobId/><Status/><StatusUpdateReason/>`.
//! Ready confirms a job created with ConfirmationRequired (only from Suspended or Preparing); Cancelled
//! cancels it (not once it is finished, failing or cancelling). The reason is optional.

use serde::Serialize;

use super::jobs::{check_job_id, text, JobStatus, REASON_MAX};
use super::response::{parse_result_document, unexpected, ResponseError};
use super::{sign_service_request, SignedRequest, SigningParams};
use crate::issue::Issue;
use crate::rules;
use crate::sign::SignError;

/// The V1 sub-resource (and first query key) of UpdateJobStatus.
pub const UPDATE_JOB_STATUS_OPERATION_KEY: &str = "batchJobStatus";

/// `POST /?batchJobStatus&batchJobId=<id>&requestedJobStatus=<s>[&statusUpdateReason=<r>]`.
pub fn build_update_job_status(
    job_id: &str,
    requested_status: &JobStatus,
    reason: Option<&str>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let mut query = vec![
        ("batchJobId".to_string(), job_id.to_string()),
        (
            "requestedJobStatus".into(),
            requested_status.as_str().to_string(),
        ),
    ];
    if let Some(reason) = reason.filter(|r| !r.is_empty()) {
        query.push(("statusUpdateReason".into(), reason.to_string()));
    }
    sign_service_request("POST", UPDATE_JOB_STATUS_OPERATION_KEY, query, params)
}

/// Checks UpdateJobStatus parameters; `current` is the job's status when known.
pub fn validate_update_job_status(
    job_id: &str,
    current: Option<&JobStatus>,
    requested: &JobStatus,
    reason: Option<&str>,
) -> Vec<Issue> {
    let mut out = Vec::new();
    check_job_id(&mut out, job_id);
    if !JobStatus::REQUESTABLE.contains(requested) {
        out.push(
            Issue::new(
                &rules::JOB_REQUESTED_STATUS,
                "requestedJobStatus",
                format!("requestedJobStatus must be Ready or Cancelled; got \"{requested}\"."),
            )
            .with("value", requested.as_str()),
        );
    } else if let Some(current) = current {
        if let Some(why) = current.transition_refusal(requested) {
            out.push(
                Issue::new(
                    &rules::JOB_TRANSITION,
                    "requestedJobStatus",
                    format!("The job is {current}; it cannot become {requested}. {why}"),
                )
                .with("current", current.as_str())
                .with("requested", requested.as_str()),
            );
        }
    }
    if let Some(reason) = reason {
        let length = reason.chars().count();
        if length == 0 || length > REASON_MAX {
            out.push(
                Issue::new(
                    &rules::JOB_REASON_LENGTH,
                    "statusUpdateReason",
                    format!("statusUpdateReason must be 1 to {REASON_MAX} characters long; it has {length}."),
                )
                .with_range(1, REASON_MAX, length),
            );
        }
    }
    out
}

/// `<UpdateJobStatusResult>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateJobStatusResult {
    pub job_id: String,
    /// The job's status after the update, e.g. `Cancelling` right after a cancel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<JobStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_update_reason: Option<String>,
}

pub fn parse_update_job_status_response(
    status: u16,
    body: &str,
) -> Result<UpdateJobStatusResult, ResponseError> {
    let root = parse_result_document(status, body, "UpdateJobStatusResult")?;
    Ok(UpdateJobStatusResult {
        job_id: text(&root, "JobId")
            .ok_or_else(|| unexpected(status, "<UpdateJobStatusResult> has no JobId", body))?,
        status: text(&root, "Status").map(JobStatus::from),
        status_update_reason: text(&root, "StatusUpdateReason"),
    })
}
