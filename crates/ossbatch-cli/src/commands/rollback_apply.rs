//! `ossbatch rollback apply RDIR` (issue #31): the direct plan a rollback wrote (`direct.jsonl`, the
//! before-images beyond `--max-jobs`) carried out object by object — PutObjectTagging with the exact
//! tag set (DeleteObjectTagging for an object that had none), PutObjectAcl with its ACL —
//! `--concurrency` at a time, at most `--rate` calls a second, OSS's 429/503 waited out (the client's
//! retries). Resumable: each round's outcomes are appended and synced to `applied[-K-of-N].jsonl`
//! before the next round starts; a second run skips the lines already restored and tries the failed
//! ones again. `--shard K/N` takes the same part as `snapshot --shard`.

use std::collections::HashSet;
use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ossbatch_core::api::object_writes::{
    build_delete_object_tagging, build_put_object_acl, build_put_object_tagging,
    parse_object_write_response,
};
use ossbatch_core::rollback::{DirectRow, Restore};
use ossbatch_core::snapshot::Shard;

use super::plan::inspect;
use super::remote_command;
use crate::exit::ExitStatus;
use crate::remote::{Client, Failed, Target};

/// Objects restored between two syncs of the record.
const ROUND: usize = 256;

pub struct Options {
    pub concurrency: usize,
    pub shard: Option<String>,
    pub rate: Option<u32>,
    pub rdir: String,
}

/// The direct plan's lines (numbered from 1), as `rollback.json` names its file.
fn read_plan(rdir: &std::path::Path) -> Result<Vec<(usize, DirectRow, Restore)>, Failed> {
    let index_path = rdir.join("rollback.json");
    let index: serde_json::Value = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("{}: {e}", index_path.display()))
        .and_then(|text| {
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", index_path.display()))
        })
        .map_err(Failed::input)?;
    let Some(name) = index["direct"]["file"].as_str() else {
        return Ok(Vec::new());
    };
    if name.contains('/') || name.contains('\\') || name.starts_with('.') {
        return Err(Failed::input(format!(
            "{}: direct.file must name a file in {} ({name:?})",
            index_path.display(),
            rdir.display()
        )));
    }
    let path = rdir.join(name);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failed::input(format!("{}: {e}", path.display())))?;
    let mut rows = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let at = |why: String| Failed::input(format!("{}:{}: {why}", path.display(), i + 1));
        let row: DirectRow = serde_json::from_str(line).map_err(|e| at(e.to_string()))?;
        let restore = row.restore().map_err(at)?;
        rows.push((i + 1, row, restore));
    }
    Ok(rows)
}

/// The lines a record already says were restored.
fn restored_lines(record: &std::path::Path) -> HashSet<usize> {
    std::fs::read_to_string(record)
        .unwrap_or_default()
        .lines()
        // A line cut by an interruption does not parse: that object is restored again (idempotent).
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|entry| entry["outcome"] == "restored")
        .filter_map(|entry| entry["line"].as_u64().map(|n| n as usize))
        .collect()
}

/// At most `rate` calls a second over all workers: each takes the next free slot.
struct Pacer {
    interval: Option<Duration>,
    next: Mutex<Instant>,
}

impl Pacer {
    fn new(rate: Option<u32>) -> Pacer {
        Pacer {
            interval: rate
                .filter(|r| *r > 0)
                .map(|r| Duration::from_secs_f64(1.0 / f64::from(r))),
            next: Mutex::new(Instant::now()),
        }
    }

    fn wait(&self) {
        let Some(interval) = self.interval else {
            return;
        };
        let slot = {
            let mut next = self.next.lock().expect("no worker panics");
            let slot = (*next).max(Instant::now());
            *next = slot + interval;
            slot
        };
        std::thread::sleep(slot.saturating_duration_since(Instant::now()));
    }
}

