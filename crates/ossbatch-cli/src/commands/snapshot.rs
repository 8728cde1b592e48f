//! `ossbatch snapshot` (issue #31): before-images of what the job's operation will change — tag
//! sets, ACLs, restore states — one JSON line an object (`ossbatch_core::snapshot`), read with the
//! plan's readers (each distinct object once, `--concurrency` at a time, or from an inventory where
//! its columns say enough), flushed every round so that `--resume` continues where the file ends and
//! gives the same bytes as a run that was never interrupted. `--shard K/N` takes one of N disjoint
//! parts. Secrets are never written.

use std::collections::HashSet;
use std::io::{Read, Seek, Write};

use ossbatch_core::plan::summary::identity_hash;
use ossbatch_core::plan::{JobOperation, ObjectState, Presence, Target as Row};
use ossbatch_core::snapshot::{Shard, SnapshotRow};

use super::plan::{inspect, sources};
use super::{load, remote_command};
use crate::exit::ExitStatus;
use crate::remote::{Client, Failed, Target};

/// Objects read between two flushes of the rows file.
const ROUND: usize = 1024;

pub struct Options {
    pub inventory: Option<String>,
    pub concurrency: usize,
    pub resume: bool,
    pub shard: Option<String>,
    pub out: String,
}

pub fn run(file: &str, target: &Target, options: Options) -> ExitStatus {
    let request = match load(file, target.lang) {
        Ok(request) => request,
        Err(message) => return Failed::input(message).report(target.json),
    };
    remote_command(target, |client, _| snapshot(client, &request, &options))
}

fn io_error(path: &std::path::Path, error: std::io::Error) -> Failed {
    Failed::input(format!("{}: {error}", path.display()))
}

/// The complete lines a rows file already holds, and its length up to the end of the last one.
fn complete_lines(path: &std::path::Path) -> Result<(usize, u64), Failed> {
    let mut text = Vec::new();
    match std::fs::File::open(path) {
        Ok(mut file) => {
            file.read_to_end(&mut text).map_err(|e| io_error(path, e))?;
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok((0, 0)),
        Err(error) => return Err(io_error(path, error)),
    }
    let end = text
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |at| at + 1);
    let lines = text[..end].iter().filter(|b| **b == b'\n').count();
    Ok((lines, end as u64))
}

fn snapshot(
    client: &Client,
    request: &ossbatch_core::CreateJobRequest,
    options: &Options,
) -> Result<ExitStatus, Failed> {
    let operation = JobOperation::of_request(request)
        .ok_or_else(|| Failed::input("the job must name exactly one operation"))?;
    let shard = match &options.shard {
        Some(text) => Shard::parse(text).map_err(Failed::input)?,
        None => Shard::WHOLE,
    };
    let dir = std::path::Path::new(&options.out);
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let rows_path = dir.join(format!("objects{}.jsonl", shard.suffix()));
    let targets = sources::read(client, request, None)?;
    // This part's distinct objects, in manifest order (the order every run writes them in).
    let mut prepared = match &options.inventory {
        Some(path) => Some(sources::PreparedInventory::open(path)?),
        None => None,
    };
    let mut seen = HashSet::new();
    let mut objects: Vec<(Row, Option<ObjectState>)> = Vec::new();
    targets.for_each(|row, listed| {
        if shard.holds(&row.bucket, &row.key, &row.version_id) && seen.insert(identity_hash(&row)) {
            objects.push((row, listed.cloned()));
        }
    })?;
    let inventory = match prepared.take() {
        Some(mut prepared) => {
            targets.for_each_ref(|row| prepared.want(row))?;
            let mut notes = Vec::new();
            let inventory = sources::read_inventory(prepared, &mut notes)?;
            for note in notes {
                eprintln!("note: {note}");
            }
            Some(inventory)
        }
        None => None,
    };
    let (done, length) = if options.resume {
        complete_lines(&rows_path)?
    } else {
        (0, 0)
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(!options.resume)
        .open(&rows_path)
        .map_err(|e| io_error(&rows_path, e))?;
    // A line cut by an interruption is dropped and read again.
    file.set_len(length).map_err(|e| io_error(&rows_path, e))?;
    file.seek(std::io::SeekFrom::End(0))
        .map_err(|e| io_error(&rows_path, e))?;
    if done > 0 {
        eprintln!(
            "resuming after {done} objects already in {}",
            rows_path.display()
        );
    }
    let needs = operation.needs();
    let mut unread = Vec::new();
    for round in objects[done.min(objects.len())..].chunks(ROUND) {
        let states = inspect::parallel(options.concurrency, round.len(), "objects read", |i| {
            let (row, listed) = &round[i];
            let known = listed
                .clone()
                .or_else(|| inventory.as_ref().and_then(|inv| inv.state(row)));
            inspect::inspect(client, row, known, needs)
        });
        let mut text = String::new();
        for ((row, _), state) in round.iter().zip(&states) {
            if let Presence::Unread(why) = &state.presence {
                unread.push(format!("{}/{}: {why}", row.bucket, row.key));
            }
            text.push_str(&SnapshotRow::of(row, state).line());
        }
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_data())
            .map_err(|e| io_error(&rows_path, e))?;
    }
    drop(file);
    write_summary(
        dir,
        shard,
        &rows_path,
        request,
        &operation,
        objects.len(),
        unread.len(),
    )?;
    println!("{}", rows_path.display());
    for line in &unread {
        eprintln!("not read: {line}");
    }
    Ok(if unread.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::TasksFailed
    })
}

/// `snapshot[-K-of-N].json` beside a finished rows file: the job, the counts, when it was read and the
/// rows file's MD5 (what `rollback` checks before it trusts the rows). Shared with `plan --snapshot`.
pub(crate) fn write_summary(
    dir: &std::path::Path,
    shard: Shard,
    rows_path: &std::path::Path,
    request: &ossbatch_core::CreateJobRequest,
    operation: &JobOperation,
    objects: usize,
    unread: usize,
) -> Result<(), Failed> {
    let bytes = std::fs::read(rows_path).map_err(|e| io_error(rows_path, e))?;
    let mut md5 = ossbatch_core::manifest_file::Etag::new();
    md5.update(&bytes);
    let name = rows_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let summary = ossbatch_core::snapshot::Summary {
        request,
        operation: operation.name(),
        shard,
        objects,
        unread,
        read_at: &super::plan::now_rfc3339(),
        rows_file: &name,
        rows_md5: &md5.finish(),
    }
    .json();
    let summary_path = dir.join(format!("snapshot{}.json", shard.suffix()));
    std::fs::write(
        &summary_path,
        serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n",
    )
    .map_err(|e| io_error(&summary_path, e))
}
