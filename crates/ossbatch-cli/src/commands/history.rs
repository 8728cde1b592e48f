//! `ossbatch jobs history` (issue #31): the jobs this CLI submitted, as its journal remembers them
//! (`crate::journal`), so a job stays known after OSS stops listing it. `--sync` asks ListJobs first:
//! statuses it shows are journaled, and journaled jobs it no longer lists are marked so.

use std::collections::BTreeMap;

use ossbatch_core::api::jobs::{JobStatus, ListJobsInput};
use ossbatch_core::limits::CONFIRMATION_WINDOW_DAYS;

use super::remote_command;
use crate::exit::ExitStatus;
use crate::journal;
use crate::remote::{Client, Failed, Target};

/// One submitted job, folded from the journal's events.
#[derive(Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    token: String,
    job_id: Option<String>,
    region: Option<String>,
    submitted_at: Option<String>,
    #[serde(rename = "manifestETag")]
    manifest_etag: Option<String>,
    /// The job's Description, as sent.
    description: Option<String>,
    /// The plan it was submitted with (`submit --plan`), the snapshot a rollback job came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot: Option<String>,
    statuses: Vec<Seen>,
    /// OSS no longer lists it (`--sync`).
    unlisted: bool,
    /// For a Suspended job: the first time it was seen Suspended + 14 days (the earliest the
    /// confirmation window can close, when the journal knows when it became Suspended).
    #[serde(skip_serializing_if = "Option::is_none")]
    confirm_by: Option<String>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Seen {
    status: String,
    first_seen: String,
}

fn fold(events: &[serde_json::Value]) -> Vec<Entry> {
    let mut by_token: BTreeMap<String, Entry> = BTreeMap::new();
    let mut order = Vec::new();
    let text = |e: &serde_json::Value, k: &str| e[k].as_str().map(String::from);
    for event in events {
        let token = text(event, "token").unwrap_or_default();
        match event["event"].as_str() {
            Some("submitting") => {
                let entry = by_token.entry(token.clone()).or_insert_with(|| {
                    order.push(token.clone());
                    Entry {
                        token: token.clone(),
                        ..Entry::default()
                    }
                });
                entry.region = text(event, "region");
                entry.submitted_at = entry.submitted_at.take().or_else(|| text(event, "at"));
                entry.manifest_etag = text(event, "manifestETag");
                entry.plan = text(event, "plan");
                entry.snapshot = text(event, "snapshot");
                entry.description = event["request"]
                    .as_str()
                    .and_then(|xml| ossbatch_core::from_xml(xml).ok())
                    .and_then(|request| request.description);
            }
            Some("created") => {
                if let Some(entry) = by_token.get_mut(&token) {
                    entry.job_id = text(event, "jobId");
                }
            }
            _ => {}
        }
    }
    let mut entries: Vec<Entry> = order
        .into_iter()
        .filter_map(|t| by_token.remove(&t))
        .collect();
    for entry in &mut entries {
        let Some(job_id) = entry.job_id.clone() else {
            continue;
        };
        for event in events.iter().filter(|e| e["jobId"] == job_id.as_str()) {
            match event["event"].as_str() {
                Some("status") => entry.statuses.push(Seen {
                    status: text(event, "status").unwrap_or_default(),
                    first_seen: text(event, "at").unwrap_or_default(),
                }),
                Some("unlisted") => entry.unlisted = true,
                _ => {}
            }
        }
        let seen = entry
            .statuses
            .iter()
            .map(|s| (s.status.as_str(), s.first_seen.as_str()));
        entry.confirm_by = JobStatus::suspended_since(seen)
            .map(|at| format!("{CONFIRMATION_WINDOW_DAYS} days after {at}"));
    }
    entries
}

fn sync(client: &Client) -> Result<(), Failed> {
    let input = ListJobsInput {
        max_keys: Some(100),
        ..ListJobsInput::default()
    };
    let (listed, _) = super::jobs::list_jobs(client, input, true)?;
    let events = journal::read();
    for entry in fold(&events) {
        let Some(job_id) = entry.job_id else { continue };
        if !entry.unlisted && !listed.iter().any(|j| j.job_id == job_id) {
            journal::append(serde_json::json!({ "event": "unlisted", "jobId": job_id }))
                .map_err(Failed::input)?;
        }
    }
    Ok(())
}

pub fn run(target: &Target, with_sync: bool) -> ExitStatus {
    if with_sync {
        let code = remote_command(target, |client, _| {
            sync(client).map(|()| ExitStatus::Success)
        });
        if code != ExitStatus::Success {
            return code;
        }
    }
    let entries = fold(&journal::read());
    if target.json {
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "jobs": entries, "journal": journal::path() })
            )
            .unwrap_or_default()
        );
        return ExitStatus::Success;
    }
    for entry in &entries {
        let last = entry.statuses.last();
        println!(
            "{}\t{}\t{}\t{}{}",
            entry.job_id.as_deref().unwrap_or("(not created)"),
            last.map_or("", |s| s.status.as_str()),
            entry.submitted_at.as_deref().unwrap_or(""),
            entry.token,
            if entry.unlisted {
                "\t(no longer listed by OSS)"
            } else {
                ""
            }
        );
    }
    ExitStatus::Success
}
