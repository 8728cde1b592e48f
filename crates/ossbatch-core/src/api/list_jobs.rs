//! ListJobs: `GET /?batchJob[&batchJobStatuses=<s|s>][&continuation-token=<t>][&max-keys=<n>]` →
//! `<ListJobsResult><NextToken/><Jobs><JobListDescriptor>…</JobListDescriptor></Jobs></ListJobsResult>`.
//!
//! Each entry is a `JobListDescriptor` (not a `Job`) whose `Operation` is plain text such as
//! `PutObjectAcl`; `NextToken` may come before or after `Jobs` and is absent or empty on the last page
//! (Go SDK v2 `ListJobsResult` / `JobListDescriptor`, and its live integration test).

use std::collections::BTreeMap;

use serde::Serialize;

use super::describe_job::DESCRIBE_JOB_OPERATION_KEY;
use super::jobs::{
    number, read_progress_summary, text, unknown_leaves, JobStatus, ProgressSummary,
    CONTINUATION_TOKEN_MAX, MAX_KEYS_MAX,
};
use super::response::{parse_result_document, ResponseError};
use super::{sign_service_request, SignedRequest, SigningParams};
use crate::issue::Issue;
use crate::rules;
use crate::sign::SignError;
use crate::xml::dom::Element;

/// What ListJobs asks for: status filters (sent `|`-separated), page size and the page token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListJobsInput {
    pub statuses: Vec<JobStatus>,
    pub max_keys: Option<u32>,
    pub continuation_token: Option<String>,
}

/// `GET /?batchJob&batchJobStatuses=<s|s>&continuation-token=<t>&max-keys=<n>`.
pub fn build_list_jobs(
    input: &ListJobsInput,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let mut query = Vec::new();
    if !input.statuses.is_empty() {
        let statuses: Vec<&str> = input.statuses.iter().map(JobStatus::as_str).collect();
        query.push(("batchJobStatuses".into(), statuses.join("|")));
    }
    if let Some(token) = input.continuation_token.as_ref().filter(|t| !t.is_empty()) {
        query.push(("continuation-token".into(), token.clone()));
    }
    if let Some(max_keys) = input.max_keys {
        query.push(("max-keys".into(), max_keys.to_string()));
    }
    sign_service_request("GET", DESCRIBE_JOB_OPERATION_KEY, query, params)
}

pub fn validate_list_jobs(input: &ListJobsInput) -> Vec<Issue> {
    let mut out = Vec::new();
    for status in &input.statuses {
        if !status.is_known() {
            out.push(
                Issue::new(
                    &rules::JOB_STATUS_FILTER,
                    "batchJobStatuses",
                    format!(
                        "\"{status}\" is not a job status; use {}.",
                        JobStatus::values().join(", ")
                    ),
                )
                .with("value", status.as_str()),
            );
        }
    }
    if let Some(max_keys) = input.max_keys {
        if !(1..=MAX_KEYS_MAX).contains(&max_keys) {
            out.push(
                Issue::new(
                    &rules::JOB_MAX_KEYS,
                    "max-keys",
                    format!("max-keys must be 1 to {MAX_KEYS_MAX}; got {max_keys}."),
                )
                .with("actual", max_keys),
            );
        }
    }
    if let Some(token) = &input.continuation_token {
        let length = token.chars().count();
        if length > CONTINUATION_TOKEN_MAX {
            out.push(
                Issue::new(
                    &rules::JOB_CONTINUATION_TOKEN_LENGTH,
                    "continuation-token",
                    format!("continuation-token must be at most {CONTINUATION_TOKEN_MAX} characters long; it has {length}."),
                )
                .with_max(CONTINUATION_TOKEN_MAX, length),
            );
        }
    }
    out
}

/// One entry of ListJobs: a summary of a job, with its operation as a name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobListDescriptor {
    pub job_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<JobStatus>,
    /// The operation's name, e.g. `PutObjectAcl` (plain text in this document).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<i64>,
    /// Unix seconds; present once the job has ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_date: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_summary: Option<ProgressSummary>,
    /// Leaf children this version does not know, and values that did not read as their type.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub other: BTreeMap<String, String>,
}

const DESCRIPTOR_CHILDREN: [&str; 8] = [
    "CreationTime",
    "Description",
    "JobId",
    "Operation",
    "Priority",
    "Status",
    "ProgressSummary",
    "TerminationDate",
];

/// Reads one `<JobListDescriptor>` leniently.
pub fn read_job_list_descriptor(entry: &Element) -> JobListDescriptor {
    let mut other = unknown_leaves(entry, &DESCRIPTOR_CHILDREN);
    // The service writes the name as text; should an entry ever carry the structured form, its first
    // child's name is the operation.
    let operation = entry.child("Operation").and_then(|o| {
        Some(o.text.trim())
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .or_else(|| o.children.first().map(|c| c.name.to_owned()))
    });
    JobListDescriptor {
        job_id: text(entry, "JobId").unwrap_or_default(),
        status: text(entry, "Status").map(JobStatus::from),
        operation,
        priority: number(entry, "Priority", &mut other),
        description: text(entry, "Description"),
        creation_time: number(entry, "CreationTime", &mut other),
        termination_date: number(entry, "TerminationDate", &mut other),
        progress_summary: entry.child("ProgressSummary").map(read_progress_summary),
        other,
    }
}

/// One page of ListJobs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobList {
    pub jobs: Vec<JobListDescriptor>,
    /// The token for the next page; `None` on the last page (absent or empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `<ListJobsResult>`: every `<JobListDescriptor>` inside `<Jobs>`, and the next page's token.
pub fn parse_list_jobs_response(status: u16, body: &str) -> Result<JobList, ResponseError> {
    let root = parse_result_document(status, body, "ListJobsResult")?;
    let jobs = root
        .children
        .iter()
        .filter(|c| c.name == "Jobs")
        .flat_map(|jobs| jobs.children.iter())
        .filter(|entry| entry.name == "JobListDescriptor")
        .map(read_job_list_descriptor)
        .collect();
    Ok(JobList {
        jobs,
        next_token: text(&root, "NextToken"),
    })
}
