//! The rest of the Batch Operations API (oss-facts.md): DescribeJob, ListJobs, UpdateJobStatus and
//! UpdateJobPriority. Service-level requests, signed like CreateJob; every query key is a signed
//! sub-resource for V1. Responses are read leniently: unknown children are kept, never fatal.

use std::collections::BTreeMap;

use serde::Serialize;

use super::response::{excerpt, parse_result_document, ResponseError};
use super::{sign_service_request, SignedRequest, SigningParams};
use crate::issue::Issue;
use crate::rules;
use crate::sign::SignError;
use crate::validate::PRIORITY_MAX;
use crate::xml::dom::Element;

/// Every job status the API reports.
pub const JOB_STATUSES: [&str; 13] = [
    "Active",
    "Cancelled",
    "Cancelling",
    "Complete",
    "Completing",
    "Failed",
    "Failing",
    "New",
    "Paused",
    "Pausing",
    "Preparing",
    "Ready",
    "Suspended",
];
/// Statuses a job can be moved to with UpdateJobStatus.
pub const REQUESTABLE_STATUSES: [&str; 2] = ["Ready", "Cancelled"];
pub const REASON_MAX: usize = 256;
pub const MAX_KEYS_MAX: u32 = 1000;

/// `GET /?batchJob&batchJobId=<id>`.
pub fn build_describe_job(
    job_id: &str,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let query = vec![
        ("batchJob".into(), String::new()),
        ("batchJobId".into(), job_id.to_string()),
    ];
    sign_service_request("GET", query, Vec::new(), String::new(), params)
}

/// What ListJobs asks for: status filters (sent `|`-separated), page size and the page token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListJobsInput {
    pub statuses: Vec<String>,
    pub max_keys: Option<u32>,
    pub continuation_token: Option<String>,
}

/// `GET /?batchJob&batchJobStatuses=<s|s>&continuation-token=<t>&max-keys=<n>`.
pub fn build_list_jobs(
    input: &ListJobsInput,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let mut query = vec![("batchJob".to_string(), String::new())];
    if !input.statuses.is_empty() {
        query.push(("batchJobStatuses".into(), input.statuses.join("|")));
    }
    if let Some(token) = input.continuation_token.as_ref().filter(|t| !t.is_empty()) {
        query.push(("continuation-token".into(), token.clone()));
    }
    if let Some(max_keys) = input.max_keys {
        query.push(("max-keys".into(), max_keys.to_string()));
    }
    sign_service_request("GET", query, Vec::new(), String::new(), params)
}

/// `POST /?batchJobStatus&batchJobId=<id>&requestedJobStatus=<Ready|Cancelled>&statusUpdateReason=<r>`.
pub fn build_update_job_status(
    job_id: &str,
    requested_status: &str,
    reason: Option<&str>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let mut query = vec![
        ("batchJobStatus".to_string(), String::new()),
        ("batchJobId".into(), job_id.to_string()),
        ("requestedJobStatus".into(), requested_status.to_string()),
    ];
    if let Some(reason) = reason.filter(|r| !r.is_empty()) {
        query.push(("statusUpdateReason".into(), reason.to_string()));
    }
    sign_service_request("POST", query, Vec::new(), String::new(), params)
}

/// `POST /?batchJobPriority&batchJobId=<id>&targetPriority=<n>`.
pub fn build_update_job_priority(
    job_id: &str,
    priority: i64,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let query = vec![
        ("batchJobPriority".to_string(), String::new()),
        ("batchJobId".into(), job_id.to_string()),
        ("targetPriority".into(), priority.to_string()),
    ];
    sign_service_request("POST", query, Vec::new(), String::new(), params)
}

// ---- validation of the parameters ----

pub fn check_job_id(out: &mut Vec<Issue>, job_id: &str) {
    if job_id.trim().is_empty() {
        out.push(Issue::new(
            &rules::JOB_ID_MISSING,
            "batchJobId",
            "batchJobId is required: the JobId CreateJob returned.",
        ));
    }
}

/// Why `requested` cannot follow `current`, if it cannot (oss-facts.md).
pub fn transition_refusal(current: &str, requested: &str) -> Option<&'static str> {
    match requested {
        "Ready" if !matches!(current, "Suspended" | "Preparing") => {
            Some("Only a Suspended or Preparing job can be confirmed (Ready).")
        }
        "Cancelled"
            if matches!(
                current,
                "Cancelled" | "Cancelling" | "Complete" | "Completing" | "Failed" | "Failing"
            ) =>
        {
            Some("A job that is finished, failing or already cancelling cannot be cancelled.")
        }
        _ => None,
    }
}

