//! What `ossbatch plan` writes: the rows file, the fixed manifest (with its ETag), the pinned plan
//! `submit --plan` checks, and the summary (JSON, or text for people).

use std::io::Write;

use ossbatch_core::manifest_file::{Etag, ManifestField};
use ossbatch_core::plan::manifest::{manifest_line, rows_line};
use ossbatch_core::plan::{Outcome, PlanSummary, RowPrediction, Target};
use ossbatch_core::{to_xml, CreateJobRequest, XmlStyle};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Options;
use crate::remote::{Failed, Target as Remote};

fn write_error(path: &str, error: std::io::Error) -> Failed {
    Failed::input(format!("{path}: cannot write: {error}"))
}

/// The files written row by row.
pub struct Files {
    rows: Option<(String, std::io::BufWriter<std::fs::File>)>,
    fixed: Option<(String, std::io::BufWriter<std::fs::File>, Etag)>,
    fields: Vec<ManifestField>,
}

fn create(path: &str) -> Result<std::io::BufWriter<std::fs::File>, Failed> {
    std::fs::File::create(path)
        .map(std::io::BufWriter::new)
        .map_err(|e| write_error(path, e))
}

impl Files {
    pub fn create(options: &Options, fields: &[ManifestField]) -> Result<Files, Failed> {
        let rows = match &options.rows {
            // One line per target, no header (the contract: `bucket,key,versionId,prediction,code`).
            Some(path) => Some((path.clone(), create(path)?)),
            None => None,
        };
        let fixed = match &options.fix_manifest {
            Some(path) => Some((path.clone(), create(path)?, Etag::new())),
            None => None,
        };
        Ok(Files {
            rows,
            fixed,
            fields: fields.to_vec(),
        })
    }

    pub fn write(&mut self, target: &Target, prediction: &RowPrediction) -> Result<(), Failed> {
        if let Some((path, file)) = &mut self.rows {
            file.write_all(rows_line(target, prediction).as_bytes())
                .map_err(|e| write_error(path, e))?;
        }
        if let Some((path, file, etag)) = &mut self.fixed {
            if prediction.outcome != Outcome::Fail {
                let line = manifest_line(target, &self.fields);
                etag.update(line.as_bytes());
                file.write_all(line.as_bytes())
                    .map_err(|e| write_error(path, e))?;
            }
        }
        Ok(())
    }

    /// Flushes the files; the fixed manifest's ETag.
    pub fn finish(self) -> Result<Option<String>, Failed> {
        if let Some((path, mut file)) = self.rows {
            file.flush().map_err(|e| write_error(&path, e))?;
        }
        match self.fixed {
            Some((path, mut file, etag)) => {
                file.flush().map_err(|e| write_error(&path, e))?;
                Ok(Some(etag.finish()))
            }
            None => Ok(None),
        }
    }
}

/// What `plan --out` writes and `submit --plan` reads.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PinnedPlan {
    pub ossbatch_plan: u32,
    /// The job as OSS will receive it (compact XML), and its SHA-256.
    pub job: String,
    pub job_sha256: String,
    #[serde(rename = "manifestETag")]
    pub manifest_etag: Option<String>,
    pub state_read_at: Option<String>,
    pub summary: serde_json::Value,
}

fn canonical(request: &CreateJobRequest) -> (String, String) {
    let xml = to_xml(request, XmlStyle::Compact);
    let digest = Sha256::digest(xml.as_bytes());
    let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
    (xml, hex)
}

pub fn write_pinned(
    path: &str,
    request: &CreateJobRequest,
    summary: &PlanSummary,
) -> Result<(), Failed> {
    let (job, job_sha256) = canonical(request);
    let pinned = PinnedPlan {
        ossbatch_plan: 1,
        job,
        job_sha256,
        manifest_etag: summary.pinned.manifest_etag.clone(),
        state_read_at: summary.pinned.state_read_at.clone(),
        summary: serde_json::to_value(summary).unwrap_or_default(),
    };
    let text = serde_json::to_string_pretty(&pinned).unwrap_or_default();
    std::fs::write(path, text + "\n").map_err(|e| write_error(path, e))
}

/// `submit --plan`: what differs between the job about to be sent (and its manifest's ETag now)
/// and the plan's; empty when nothing does.
pub fn check_pinned(
    path: &str,
    request: &CreateJobRequest,
    manifest_etag_now: Option<&str>,
) -> Result<Vec<String>, Failed> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failed::input(format!("{path}: cannot read: {e}")))?;
    let pinned: PinnedPlan = serde_json::from_str(&text).map_err(|e| {
        Failed::input(format!(
            "{path}: not a plan written by `ossbatch plan --out`: {e}"
        ))
    })?;
    let mut changed = Vec::new();
    let (_, digest) = canonical(request);
    if digest != pinned.job_sha256 {
        changed.push(format!(
            "the job differs from the planned one (SHA-256 {digest}, planned {})",
            pinned.job_sha256
        ));
    }
    let normal = |e: &str| e.trim().trim_matches('"').to_ascii_lowercase();
    match (
        manifest_etag_now.map(normal),
        pinned.manifest_etag.as_deref().map(normal),
    ) {
        (Some(now), Some(planned)) if now != planned => changed.push(format!(
            "the manifest changed since the plan: its ETag is {now}, the plan read {planned}"
        )),
        _ => {}
    }
    Ok(changed)
}

/// Prints the summary: JSON with --json, else a short text for people.
pub fn print(summary: &PlanSummary, target: &Remote, fixed_etag: Option<&str>) {
    if target.json {
        let mut value = serde_json::to_value(summary).unwrap_or_default();
        if let (Some(etag), Some(object)) = (fixed_etag, value.as_object_mut()) {
            object.insert("fixedManifestETag".into(), etag.into());
        }
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return;
    }
    let p = &summary.predicted;
    println!(
        "{} {} targets, {} inspected{}: {} succeed, {} fail, {} warn",
        summary.operation,
        summary.targets,
        summary.inspected,
        if summary.sampled { " (a sample)" } else { "" },
        p.succeed,
        p.fail,
        p.warn
    );
    for hit in &summary.lifecycle {
        println!(
            "lifecycle: {} objects in {} {} rule {} ({}{})",
            hit.objects,
            hit.bucket,
            if hit.effect == "starts" {
                "start to match"
            } else {
                "stop matching"
            },
            hit.rule_id,
            hit.action,
            hit.days
                .map(|d| format!(" after {d} days"))
                .unwrap_or_default()
        );
    }
    for collision in &summary.collisions {
        println!(
            "collision: job {} ({}) — {}",
            collision.job_id, collision.status, collision.how
        );
    }
    for group in &summary.groups {
        println!(
            "{} {} × {}{}: {}\n  fix: {}\n  e.g. {}",
            group.severity,
            group.count,
            group.code,
            group
                .oss_error_code
                .map(|c| format!(" (OSS: {c})"))
                .unwrap_or_default(),
            group.cause,
            group.fix,
            group.sample_keys.join(", ")
        );
    }
    if summary.overwrites.objects > 0 {
        println!(
            "overwrites: {} objects, {} tags lost",
            summary.overwrites.objects, summary.overwrites.tags_lost
        );
    }
    let cost = &summary.cost;
    match cost.total {
        Some(total) => println!("cost: {total:.4} {} ({})", cost.currency, cost.note),
        None => println!(
            "cost: unknown — no source prices {} ({})",
            cost.unknown.join(", "),
            cost.note
        ),
    }
    if let Some(etag) = fixed_etag {
        println!("fixed manifest ETag: {etag}");
    }
    for note in &summary.notes {
        eprintln!("note: {note}");
    }
}