fn restore_one(client: &Client, row: &DirectRow, restore: &Restore) -> Result<(), Failed> {
    let version = Some(row.version_id.as_str()).filter(|v| !v.is_empty());
    let (bucket, key) = (row.bucket.as_str(), row.key.as_str());
    client.call(
        |params| match restore {
            Restore::Tags(tags) => build_put_object_tagging(bucket, key, version, tags, params),
            Restore::NoTags => build_delete_object_tagging(bucket, key, version, params),
            Restore::Acl(acl) => build_put_object_acl(bucket, key, version, acl, params),
        },
        parse_object_write_response,
    )
}

pub fn run(target: &Target, options: Options) -> ExitStatus {
    let rdir = std::path::PathBuf::from(&options.rdir);
    let prepared = (|| {
        let shard = match &options.shard {
            Some(text) => Shard::parse(text).map_err(Failed::input)?,
            None => Shard::WHOLE,
        };
        let rows: Vec<_> = read_plan(&rdir)?
            .into_iter()
            .filter(|(_, row, _)| shard.holds(&row.bucket, &row.key, &row.version_id))
            .collect();
        Ok::<_, Failed>((shard, rows))
    })();
    let (shard, rows) = match prepared {
        Ok(prepared) => prepared,
        Err(failed) => return failed.report(target.json),
    };
    if rows.is_empty() {
        println!(
            "nothing to apply: the direct plan of {} is empty",
            rdir.display()
        );
        return ExitStatus::Success;
    }
    remote_command(target, |client, _| {
        apply(client, &rdir, shard, rows, &options)
    })
}

fn apply(
    client: &Client,
    rdir: &std::path::Path,
    shard: Shard,
    rows: Vec<(usize, DirectRow, Restore)>,
    options: &Options,
) -> Result<ExitStatus, Failed> {
    let record_path = rdir.join(format!("applied{}.jsonl", shard.suffix()));
    let done = restored_lines(&record_path);
    let todo: Vec<_> = rows
        .iter()
        .filter(|(line, _, _)| !done.contains(line))
        .collect();
    if todo.len() < rows.len() {
        eprintln!(
            "resuming: {} of {} objects already restored ({})",
            rows.len() - todo.len(),
            rows.len(),
            record_path.display()
        );
    }
    let record_error = |e: std::io::Error| Failed::input(format!("{}: {e}", record_path.display()));
    let mut record = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&record_path)
        .map_err(record_error)?;
    // A line cut by an interruption is dropped, so that the next entry starts a line of its own.
    let complete = std::fs::read(&record_path)
        .map_err(record_error)?
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |at| at + 1);
    record.set_len(complete as u64).map_err(record_error)?;
    let pacer = Pacer::new(options.rate);
    let mut failed = Vec::new();
    for round in todo.chunks(ROUND) {
        let outcomes =
            inspect::parallel(options.concurrency, round.len(), "objects restored", |i| {
                let (_, row, restore) = round[i];
                pacer.wait();
                restore_one(client, row, restore)
            });
        let mut text = String::new();
        for ((line, row, _), outcome) in round.iter().zip(outcomes) {
            let mut entry = serde_json::json!({
                "line": line, "bucket": row.bucket, "key": row.key, "versionId": row.version_id,
                "outcome": "restored",
            });
            if let Err(error) = outcome {
                entry["outcome"] = "failed".into();
                entry["error"] = error.text.clone().into();
                failed.push(format!("{}/{}: {}", row.bucket, row.key, error.text));
            }
            text.push_str(&entry.to_string());
            text.push('\n');
        }
        record
            .write_all(text.as_bytes())
            .and_then(|()| record.sync_data())
            .map_err(record_error)?;
    }
    for line in &failed {
        eprintln!("not restored: {line}");
    }
    println!(
        "{} objects restored, {} not restored, {} restored before ({})",
        todo.len() - failed.len(),
        failed.len(),
        rows.len() - todo.len(),
        record_path.display()
    );
    Ok(if failed.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::TasksFailed
    })
}
