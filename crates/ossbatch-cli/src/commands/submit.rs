//! `ossbatch submit`: validate a job file and create the job (CreateJob), optionally confirm it and
//! wait for it. A missing ClientRequestToken is derived from the request's content, so re-running the
//! same CI step creates no second job.

use std::time::{Duration, Instant};

use ossbatch_core::api::jobs::JobStatus;
use ossbatch_core::api::objects::build_head_object;
use ossbatch_core::{
    build_create_job, has_errors, parse_create_job_response, validate_with, CreateJobRequest,
    Issue, ValidateOptions,
};

use super::jobs::{describe, print_json, run_wait, update_status, WaitOptions};
use super::{derived_token, load, remote_command};
use crate::exit::ExitStatus;
use crate::remote::{Client, Failed, Target};

/// Reads `file`, then validates and creates the job (and waits for it when `wait` is given).
pub fn run(
    file: &str,
    target: &Target,
    confirm: bool,
    wait: Option<WaitOptions>,
    plan: Option<&str>,
) -> ExitStatus {
    let request = match load(file, target.lang) {
        Ok(request) => request,
        Err(message) => return Failed::input(message).report(target.json),
    };
    remote_command(target, |client, target| {
        if let Some(plan) = plan {
            refuse_changed_since(client, &request, plan)?;
        }
        create(client, target, request, confirm, wait, plan)
    })
}

/// `--plan`: the job and its manifest must be the ones the plan read; else exit 2 saying what
/// changed, before anything is sent.
fn refuse_changed_since(
    client: &Client,
    request: &CreateJobRequest,
    plan: &str,
) -> Result<(), Failed> {
    let location = request.manifest.as_ref().and_then(|m| m.location.as_ref());
    let etag_now = match location {
        Some(location) => {
            let bucket = location.bucket.clone().unwrap_or_default();
            let object = location.object.clone().unwrap_or_default();
            let answer =
                client.exchange(|params| build_head_object(&bucket, &object, None, params))?;
            if answer.status != 200 {
                return Err(Failed::input(format!(
                    "the manifest oss://{bucket}/{object} cannot be read to compare it with the plan: OSS answered {}",
                    answer.status
                )));
            }
            answer.header("etag")
        }
        None => None,
    };
    let changed = super::plan::check_pinned(plan, request, etag_now.as_deref())?;
    if changed.is_empty() {
        return Ok(());
    }
    Err(Failed {
        code: ExitStatus::Unreadable,
        text: format!(
            "refusing to submit: {}; plan again (ossbatch plan --out {plan})",
            changed.join("; ")
        ),
        json: Some(serde_json::json!({ "error": { "Code": "PlanChanged", "Message": changed } })),
    })
}

/// A path as the journal keeps it: absolute, so that `jobs history` finds it from anywhere.
pub(crate) fn absolute(path: &str) -> String {
    std::path::absolute(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_string())
}

/// Creates the job, journaled: recorded (token, request as sent, region, manifest ETag, and what
/// `context` adds: the plan, the snapshot) and synced before CreateJob is sent, and again with its
/// JobId. A crash between the two leaves the token; a run again sends the same token (OSS answers
/// with the same job), so no job is created twice. Nothing is sent if the journal cannot be written.
pub(crate) fn create_journaled(
    client: &Client,
    request: &CreateJobRequest,
    context: serde_json::Value,
) -> Result<String, Failed> {
    let manifest_etag = request
        .manifest
        .as_ref()
        .and_then(|m| m.location.as_ref())
        .and_then(|l| l.etag.clone());
    let mut event = serde_json::json!({
        "event": "submitting",
        "token": request.client_request_token,
        "region": client.region(),
        "request": ossbatch_core::to_xml(request, ossbatch_core::XmlStyle::Compact),
        "manifestETag": manifest_etag,
    });
    if let serde_json::Value::Object(extra) = context {
        for (name, value) in extra.into_iter().filter(|(_, v)| !v.is_null()) {
            event[name] = value;
        }
    }
    crate::journal::append(event).map_err(|error| {
        Failed::input(format!(
            "the journal cannot be written, so nothing was sent: {error}"
        ))
    })?;
    let created = client.call(
        |params| build_create_job(request, params),
        parse_create_job_response,
    )?;
    if let Err(error) = crate::journal::append(serde_json::json!({
        "event": "created",
        "token": request.client_request_token,
        "jobId": created.job_id,
    })) {
        eprintln!("note: the journal could not be written: {error}");
    }
    Ok(created.job_id)
}

fn create(
    client: &Client,
    target: &Target,
    mut request: CreateJobRequest,
    confirm: bool,
    wait: Option<WaitOptions>,
    plan: Option<&str>,
) -> Result<ExitStatus, Failed> {
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
            code: ExitStatus::Invalid,
            text: "the job has validation errors; nothing was sent".into(),
            json: Some(json),
        });
    }
    let job_id = create_journaled(
        client,
        &request,
        serde_json::json!({ "plan": plan.map(absolute) }),
    )?;
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
        return Ok(ExitStatus::Success);
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
            ExitStatus::TasksFailed | ExitStatus::JobFailed | ExitStatus::JobCancelled
        )
    {
        super::report::show_job_report(client, &job_id, target.lang);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_derived_token_follows_the_content_and_fits_the_rule() {
        let xml = include_str!("../../../../tests/fixtures/createjob-sample-request.xml");
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
}
