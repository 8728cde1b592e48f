//! The journal of the jobs this CLI submitted (issue #31): append-only JSON lines, each flushed to
//! disk before the command goes on — a job is recorded before its CreateJob is sent (its
//! ClientRequestToken, the request as sent, the region, the manifest's ETag) and again with its
//! JobId; every status a `wait`, `describe` or `list` sees is added with the time it was first seen.
//! `$OSSBATCH_HOME/journal.jsonl`, else the platform's data directory. Never a secret: requests are
//! journaled as CreateJob bodies (no credentials, no signature).

use std::io::Write;
use std::path::PathBuf;

/// Where the journal is.
pub fn path() -> PathBuf {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(home) = var("OSSBATCH_HOME") {
        return home.join("journal.jsonl");
    }
    let data = if cfg!(target_os = "macos") {
        var("HOME").map(|h| h.join("Library/Application Support"))
    } else if cfg!(windows) {
        var("APPDATA")
    } else {
        var("XDG_DATA_HOME").or_else(|| var("HOME").map(|h| h.join(".local/share")))
    };
    data.unwrap_or_else(|| PathBuf::from("."))
        .join("ossbatch")
        .join("journal.jsonl")
}

fn now() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    ossbatch_core::SigningTime::from_unix_seconds(seconds)
        .map(|t| t.rfc3339())
        .unwrap_or_default()
}

/// Appends one event and syncs it to disk.
pub fn append(mut event: serde_json::Value) -> Result<(), String> {
    let path = path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    event["at"] = now().into();
    let mut line = event.to_string();
    line.push('\n');
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(line.as_bytes())
        .and_then(|()| file.sync_data())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Every event, in order (a line cut by a crash is skipped).
pub fn read() -> Vec<serde_json::Value> {
    std::fs::read_to_string(path())
        .unwrap_or_default()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// A status seen for a job: journaled when it is not the last one the journal has for it.
pub fn seen(job_id: &str, status: &str) {
    let last = read()
        .into_iter()
        .rev()
        .find(|e| e["event"] == "status" && e["jobId"] == job_id)
        .and_then(|e| e["status"].as_str().map(String::from));
    if last.as_deref() == Some(status) {
        return;
    }
    if let Err(error) =
        append(serde_json::json!({ "event": "status", "jobId": job_id, "status": status }))
    {
        eprintln!("note: the journal could not be written: {error}");
    }
}

/// The JobId of the job submitted from here with `request` (its ClientRequestToken aside), when the
/// journal recorded its creation.
pub fn job_id_of(request: &ossbatch_core::CreateJobRequest) -> Option<String> {
    let canonical = |request: &ossbatch_core::CreateJobRequest| {
        let mut request = request.clone();
        request.client_request_token = None;
        ossbatch_core::to_xml(&request, ossbatch_core::XmlStyle::Compact)
    };
    let wanted = canonical(request);
    let events = read();
    let tokens: std::collections::HashSet<&str> = events
        .iter()
        .filter(|e| e["event"] == "submitting")
        .filter(|e| {
            e["request"]
                .as_str()
                .and_then(|xml| ossbatch_core::from_xml(xml).ok())
                .is_some_and(|sent| canonical(&sent) == wanted)
        })
        .filter_map(|e| e["token"].as_str())
        .collect();
    events
        .iter()
        .rev()
        .find(|e| {
            e["event"] == "created" && e["token"].as_str().is_some_and(|t| tokens.contains(t))
        })
        .and_then(|e| e["jobId"].as_str().map(String::from))
}
