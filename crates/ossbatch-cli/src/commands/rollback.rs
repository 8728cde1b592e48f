//! `ossbatch rollback` (issue #31): from a snapshot's before-images (all its parts), the jobs that put
//! the changed objects back — grouped by before-image, largest first, the rest beyond `--max-jobs`
//! into a direct plan — each with its manifest (and ETag) and a job file, and `rollback.json`.
//! `--report` leaves out the objects whose tasks failed (they did not change). `--submit` uploads
//! the manifests (OSS's ETag checked) and creates the jobs, waiting for confirmation.

use std::collections::HashSet;

use ossbatch_core::api::objects::build_put_object;
use ossbatch_core::manifest_file::{Etag, ManifestField};
use ossbatch_core::report::ReportOptions;
use ossbatch_core::rollback::prepare::{direct_text, prepare_jobs, PreparedJob};
use ossbatch_core::rollback::{plan_rollback, DirectPlan, IndexedJob, RollbackIndex, Source};
use ossbatch_core::snapshot::{Shard, SnapshotRow};
use ossbatch_core::{from_xml, has_errors, to_xml, validate, CreateJobRequest, XmlStyle};

use super::remote_command;
use crate::exit::ExitStatus;
use crate::remote::{Client, Failed, Target};

pub struct Options {
    pub reports: Vec<String>,
    pub max_jobs: usize,
    pub submit: bool,
    pub out: String,
    pub snapshot: String,
}

/// What the snapshot directory holds: its rows (every part), its job and operation.
struct Snapshot {
    rows: Vec<SnapshotRow>,
    job: CreateJobRequest,
    job_sha: String,
    operation: String,
}

/// Each part of a snapshot — its summary, its rows' bytes, and where they were read — from a
/// directory (`snapshot[-K-of-N].json` beside its rows file) or a single file (the builder's
/// download: the summary line, then the rows).
fn parts_of(place: &str) -> Result<Vec<(serde_json::Value, Vec<u8>, String)>, Failed> {
    let read = |path: &std::path::Path| {
        std::fs::read(path).map_err(|e| Failed::input(format!("{}: {e}", path.display())))
    };
    let path = std::path::Path::new(place);
    if path.is_file() {
        let bytes = read(path)?;
        let (summary, rows) = ossbatch_core::snapshot::split_single_file(&bytes)
            .map_err(|e| Failed::input(format!("{place}: {e}")))?;
        return Ok(vec![(summary, rows.to_vec(), place.to_string())]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| Failed::input(format!("{place}: {e}")))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("snapshot") && name.ends_with(".json"))
        .collect();
    names.sort();
    let mut parts = Vec::new();
    for name in &names {
        let summary_path = path.join(name);
        let summary: serde_json::Value = serde_json::from_slice(&read(&summary_path)?)
            .map_err(|e| Failed::input(format!("{}: {e}", summary_path.display())))?;
        let shard = Shard::parse(summary["shard"].as_str().unwrap_or("1/1"))
            .map_err(|e| Failed::input(format!("{}: its shard: {e}", summary_path.display())))?;
        let rows_path = path.join(format!("objects{}.jsonl", shard.suffix()));
        let rows = read(&rows_path)?;
        parts.push((summary, rows, rows_path.display().to_string()));
    }
    Ok(parts)
}

