//! `ossbatch submit` and `ossbatch jobs …` (issue #23): create, list, describe, confirm, cancel,
//! reprioritise and wait for jobs from pipelines. The same transition rules the app enforces are checked
//! before anything is sent (a DescribeJob first); `wait` exits by a documented table.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use ossbatch_core::api::jobs::{
    self, build_describe_job, build_list_jobs, build_update_job_priority, build_update_job_status,
    parse_describe_job_response, parse_list_jobs_response, parse_update_job_priority_response,
    parse_update_job_status_response, JobDescription, JobStatus, ListJobsInput,
};
use ossbatch_core::{
    build_create_job, has_errors, parse_create_job_response, to_xml, validate_with,
    CreateJobRequest, Issue, ValidateOptions, XmlStyle,
};
use sha2::{Digest, Sha256};

use crate::remote::{Client, Failed, Target};
use crate::{EXIT_INVALID, EXIT_OK};

/// `wait`'s exit codes (besides 0 done, 1 an OSS or network error, 2 bad input).
pub const EXIT_COMPLETE_WITH_FAILURES: u8 = 3;
pub const EXIT_JOB_FAILED: u8 = 4;
pub const EXIT_JOB_CANCELLED: u8 = 5;
pub const EXIT_TIMED_OUT: u8 = 6;

/// A confirmation-required job waits this long in Suspended before OSS gives up on it.
const CONFIRMATION_DAYS: i64 = 14;

fn print_json(value: &serde_json::Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

/// A ClientRequestToken derived from the request's content: re-running the same CI step sends the same
/// token (OSS answers with the same job), a different request gets a different one.
pub fn derived_token(request: &CreateJobRequest) -> String {
    let mut without = request.clone();
    without.client_request_token = None;
    let digest = Sha256::digest(to_xml(&without, XmlStyle::Compact).as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("ossbatch-{hex}")
}

/// How many failed tasks `wait` accepts: a count or a share of TotalNumberOfTasks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MaxFailed {
    Count(u64),
    Percent(f64),
}

pub fn parse_max_failed(text: &str) -> Result<MaxFailed, String> {
    let text = text.trim();
    let bad = || format!("--max-failed {text:?}: a number of tasks (0) or a share of them (2%)");
    match text.strip_suffix('%') {
        Some(share) => share
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|p| (0.0..=100.0).contains(p))
            .map(MaxFailed::Percent)
            .ok_or_else(bad),
        None => text.parse().map(MaxFailed::Count).map_err(|_| bad()),
    }
}

/// How `wait` waits.
pub struct WaitOptions {
    pub timeout: Option<Duration>,
    pub max_failed: MaxFailed,
    pub confirm: bool,
    pub interval: Duration,
}

pub fn run_submit(
    client: &Client,
    target: &Target,
    mut request: CreateJobRequest,
    confirm: bool,
    wait: Option<WaitOptions>,
) -> Result<u8, Failed> {
    if request
        .client_request_token
        .as_deref()
        .is_none_or(|t| t.trim().is_empty())
    {
        request.client_request_token = Some(derived_token(&request));
    }
    let options = ValidateOptions {
        region: Some(client.region().to_string()),
    };
    let issues: Vec<Issue> = validate_with(&request, &options)
        .into_iter()
        .map(|issue| issue.localized(target.lang))
        .collect();
    if has_errors(&issues) {
        for issue in &issues {
            eprintln!("{issue}");
        }
        let json = serde_json::json!({ "issues": issues });
        return Err(Failed {
            code: EXIT_INVALID,
            text: "the job has validation errors; nothing was sent".into(),
            json: Some(json),
        });
    }
    let created = client.call(
        |params| build_create_job(&request, params),
        parse_create_job_response,
    )?;
    let job_id = created.job_id;
    if wait.is_none() {
        if confirm {
            confirm_when_suspended(
                client,
                &job_id,
                Duration::from_secs(600),
                Duration::from_secs(5),
            )?;
        }
        if target.json {
            print_json(
                &serde_json::json!({ "jobId": job_id, "clientRequestToken": request.client_request_token }),
            );
        } else {
            println!("{job_id}");
        }
        return Ok(EXIT_OK);
    }
    if !target.json {
        eprintln!("created job {job_id}");
    }
    let mut options = wait.expect("checked");
    options.confirm = confirm;
    let code = run_wait(client, target, &job_id, &options)?;
    let reported = request.report.as_ref().and_then(|r| r.enabled) == Some(true);
    if reported
        && matches!(
            code,
            EXIT_COMPLETE_WITH_FAILURES | EXIT_JOB_FAILED | EXIT_JOB_CANCELLED
        )
    {
        crate::report::show_job_report(client, &job_id, target.lang);
    }
    Ok(code)
}

