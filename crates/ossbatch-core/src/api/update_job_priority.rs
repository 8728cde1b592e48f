//! UpdateJobPriority: `POST /?batchJobPriority&batchJobId=<id>&targetPriority=<0..2147483647>` →
//! `<UpdateJobPriorityResult><JobId/><Priority/></UpdateJobPriorityResult>`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::jobs::{check_job_id, number, text};
use super::response::{parse_result_document, unexpected, ResponseError};
use super::{sign_service_request, SignedRequest, SigningParams};
use crate::issue::Issue;
use crate::rules;
use crate::sign::SignError;
use crate::validate::PRIORITY_MAX;

/// The V1 sub-resource (and first query key) of UpdateJobPriority.
pub const UPDATE_JOB_PRIORITY_OPERATION_KEY: &str = "batchJobPriority";

/// `POST /?batchJobPriority&batchJobId=<id>&targetPriority=<n>`.
pub fn build_update_job_priority(
    job_id: &str,
    priority: i64,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let query = vec![
        ("batchJobId".into(), job_id.to_string()),
        ("targetPriority".into(), priority.to_string()),
    ];
    sign_service_request("POST", UPDATE_JOB_PRIORITY_OPERATION_KEY, query, params)
}

pub fn validate_update_job_priority(job_id: &str, priority: i64) -> Vec<Issue> {
    let mut out = Vec::new();
    check_job_id(&mut out, job_id);
    if !(0..=PRIORITY_MAX).contains(&priority) {
        out.push(
            Issue::new(
                &rules::JOB_TARGET_PRIORITY,
                "targetPriority",
                format!(
                    "targetPriority must be an integer from 0 to {PRIORITY_MAX}; got {priority}."
                ),
            )
            .with_range(0, PRIORITY_MAX, priority),
        );
    }
    out
}

/// `<UpdateJobPriorityResult>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateJobPriorityResult {
    pub job_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
}

pub fn parse_update_job_priority_response(
    status: u16,
    body: &str,
) -> Result<UpdateJobPriorityResult, ResponseError> {
    let root = parse_result_document(status, body, "UpdateJobPriorityResult")?;
    let mut ignored = BTreeMap::new();
    Ok(UpdateJobPriorityResult {
        job_id: text(&root, "JobId")
            .ok_or_else(|| unexpected(status, "<UpdateJobPriorityResult> has no JobId", body))?,
        priority: number(&root, "Priority", &mut ignored),
    })
}