/// Checks UpdateJobStatus parameters; `current` is the job's status when known.
pub fn validate_update_job_status(
    job_id: &str,
    current: Option<&str>,
    requested: &str,
    reason: Option<&str>,
) -> Vec<Issue> {
    let mut out = Vec::new();
    check_job_id(&mut out, job_id);
    if !REQUESTABLE_STATUSES.contains(&requested) {
        out.push(
            Issue::new(
                &rules::JOB_REQUESTED_STATUS,
                "requestedJobStatus",
                format!("requestedJobStatus must be Ready or Cancelled; got \"{requested}\"."),
            )
            .with("value", requested),
        );
    } else if let Some(current) = current {
        if let Some(why) = transition_refusal(current, requested) {
            out.push(
                Issue::new(
                    &rules::JOB_TRANSITION,
                    "requestedJobStatus",
                    format!("The job is {current}; it cannot become {requested}. {why}"),
                )
                .with("current", current)
                .with("requested", requested),
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
                .with("min", 1)
                .with("max", REASON_MAX)
                .with("actual", length),
            );
        }
    }
    out
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
            .with("min", 0)
            .with("max", PRIORITY_MAX)
            .with("actual", priority),
        );
    }
    out
}

pub fn validate_list_jobs(input: &ListJobsInput) -> Vec<Issue> {
    let mut out = Vec::new();
    for status in &input.statuses {
        if !JOB_STATUSES.contains(&status.as_str()) {
            out.push(
                Issue::new(
                    &rules::JOB_STATUS_FILTER,
                    "batchJobStatuses",
                    format!(
                        "\"{status}\" is not a job status; use {}.",
                        JOB_STATUSES.join(", ")
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
    out
}

// ---- responses ----

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobFailure {
    pub failure_code: Option<String>,
    pub failure_reason: Option<String>,
}

/// Task counts; AWS's element names, others kept in `other`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProgressSummary {
    pub total_number_of_tasks: Option<i64>,
    pub number_of_tasks_succeeded: Option<i64>,
    pub number_of_tasks_failed: Option<i64>,
    pub other: BTreeMap<String, String>,
}

/// A job as DescribeJob and ListJobs report it. Unknown leaf children are kept in `other`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobDescription {
    pub job_id: String,
    pub status: Option<String>,
    pub priority: Option<i64>,
    pub confirmation_required: Option<bool>,
    pub creation_time: Option<i64>,
    pub termination_date: Option<String>,
    pub description: Option<String>,
    pub role_arn: Option<String>,
    pub status_update_reason: Option<String>,
    /// The operation's element name, e.g. `PutObjectTagging`.
    pub operation: Option<String>,
    pub report_bucket: Option<String>,
    pub report_prefix: Option<String>,
    pub report_enabled: Option<bool>,
    pub failure_reasons: Vec<JobFailure>,
    pub progress_summary: Option<ProgressSummary>,
    pub other: BTreeMap<String, String>,
}

fn text(element: &Element, name: &str) -> Option<String> {
    element
        .child(name)
        .map(|c| c.text.trim().to_string())
        .filter(|t| !t.is_empty())
}

fn number(element: &Element, name: &str) -> Option<i64> {
    text(element, name).and_then(|t| t.parse().ok())
}

fn boolean(element: &Element, name: &str) -> Option<bool> {
    match text(element, name).as_deref() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    }
}

const KNOWN_JOB_CHILDREN: [&str; 16] = [
    "JobId",
    "Status",
    "Priority",
    "ConfirmationRequired",
    "CreationTime",
    "TerminationDate",
    "Description",
    "RoleArn",
    "StatusUpdateReason",
    "Operation",
    "Report",
    "FailureReasons",
    "ProgressSummary",
    "Manifest",
    "KeyPrefixManifestGenerator",
    "ClientRequestToken",
];

/// Reads one `<Job>` element leniently.
pub fn read_job(job: &Element) -> JobDescription {
    let report = job.child("Report");
    let progress = job.child("ProgressSummary").map(|p| ProgressSummary {
        total_number_of_tasks: number(p, "TotalNumberOfTasks"),
        number_of_tasks_succeeded: number(p, "NumberOfTasksSucceeded"),
        number_of_tasks_failed: number(p, "NumberOfTasksFailed"),
        other: p
            .children
            .iter()
            .filter(|c| {
                !matches!(
                    c.name.as_str(),
                    "TotalNumberOfTasks" | "NumberOfTasksSucceeded" | "NumberOfTasksFailed"
                )
            })
            .map(|c| (c.name.clone(), c.text.trim().to_string()))
            .collect(),
    });
    let failure_reasons = job
        .child("FailureReasons")
        .map(|f| {
            f.children
                .iter()
                .map(|failure| JobFailure {
                    failure_code: text(failure, "FailureCode"),
                    failure_reason: text(failure, "FailureReason"),
                })
                .filter(|failure| {
                    failure.failure_code.is_some() || failure.failure_reason.is_some()
                })
                .collect()
        })
        .unwrap_or_default();
    JobDescription {
        job_id: text(job, "JobId").unwrap_or_default(),
        status: text(job, "Status"),
        priority: number(job, "Priority"),
        confirmation_required: boolean(job, "ConfirmationRequired"),
        creation_time: number(job, "CreationTime"),
        termination_date: text(job, "TerminationDate"),
        description: text(job, "Description"),
        role_arn: text(job, "RoleArn"),
        status_update_reason: text(job, "StatusUpdateReason"),
        operation: job
            .child("Operation")
            .and_then(|o| o.children.first())
            .map(|c| c.name.clone()),
        report_bucket: report.and_then(|r| text(r, "Bucket")),
        report_prefix: report.and_then(|r| text(r, "Prefix")),
        report_enabled: report.and_then(|r| boolean(r, "Enabled")),
        failure_reasons,
        progress_summary: progress,
        other: job
            .children
            .iter()
            .filter(|c| !KNOWN_JOB_CHILDREN.contains(&c.name.as_str()) && c.children.is_empty())
            .map(|c| (c.name.clone(), c.text.trim().to_string()))
            .collect(),
    }
}

fn missing(status: u16, what: &str, body: &str) -> ResponseError {
    ResponseError::Unexpected {
        status,
        reason: what.to_string(),
        excerpt: excerpt(body),
    }
}

/// `<DescribeJobResult><Job>…</Job></DescribeJobResult>`.
pub fn parse_describe_job_response(
    status: u16,
    body: &str,
) -> Result<JobDescription, ResponseError> {
    let root = parse_result_document(status, body, "DescribeJobResult")?;
    let job = root.child("Job").unwrap_or(&root);
    let job = read_job(job);
    if job.job_id.is_empty() {
        return Err(missing(status, "<DescribeJobResult> has no JobId", body));
    }
    Ok(job)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobList {
    pub jobs: Vec<JobDescription>,
    pub next_token: Option<String>,
}

/// `<ListJobsResult>`: every `<Job>` (inside `<Jobs>` or not) and the token of the next page.
pub fn parse_list_jobs_response(status: u16, body: &str) -> Result<JobList, ResponseError> {
    let root = parse_result_document(status, body, "ListJobsResult")?;
    let mut jobs = Vec::new();
    for child in &root.children {
        match child.name.as_str() {
            "Job" => jobs.push(read_job(child)),
            "Jobs" => jobs.extend(
                child
                    .children
                    .iter()
                    .filter(|j| j.name == "Job")
                    .map(read_job),
            ),
            _ => {}
        }
    }
    let next_token = text(&root, "NextToken").or_else(|| text(&root, "ContinuationToken"));
    Ok(JobList { jobs, next_token })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateJobStatusResult {
    pub job_id: String,
    pub status: Option<String>,
    pub status_update_reason: Option<String>,
}

pub fn parse_update_job_status_response(
    status: u16,
    body: &str,
) -> Result<UpdateJobStatusResult, ResponseError> {
    let root = parse_result_document(status, body, "UpdateJobStatusResult")?;
    Ok(UpdateJobStatusResult {
        job_id: text(&root, "JobId")
            .ok_or_else(|| missing(status, "<UpdateJobStatusResult> has no JobId", body))?,
        status: text(&root, "Status"),
        status_update_reason: text(&root, "StatusUpdateReason"),
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateJobPriorityResult {
    pub job_id: String,
    pub priority: Option<i64>,
}

pub fn parse_update_job_priority_response(
    status: u16,
    body: &str,
) -> Result<UpdateJobPriorityResult, ResponseError> {
    let root = parse_result_document(status, body, "UpdateJobPriorityResult")?;
    Ok(UpdateJobPriorityResult {
        job_id: text(&root, "JobId")
            .ok_or_else(|| missing(status, "<UpdateJobPriorityResult> has no JobId", body))?,
        priority: number(&root, "Priority"),
    })
}

/// A described job's settings as a new CreateJob draft: what "clone into the builder" opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClonedJob {
    /// The job's CreateJob settings with `new_token` as its ClientRequestToken, so submitting it
    /// creates a new job instead of returning the described one.
    pub request: crate::model::CreateJobRequest,
    /// Settings the response held in a form the builder cannot read, each with its path and reason;
    /// they are left out of the draft rather than guessed.
    pub left_out: Vec<String>,
}

/// Reads a DescribeJob response into a new draft (see [`ClonedJob`]).
pub fn clone_described_job(
    status: u16,
    body: &str,
    new_token: &str,
) -> Result<ClonedJob, ResponseError> {
    let root = parse_result_document(status, body, "DescribeJobResult")?;
    let job = root.child("Job").unwrap_or(&root);
    if text(job, "JobId").is_none() {
        return Err(missing(status, "<DescribeJobResult> has no JobId", body));
    }
    let (mut request, errors) = crate::xml::reader::read_request_children_leniently(job);
    request.client_request_token = Some(new_token.to_string());
    Ok(ClonedJob {
        request,
        left_out: errors.iter().map(|error| error.to_string()).collect(),
    })
}