/// Polls until the job leaves New/Preparing; confirms it when it waits in Suspended.
fn confirm_when_suspended(
    client: &Client,
    job_id: &str,
    limit: Duration,
    interval: Duration,
) -> Result<(), Failed> {
    let start = Instant::now();
    loop {
        let job = describe(client, job_id)?;
        match job.status {
            Some(JobStatus::Suspended) => {
                update_status(client, job_id, &JobStatus::Ready, None)?;
                return Ok(());
            }
            Some(JobStatus::New | JobStatus::Preparing) if start.elapsed() < limit => {
                std::thread::sleep(interval)
            }
            _ => return Ok(()),
        }
    }
}

fn describe(client: &Client, job_id: &str) -> Result<JobDescription, Failed> {
    client.call(
        |params| build_describe_job(job_id, params),
        parse_describe_job_response,
    )
}

fn update_status(
    client: &Client,
    job_id: &str,
    requested: &JobStatus,
    reason: Option<&str>,
) -> Result<jobs::UpdateJobStatusResult, Failed> {
    client.call(
        |params| build_update_job_status(job_id, requested, reason, params),
        parse_update_job_status_response,
    )
}

/// Refuses invalid parameters (the core's issues) as bad input, naming the rule.
fn refuse(issues: Vec<Issue>) -> Result<(), Failed> {
    let errors: Vec<String> = issues
        .iter()
        .filter(|issue| issue.is_error())
        .map(|issue| format!("{}: {}", issue.path, issue.message))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Failed::input(errors.join("\n")))
    }
}

pub fn run_list(
    client: &Client,
    target: &Target,
    statuses: &[String],
    max_keys: Option<u32>,
    all: bool,
) -> Result<u8, Failed> {
    let mut input = ListJobsInput {
        statuses: statuses
            .iter()
            .map(|s| JobStatus::from(s.as_str()))
            .collect(),
        max_keys,
        continuation_token: None,
    };
    refuse(jobs::validate_list_jobs(&input))?;
    let mut listed = Vec::new();
    let next = loop {
        let page = client.call(
            |params| build_list_jobs(&input, params),
            parse_list_jobs_response,
        )?;
        listed.extend(page.jobs);
        match page.next_token {
            Some(token) if all => input.continuation_token = Some(token),
            other => break other,
        }
    };
    if target.json {
        print_json(&serde_json::json!({ "jobs": listed, "nextToken": next }));
    } else {
        for job in &listed {
            let progress = job.progress_summary.as_ref();
            println!(
                "{}\t{}\t{}\t{}\t{}/{} done, {} failed",
                job.job_id,
                job.status.as_ref().map_or("", JobStatus::as_str),
                job.operation.as_deref().unwrap_or(""),
                job.priority.map(|p| p.to_string()).unwrap_or_default(),
                progress
                    .and_then(|p| p.succeeded())
                    .map_or("?".into(), |n| n.to_string()),
                progress
                    .and_then(|p| p.total())
                    .map_or("?".into(), |n| n.to_string()),
                progress
                    .and_then(|p| p.failed())
                    .map_or("?".into(), |n| n.to_string()),
            );
        }
        if let Some(token) = &next {
            eprintln!("more jobs: --all follows them (next token {token})");
        }
    }
    Ok(EXIT_OK)
}

pub fn run_describe(client: &Client, target: &Target, job_id: &str) -> Result<u8, Failed> {
    let job = describe(client, job_id)?;
    if target.json {
        print_json(&serde_json::json!({ "job": job }));
    } else {
        println!("{}", describe_text(&job));
    }
    Ok(EXIT_OK)
}

