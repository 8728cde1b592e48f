//! `ossbatch jobs …` (issue #23): list, describe, confirm, cancel, reprioritise and wait for jobs
//! from pipelines. The same transition rules the app enforces are checked
//! before anything is sent (a DescribeJob first); `wait` exits by a documented table.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use ossbatch_core::api::jobs::{
    self, build_describe_job, build_list_jobs, build_update_job_priority, build_update_job_status,
    parse_describe_job_response, parse_list_jobs_response, parse_update_job_priority_response,
    parse_update_job_status_response, JobDescription, JobListDescriptor, JobStatus, ListJobsInput,
};
use ossbatch_core::limits::CONFIRMATION_WINDOW_DAYS;
use ossbatch_core::Issue;

use super::remote_command;
use crate::args::{JobsCommand, MaxFailed};
use crate::exit::ExitStatus;
use crate::remote::{Client, Failed, Target};

pub(crate) fn print_json(value: &serde_json::Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

/// How `wait` waits.
pub struct WaitOptions {
    pub timeout: Option<Duration>,
    pub max_failed: MaxFailed,
    pub confirm: bool,
    pub interval: Duration,
}

impl WaitOptions {
    /// The flags as clap read them; the first pause is at least 100 ms.
    pub fn new(
        timeout: Option<Duration>,
        max_failed: MaxFailed,
        interval: Duration,
        confirm: bool,
    ) -> WaitOptions {
        WaitOptions {
            timeout,
            max_failed,
            confirm,
            interval: interval.max(Duration::from_millis(100)),
        }
    }
}

/// Runs one `jobs` subcommand.
pub fn run(command: JobsCommand, target: &dyn Fn(bool) -> Target) -> ExitStatus {
    match command {
        JobsCommand::History { json, sync } => super::history::run(&target(json), sync),
        JobsCommand::List {
            statuses,
            max_keys,
            all,
            json,
        } => remote_command(&target(json), |client, target| {
            // `--status A|B` works too: the API page separates statuses with `|`.
            let statuses: Vec<String> = statuses
                .iter()
                .flat_map(|s| s.split('|'))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            run_list(client, target, &statuses, max_keys, all)
        }),
        JobsCommand::Describe { job_id, json } => {
            remote_command(&target(json), |client, target| {
                run_describe(client, target, &job_id)
            })
        }
        JobsCommand::Confirm { job_id, json } => remote_command(&target(json), |client, target| {
            run_set_status(client, target, &job_id, JobStatus::Ready, None)
        }),
        JobsCommand::Cancel {
            job_id,
            reason,
            json,
        } => remote_command(&target(json), |client, target| {
            run_set_status(
                client,
                target,
                &job_id,
                JobStatus::Cancelled,
                reason.as_deref(),
            )
        }),
        JobsCommand::Priority {
            job_id,
            priority,
            json,
        } => remote_command(&target(json), |client, target| {
            run_priority(client, target, &job_id, priority)
        }),
        JobsCommand::Wait {
            job_id,
            timeout,
            max_failed,
            confirm,
            interval,
            json,
        } => remote_command(&target(json), |client, target| {
            let options = WaitOptions::new(timeout, max_failed, interval, confirm);
            run_wait(client, target, &job_id, &options)
        }),
    }
}

pub(crate) fn describe(client: &Client, job_id: &str) -> Result<JobDescription, Failed> {
    let job = client.call(
        |params| build_describe_job(job_id, params),
        parse_describe_job_response,
    )?;
    if let Some(status) = &job.status {
        crate::journal::seen(&job.job_id, status.as_str());
    }
    Ok(job)
}

pub(crate) fn update_status(
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

/// ListJobs from `input` on: one page, or every page when `all`; each job's status goes to the
/// journal. The jobs and the token of the next page (none after the last).
pub(super) fn list_jobs(
    client: &Client,
    mut input: ListJobsInput,
    all: bool,
) -> Result<(Vec<JobListDescriptor>, Option<String>), Failed> {
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
    for job in &listed {
        if let Some(status) = &job.status {
            crate::journal::seen(&job.job_id, status.as_str());
        }
    }
    Ok((listed, next))
}

pub fn run_list(
    client: &Client,
    target: &Target,
    statuses: &[String],
    max_keys: Option<u32>,
    all: bool,
) -> Result<ExitStatus, Failed> {
    let input = ListJobsInput {
        statuses: statuses
            .iter()
            .map(|s| JobStatus::from(s.as_str()))
            .collect(),
        max_keys,
        continuation_token: None,
    };
    refuse(jobs::validate_list_jobs(&input))?;
    let (listed, next) = list_jobs(client, input, all)?;
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
    Ok(ExitStatus::Success)
}

pub fn run_describe(client: &Client, target: &Target, job_id: &str) -> Result<ExitStatus, Failed> {
    let job = describe(client, job_id)?;
    if target.json {
        print_json(&serde_json::json!({ "job": job }));
    } else {
        println!("{}", describe_text(&job));
    }
    Ok(ExitStatus::Success)
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
) -> Result<ExitStatus, Failed> {
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
    Ok(ExitStatus::Success)
}

pub fn run_priority(
    client: &Client,
    target: &Target,
    job_id: &str,
    priority: i64,
) -> Result<ExitStatus, Failed> {
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
    Ok(ExitStatus::Success)
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
) -> Result<ExitStatus, Failed> {
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
                    (job, "complete", ExitStatus::Success)
                } else {
                    (job, "complete-with-failures", ExitStatus::TasksFailed)
                };
            }
            Some(JobStatus::Failed) => break (job, "failed", ExitStatus::JobFailed),
            Some(JobStatus::Cancelled) => break (job, "cancelled", ExitStatus::JobCancelled),
            Some(JobStatus::Suspended) if options.confirm => {
                update_status(client, job_id, &JobStatus::Ready, None)?;
                eprintln!("confirmed job {job_id} (it was waiting for confirmation)");
            }
            Some(JobStatus::Suspended) if !told_suspended => {
                told_suspended = true;
                let deadline = job
                    .creation_time
                    .map(|t| {
                        format!(
                            " before {}",
                            utc(t + i64::from(CONFIRMATION_WINDOW_DAYS) * 86_400)
                        )
                    })
                    .unwrap_or_default();
                eprintln!("job {job_id} is waiting for confirmation: confirm it within {CONFIRMATION_WINDOW_DAYS} days{deadline} (ossbatch jobs confirm {job_id}, or --confirm)");
            }
            _ => {}
        }
        // The deadline is checked when it comes, never predicted: the last poll is at the deadline
        // (a sleep is cut short to meet it), and only a status read at or after it times out.
        let mut pause = interval;
        if let Some(limit) = options.timeout {
            let elapsed = start.elapsed();
            if elapsed >= limit {
                break (job, "timeout", ExitStatus::TimedOut);
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
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
    }
}
