//! DescribeJob: `GET /?batchJob&batchJobId=<id>` → `<DescribeJobResult><Job>…</Job></DescribeJobResult>`.
//!
//! The `Job` carries the job's settings in CreateJob's own elements (a structured `Operation`, `Report`,
//! `Manifest` or `KeyPrefixManifestGenerator`), its `ProgressSummary` with `Timers`, any number of
//! `FailureReasons/JobFailure`, and times as Unix seconds (Go SDK v2 `Job`; sample documents in
//! `tests/fixtures/responses/`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::jobs::{
    boolean, number, read_failure_reasons, read_progress_summary, text, unknown_leaves, JobFailure,
    JobStatus, ProgressSummary,
};
use super::response::{parse_result_document, unexpected, ResponseError};
use super::{sign_service_request, SignedRequest, SigningParams};
use crate::model::{KeyPrefixManifestGenerator, Manifest, Operation, Report};
use crate::sign::SignError;
use crate::xml::dom::Element;

/// The V1 sub-resource (and first query key) of DescribeJob and ListJobs.
pub const DESCRIBE_JOB_OPERATION_KEY: &str = "batchJob";

/// `GET /?batchJob&batchJobId=<id>`.
pub fn build_describe_job(
    job_id: &str,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    sign_service_request(
        "GET",
        DESCRIBE_JOB_OPERATION_KEY,
        vec![("batchJobId".into(), job_id.to_string())],
        params,
    )
}

/// A job as DescribeJob reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobDescription {
    pub job_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<JobStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmation_required: Option<bool>,
    /// Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<i64>,
    /// Unix seconds; present once the job has ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_date: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_update_reason: Option<String>,
    /// The operation with its settings, as in CreateJob (`{"RestoreObject": {"Days": 7, …}}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    /// ossbatch's addition: the operation's element name (`RestoreObject`), also when its settings
    /// could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest: Option<Manifest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_prefix_manifest_generator: Option<KeyPrefixManifestGenerator>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_summary: Option<ProgressSummary>,
    pub failure_reasons: Vec<JobFailure>,
    /// Leaf children this version does not know, and values that did not read as their type, as text.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub other: BTreeMap<String, String>,
    /// Settings elements present but not readable as CreateJob's elements, each with its reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<String>,
}

const JOB_CHILDREN: [&str; 16] = [
    "ConfirmationRequired",
    "CreationTime",
    "JobId",
    "Operation",
    "Report",
    "Manifest",
    "Description",
    "Priority",
    "RoleArn",
    "StatusUpdateReason",
    "ProgressSummary",
    "KeyPrefixManifestGenerator",
    "FailureReasons",
    "Status",
    "TerminationDate",
    // Not in the Go model, but a CreateJob element a future service may echo.
    "ClientRequestToken",
];

/// The CreateJob elements a `Job` carries, read with the strict CreateJob reader one at a time.
const SETTINGS: [&str; 4] = [
    "Operation",
    "Report",
    "Manifest",
    "KeyPrefixManifestGenerator",
];

/// Reads one `<Job>` element leniently.
pub fn read_job(job: &Element) -> JobDescription {
    let mut other = unknown_leaves(job, &JOB_CHILDREN);
    // Only the settings are copied for the CreateJob reader, not the whole job.
    let settings_only = Element {
        name: job.name,
        position: job.position,
        children: job
            .children
            .iter()
            .filter(|c| SETTINGS.contains(&c.name))
            .cloned()
            .collect(),
        text: String::new(),
        text_position: None,
    };
    let (settings, errors) = crate::xml::reader::read_request_children_leniently(&settings_only);
    JobDescription {
        job_id: text(job, "JobId").unwrap_or_default(),
        status: text(job, "Status").map(JobStatus::from),
        priority: number(job, "Priority", &mut other),
        confirmation_required: boolean(job, "ConfirmationRequired", &mut other),
        creation_time: number(job, "CreationTime", &mut other),
        termination_date: number(job, "TerminationDate", &mut other),
        description: text(job, "Description"),
        role_arn: text(job, "RoleArn"),
        status_update_reason: text(job, "StatusUpdateReason"),
        operation_name: job
            .child("Operation")
            .and_then(|o| o.children.first())
            .map(|c| c.name.to_owned()),
        operation: settings.operation,
        report: settings.report,
        manifest: settings.manifest,
        key_prefix_manifest_generator: settings.key_prefix_manifest_generator,
        progress_summary: job.child("ProgressSummary").map(read_progress_summary),
        failure_reasons: job
            .child("FailureReasons")
            .map(read_failure_reasons)
            .unwrap_or_default(),
        other,
        unreadable: errors.iter().map(ToString::to_string).collect(),
    }
}

fn job_element<'a>(root: &'a Element<'a>) -> &'a Element<'a> {
    // The service wraps the job in <Job>; a document with the job's children directly under the root
    // is read too.
    root.child("Job").unwrap_or(root)
}

/// `<DescribeJobResult><Job>…</Job></DescribeJobResult>`.
pub fn parse_describe_job_response(
    status: u16,
    body: &str,
) -> Result<JobDescription, ResponseError> {
    let root = parse_result_document(status, body, "DescribeJobResult")?;
    let job = read_job(job_element(&root));
    if job.job_id.is_empty() {
        return Err(unexpected(status, "<DescribeJobResult> has no JobId", body));
    }
    Ok(job)
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
    let job = job_element(&root);
    if text(job, "JobId").is_none() {
        return Err(unexpected(status, "<DescribeJobResult> has no JobId", body));
    }
    let (mut request, errors) = crate::xml::reader::read_request_children_leniently(job);
    request.client_request_token = Some(new_token.to_string());
    Ok(ClonedJob {
        request,
        left_out: errors.iter().map(|error| error.to_string()).collect(),
    })
}