fn describe_text(job: &JobDescription) -> String {
    let mut lines = vec![format!("JobId: {}", job.job_id)];
    if let Some(status) = &job.status {
        lines.push(format!("Status: {}", status.as_str()));
    }
    if let Some(reason) = &job.status_update_reason {
        lines.push(format!("StatusUpdateReason: {reason}"));
    }
    if let Some(name) = &job.operation_name {
        lines.push(format!("Operation: {name}"));
    }
    if let Some(priority) = job.priority {
        lines.push(format!("Priority: {priority}"));
    }
    if let Some(summary) = &job.progress_summary {
        lines.push(format!(
            "Tasks: {} total, {} succeeded, {} failed",
            summary.total().map_or("?".into(), |n| n.to_string()),
            summary.succeeded().map_or("?".into(), |n| n.to_string()),
            summary.failed().map_or("?".into(), |n| n.to_string())
        ));
    }
    for failure in &job.failure_reasons {
        lines.push(format!(
            "Failure: {} {}",
            failure.failure_code.as_deref().unwrap_or(""),
            failure.failure_reason.as_deref().unwrap_or("")
        ));
    }
    lines.join("\n")
}

pub fn run_set_status(
    client: &Client,
    target: &Target,
    job_id: &str,
    requested: JobStatus,
    reason: Option<&str>,
) -> Result<u8, Failed> {
    let current = describe(client, job_id)?.status;
    refuse(jobs::validate_update_job_status(
        job_id,
        current.as_ref(),
        &requested,
        reason,
    ))?;
    let result = update_status(client, job_id, &requested, reason)?;
    if target.json {
        print_json(
            &serde_json::json!({ "jobId": result.job_id, "status": result.status, "statusUpdateReason": result.status_update_reason }),
        );
    } else {
        println!(
            "{}: {}",
            result.job_id,
            result.status.as_ref().map_or("", JobStatus::as_str)
        );
    }
    Ok(EXIT_OK)
}

pub fn run_priority(
    client: &Client,
    target: &Target,
    job_id: &str,
    priority: i64,
) -> Result<u8, Failed> {
    refuse(jobs::validate_update_job_priority(job_id, priority))?;
    let current = describe(client, job_id)?;
    if current.status.as_ref().is_some_and(JobStatus::is_final) {
        return Err(Failed::input(format!(
            "job {job_id} has ended ({}); its priority can no longer change",
            current.status.as_ref().map_or("", JobStatus::as_str)
        )));
    }
    let result = client.call(
        |params| build_update_job_priority(job_id, priority, params),
        parse_update_job_priority_response,
    )?;
    if target.json {
        print_json(&serde_json::json!({ "jobId": result.job_id, "priority": result.priority }));
    } else {
        println!(
            "{}: priority {}",
            result.job_id,
            result.priority.map(|p| p.to_string()).unwrap_or_default()
        );
    }
    Ok(EXIT_OK)
}

/// A progress line or bar on standard error.
struct Progress {
    terminal: bool,
    last: String,
    started: Instant,
    first_done: Option<(Instant, u64)>,
}

impl Progress {
    fn show(&mut self, job: &JobDescription) {
        let status = job.status.as_ref().map_or("?", JobStatus::as_str);
        let summary = job.progress_summary.clone().unwrap_or_default();
        let (total, succeeded, failed) = (
            summary.total(),
            summary.succeeded().unwrap_or(0),
            summary.failed().unwrap_or(0),
        );
        let done = succeeded + failed;
        let line = match total {
            Some(total) => format!("{status}: {done}/{total} tasks, {failed} failed"),
            None => format!("{status}: counting tasks"),
        };
        if self.terminal {
            // A bar and an ETA from the rate between snapshots.
            let eta = match (total, self.first_done) {
                (Some(total), Some((at, before))) if done > before && total > done => {
                    let rate = (done - before) as f64 / at.elapsed().as_secs_f64().max(0.001);
                    format!(" ETA {}s", ((total - done) as f64 / rate) as u64)
                }
                _ => String::new(),
            };
            if self.first_done.is_none() && done > 0 {
                self.first_done = Some((Instant::now(), done));
            }
            let filled = total.map_or(0, |t| (done * 30 / t.max(1)) as usize);
            eprint!(
                "\r[{}{}] {line}{eta}   ",
                "=".repeat(filled),
                " ".repeat(30 - filled.min(30))
            );
        } else if line != self.last {
            eprintln!("{line} ({}s)", self.started.elapsed().as_secs());
        }
        self.last = line;
    }
}