/// Reads every part of a snapshot: the parts must make one whole of one job, and each part's rows
/// must still have the MD5 its summary recorded.
fn read_snapshot(place: &str) -> Result<Snapshot, Failed> {
    let mut rows = Vec::new();
    let mut shards = Vec::new();
    let mut found: Option<(String, String, String)> = None;
    for (summary, bytes, label) in parts_of(place)? {
        let at = |why: String| Failed::input(format!("{label}: {why}"));
        let shard = Shard::parse(summary["shard"].as_str().unwrap_or("1/1"))
            .map_err(|e| at(format!("its shard: {e}")))?;
        let part = (
            summary["job"].as_str().unwrap_or_default().to_string(),
            summary["jobSha256"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            summary["operation"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
        if let Some(seen) = found.as_ref().filter(|seen| seen.1 != part.1) {
            return Err(Failed::input(format!(
                "{place}: its parts were taken of different jobs ({} and {})",
                seen.1, part.1
            )));
        }
        found = Some(part);
        let mut md5 = Etag::new();
        md5.update(&bytes);
        let recorded = summary["files"][0]["md5"].as_str().unwrap_or_default();
        if md5.finish() != recorded {
            return Err(at(format!(
                "the rows do not have the MD5 their summary recorded ({recorded}): they changed after the snapshot was taken"
            )));
        }
        for (i, line) in String::from_utf8_lossy(&bytes).lines().enumerate() {
            let row: SnapshotRow = serde_json::from_str(line)
                .map_err(|e| at(format!("row {}: not a snapshot row: {e}", i + 1)))?;
            rows.push(row);
        }
        shards.push(shard);
    }
    let (xml, job_sha, operation) = found.ok_or_else(|| {
        Failed::input(format!(
            "{place}: no snapshot.json (ossbatch snapshot --out {place})"
        ))
    })?;
    Shard::check_parts(&shards).map_err(|e| Failed::input(format!("{place}: {e}")))?;
    let job =
        from_xml(&xml).map_err(|e| Failed::input(format!("{place}: the snapshot's job: {e}")))?;
    Ok(Snapshot {
        rows,
        job,
        job_sha,
        operation,
    })
}

/// (bucket, key, versionId) of tasks.
type Tasks = HashSet<(String, String, String)>;

/// The (bucket, key, versionId) of the tasks the reports list as failed, and the JobId their paths
/// name (S3's layout: `…/job-<id>/…`), if any.
fn failed_in(reports: &[String]) -> Result<(Tasks, Option<String>), Failed> {
    if reports.is_empty() {
        return Ok((HashSet::new(), None));
    }
    let options = ReportOptions {
        retry_fields: Some(vec![
            ManifestField::Bucket,
            ManifestField::Key,
            ManifestField::VersionId,
        ]),
        ..ReportOptions::default()
    };
    let mut retry = Vec::new();
    let outcome = super::report::read_report(reports, options, |bytes| {
        retry.extend_from_slice(bytes);
        Ok(())
    })
    .map_err(Failed::input)?;
    retry.extend(outcome.retry_tail);
    let mut failed = HashSet::new();
    for line in String::from_utf8_lossy(&retry).lines() {
        let fields =
            ossbatch_core::csv_line::split_str(line).map_err(|e| Failed::input(e.to_string()))?;
        let field = |i: usize| fields.get(i).map(|f| f.to_string()).unwrap_or_default();
        failed.insert((field(0), field(1), field(2)));
    }
    let job_id = reports.iter().find_map(|path| {
        let at = path.find("job-")? + 4;
        let rest = &path[at..];
        Some(rest[..rest.find('/')?].to_string())
    });
    Ok((failed, job_id))
}

pub fn run(target: &Target, options: Options) -> ExitStatus {
    let outcome = (|| {
        let snapshot = read_snapshot(&options.snapshot)?;
        let (failed, job_id) = failed_in(&options.reports)?;
        let plan = plan_rollback(
            &snapshot.operation,
            &snapshot.rows,
            &failed,
            options.max_jobs,
        )
        .map_err(Failed::input)?;
        // The JobId: from the report's path, else from the journal (the job submitted from here with
        // this very request), else unknown ("" in rollback.json; the description names the job's hash).
        let job_id = job_id.or_else(|| crate::journal::job_id_of(&snapshot.job));
        let named = job_id.clone().unwrap_or_else(|| {
            format!(
                "the job {}",
                &snapshot.job_sha[..snapshot.job_sha.len().min(12)]
            )
        });
        let source = (job_id.unwrap_or_default(), named);
        let written = write(&options, &snapshot, &plan, &source)?;
        Ok::<_, Failed>((written, plan.skipped))
    })();
    let (written, skipped) = match outcome {
        Ok(done) => done,
        Err(failed) => return failed.report(target.json),
    };
    for object in &skipped {
        eprintln!("no before-image (not read or missing): {object}");
    }
    if options.submit {
        let code = remote_command(target, |client, _| {
            submit(client, &options.out, &options.snapshot, &written)
        });
        if code != ExitStatus::Success {
            return code;
        }
    }
    println!(
        "{}",
        std::path::Path::new(&options.out)
            .join("rollback.json")
            .display()
    );
    if skipped.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::TasksFailed
    }
}

/// A job written to RDIR.
type Written = PreparedJob;

fn write(
    options: &Options,
    snapshot: &Snapshot,
    plan: &ossbatch_core::rollback::Rollback,
    (job_id, named): &(String, String),
) -> Result<Vec<Written>, Failed> {
    let out = std::path::Path::new(&options.out);
    std::fs::create_dir_all(out).map_err(|e| Failed::input(format!("{}: {e}", out.display())))?;
    let save = |name: &str, text: &str| {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| Failed::input(format!("{}: {e}", path.display())))
    };
    let mut written = Vec::new();
    let mut index = Vec::new();
    for job in prepare_jobs(&snapshot.job, &snapshot.job_sha, plan, named) {
        save(&job.manifest, &job.manifest_text)?;
        save(&job.file, &(to_xml(&job.request, XmlStyle::Pretty) + "\n"))?;
        index.push(IndexedJob {
            file: job.file.clone(),
            manifest: job.manifest.clone(),
            etag: job.etag.clone(),
            objects: job.objects,
            operation: job.operation,
        });
        written.push(job);
    }
    let direct_file = (!plan.direct.is_empty()).then(|| "direct.jsonl".to_string());
    if let Some(name) = &direct_file {
        save(name, &direct_text(plan))?;
    }
    let rollback = RollbackIndex {
        jobs: index,
        direct: DirectPlan {
            file: direct_file,
            objects: plan.direct.len(),
        },
        source: Source {
            job_id: job_id.clone(),
            snapshot: options.snapshot.clone(),
        },
    };
    save(
        "rollback.json",
        &(serde_json::to_string_pretty(&rollback).unwrap_or_default() + "\n"),
    )?;
    Ok(written)
}

/// Uploads each manifest (OSS's ETag checked against ours) and creates its job.
fn submit(
    client: &Client,
    out: &str,
    snapshot: &str,
    written: &[Written],
) -> Result<ExitStatus, Failed> {
    for job in written {
        let answer = client.exchange(|params| {
            build_put_object(
                &job.bucket,
                &job.key,
                job.manifest_text.clone(),
                "text/csv",
                params,
            )
        })?;
        let theirs = answer
            .header("etag")
            .unwrap_or_default()
            .trim_matches('"')
            .to_ascii_lowercase();
        if answer.status != 200 || theirs != job.etag {
            return Err(Failed {
                code: ExitStatus::Failure,
                text: format!(
                    "{}: the manifest upload to oss://{}/{} answered {} with ETag {theirs:?}, not {}",
                    job.file, job.bucket, job.key, answer.status, job.etag
                ),
                json: None,
            });
        }
        let mut request = job.request.clone();
        request.client_request_token = Some(super::derived_token(&request));
        let issues = validate(&request);
        if has_errors(&issues) {
            let text = issues
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("\n");
            return Err(Failed {
                code: ExitStatus::Invalid,
                text,
                json: None,
            });
        }
        let job_id = super::submit::create_journaled(
            client,
            &request,
            serde_json::json!({
                "snapshot": super::submit::absolute(snapshot),
                "rollback": super::submit::absolute(&format!("{out}/{}", job.file)),
            }),
        )?;
        println!("{job_id}\t{out}/{}", job.file);
    }
    Ok(ExitStatus::Success)
}
