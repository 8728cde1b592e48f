//! What the job-management calls share: parameter limits, the job id check, and the parts of their
//! response documents that DescribeJob and ListJobs have in common (ProgressSummary, FailureReasons).
//!
//! Each call has its own file with its request builder, parameter checks and response reader:
//! [`super::describe_job`], [`super::list_jobs`], [`super::update_job_status`],
//! [`super::update_job_priority`]. They are re-exported here, so `api::jobs::*` is the one import for
//! job management.
//!
//! Response shapes follow the official Go SDK v2 (`oss/api_op_batch_operations.go` and its tests, which
//! hold documents the live service returned). Readers are lenient: unknown children are kept or
//! skipped, never fatal; a value that does not read as its type is kept as text in `Other`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::issue::Issue;
use crate::rules;
use crate::xml::dom::Element;

pub use super::describe_job::*;
pub use super::job_status::JobStatus;
pub use super::list_jobs::*;
pub use super::update_job_priority::*;
pub use super::update_job_status::*;

pub use crate::limits::{CONTINUATION_TOKEN_MAX, MAX_KEYS_MAX, REASON_MAX};

/// A job id must not be empty. Nothing more is checked: documented as 44 letters and digits, real ids
/// end in `=` or have 43 characters (oss-facts.md).
pub fn check_job_id(out: &mut Vec<Issue>, job_id: &str) {
    if job_id.trim().is_empty() {
        out.push(Issue::new(
            &rules::JOB_ID_MISSING,
            "batchJobId",
            "batchJobId is required: the JobId CreateJob returned.",
        ));
    }
}

/// Why `requested` cannot follow `current` (both as the API writes them), if it cannot.
pub fn transition_refusal(current: &str, requested: &str) -> Option<&'static str> {
    JobStatus::from(current).transition_refusal(&JobStatus::from(requested))
}

/// `<FailureReasons><JobFailure>`: why a job failed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobFailure {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<String>,
}

/// `<ProgressSummary><Timers>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Timers {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elapsed_time_in_active_seconds: Option<i64>,
}

/// `<ProgressSummary>`: task counts as the service sends them. A count of `-1` means "not known yet"
/// (the job has not counted its objects); it is kept as `-1` here, and [`ProgressSummary::total`] and
/// friends turn it into `None` for display.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProgressSummary {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_number_of_tasks: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_tasks_succeeded: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_tasks_failed: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timers: Option<Timers>,
    /// Children this version does not know, as text.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub other: BTreeMap<String, String>,
}

fn known_count(count: Option<i64>) -> Option<u64> {
    count.and_then(|n| u64::try_from(n).ok())
}

impl ProgressSummary {
    /// The number of tasks, when the job has counted them (`None` for `-1` or absent).
    pub fn total(&self) -> Option<u64> {
        known_count(self.total_number_of_tasks)
    }
    pub fn succeeded(&self) -> Option<u64> {
        known_count(self.number_of_tasks_succeeded)
    }
    pub fn failed(&self) -> Option<u64> {
        known_count(self.number_of_tasks_failed)
    }
    /// The service said `-1` for the total: the job is still counting its objects.
    pub fn is_counting(&self) -> bool {
        self.total_number_of_tasks.is_some_and(|n| n < 0)
    }
    pub fn elapsed_active_seconds(&self) -> Option<i64> {
        self.timers
            .as_ref()
            .and_then(|t| t.elapsed_time_in_active_seconds)
    }
}

// ---- reading helpers shared by the response readers ----

/// The trimmed text of the child `name`, when present and not empty.
pub(crate) fn text(element: &Element, name: &str) -> Option<String> {
    element
        .child(name)
        .map(|c| c.text.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// Reads the child `name` as an integer; a value that is not one is put in `other` as text.
pub(crate) fn number(
    element: &Element,
    name: &str,
    other: &mut BTreeMap<String, String>,
) -> Option<i64> {
    let value = text(element, name)?;
    match value.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            other.insert(name.to_string(), value);
            None
        }
    }
}

pub(crate) fn boolean(
    element: &Element,
    name: &str,
    other: &mut BTreeMap<String, String>,
) -> Option<bool> {
    match text(element, name)?.as_str() {
        "true" => Some(true),
        "false" => Some(false),
        value => {
            other.insert(name.to_string(), value.to_string());
            None
        }
    }
}

/// Leaf children whose names are not in `known`, as text (containers are skipped).
pub(crate) fn unknown_leaves(element: &Element, known: &[&str]) -> BTreeMap<String, String> {
    element
        .children
        .iter()
        .filter(|c| !known.contains(&c.name) && c.children.is_empty())
        .map(|c| (c.name.to_owned(), c.text.trim().to_string()))
        .collect()
}

pub(crate) fn read_progress_summary(progress: &Element) -> ProgressSummary {
    const KNOWN: [&str; 4] = [
        "TotalNumberOfTasks",
        "NumberOfTasksSucceeded",
        "NumberOfTasksFailed",
        "Timers",
    ];
    let mut other = unknown_leaves(progress, &KNOWN);
    let timers = progress.child("Timers").map(|timers| Timers {
        elapsed_time_in_active_seconds: number(timers, "ElapsedTimeInActiveSeconds", &mut other),
    });
    ProgressSummary {
        total_number_of_tasks: number(progress, "TotalNumberOfTasks", &mut other),
        number_of_tasks_succeeded: number(progress, "NumberOfTasksSucceeded", &mut other),
        number_of_tasks_failed: number(progress, "NumberOfTasksFailed", &mut other),
        timers,
        other,
    }
}

/// Every `<JobFailure>` inside `<FailureReasons>` (the Go model holds one; any number is read).
pub(crate) fn read_failure_reasons(reasons: &Element) -> Vec<JobFailure> {
    reasons
        .children
        .iter()
        .filter(|c| c.name == "JobFailure")
        .map(|failure| JobFailure {
            failure_code: text(failure, "FailureCode"),
            failure_reason: text(failure, "FailureReason"),
        })
        .filter(|f| f.failure_code.is_some() || f.failure_reason.is_some())
        .collect()
}