pub fn run_wait(
    client: &Client,
    target: &Target,
    job_id: &str,
    options: &WaitOptions,
) -> Result<u8, Failed> {
    let start = Instant::now();
    let mut interval = options.interval;
    let mut progress = Progress {
        terminal: std::io::stderr().is_terminal(),
        last: String::new(),
        started: start,
        first_done: None,
    };
    let mut told_suspended = false;
    let (job, outcome, code) = loop {
        let job = describe(client, job_id)?;
        progress.show(&job);
        match &job.status {
            Some(JobStatus::Complete) => {
                let summary = job.progress_summary.clone().unwrap_or_default();
                let failed = summary.failed().unwrap_or(0);
                let allowed = match options.max_failed {
                    MaxFailed::Count(n) => failed <= n,
                    MaxFailed::Percent(p) => {
                        (failed as f64) <= p / 100.0 * summary.total().unwrap_or(0) as f64
                    }
                };
                break if allowed {
                    (job, "complete", EXIT_OK)
                } else {
                    (job, "complete-with-failures", EXIT_COMPLETE_WITH_FAILURES)
                };
            }
            Some(JobStatus::Failed) => break (job, "failed", EXIT_JOB_FAILED),
            Some(JobStatus::Cancelled) => break (job, "cancelled", EXIT_JOB_CANCELLED),
            Some(JobStatus::Suspended) if options.confirm => {
                update_status(client, job_id, &JobStatus::Ready, None)?;
                eprintln!("confirmed job {job_id} (it was waiting for confirmation)");
            }
            Some(JobStatus::Suspended) if !told_suspended => {
                told_suspended = true;
                let deadline = job
                    .creation_time
                    .map(|t| format!(" before {}", utc(t + CONFIRMATION_DAYS * 86_400)))
                    .unwrap_or_default();
                eprintln!("job {job_id} is waiting for confirmation: confirm it within {CONFIRMATION_DAYS} days{deadline} (ossbatch jobs confirm {job_id}, or --confirm)");
            }
            _ => {}
        }
        // The deadline is checked when it comes, never predicted: the last poll is at the deadline
        // (a sleep is cut short to meet it), and only a status read at or after it times out.
        let mut pause = interval;
        if let Some(limit) = options.timeout {
            let elapsed = start.elapsed();
            if elapsed >= limit {
                break (job, "timeout", EXIT_TIMED_OUT);
            }
            pause = pause.min(limit - elapsed);
        }
        std::thread::sleep(pause);
        interval = (interval * 3 / 2)
            .min(Duration::from_secs(60))
            .max(options.interval);
    };
    if progress.terminal {
        eprintln!();
    }
    if target.json {
        print_json(&serde_json::json!({ "job": job, "outcome": outcome }));
    } else {
        println!("{job_id}: {outcome}");
    }
    Ok(code)
}

/// Unix seconds as `YYYY-MM-DD HH:MM UTC`.
fn utc(seconds: i64) -> String {
    match ossbatch_core::SigningTime::from_unix_seconds(seconds) {
        Ok(time) => {
            let stamp = time.iso8601_basic();
            format!(
                "{}-{}-{} {}:{} UTC",
                &stamp[0..4],
                &stamp[4..6],
                &stamp[6..8],
                &stamp[9..11],
                &stamp[11..13]
            )
        }
        Err(_) => seconds.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_derived_token_follows_the_content_and_fits_the_rule() {
        let xml = include_str!("../../../tests/fixtures/createjob-sample-request.xml");
        let mut request = ossbatch_core::from_xml(xml).unwrap();
        let token = derived_token(&request);
        assert!(token.len() <= 64 && token.starts_with("ossbatch-"));
        request.client_request_token = Some("another".into());
        assert_eq!(
            derived_token(&request),
            token,
            "the token itself is not part of the content"
        );
        request.priority = Some(99);
        assert_ne!(derived_token(&request), token);
    }

    #[test]
    fn max_failed() {
        assert_eq!(parse_max_failed("0").unwrap(), MaxFailed::Count(0));
        assert_eq!(parse_max_failed("2.5%").unwrap(), MaxFailed::Percent(2.5));
        assert!(parse_max_failed("-1").is_err());
        assert!(parse_max_failed("150%").is_err());
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
    }
}
