//! A rollback made ready to upload and submit, shared by `ossbatch rollback` and the builder's
//! "Roll back": each job's manifest (its text, where it goes, its ETag) and request, and the direct
//! plan's lines. The manifests go beside the original's manifest, under
//! `ossbatch-rollbacks/<the job's SHA-256, 16 hex>/rollback-N.csv`.

use serde::Serialize;

use super::{manifest_of, rollback_job, DirectRow, Rollback};
use crate::manifest_file::Etag;
use crate::model::CreateJobRequest;

/// One rollback job, ready: upload `manifest_text` to `bucket`/`key` (OSS must answer `etag`), then
/// create `request`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreparedJob {
    /// `rollback-N.xml`.
    pub file: String,
    /// `rollback-N.csv`.
    pub manifest: String,
    pub manifest_text: String,
    pub bucket: String,
    pub key: String,
    pub etag: String,
    pub objects: usize,
    pub operation: &'static str,
    #[serde(skip)]
    pub request: CreateJobRequest,
}

/// The jobs of `plan` for the original job `original` (whose canonical SHA-256 is `job_sha`),
/// their descriptions naming `source` (the original's JobId, or "the job <hash>").
pub fn prepare_jobs(
    original: &CreateJobRequest,
    job_sha: &str,
    plan: &Rollback,
    source: &str,
) -> Vec<PreparedJob> {
    let bucket = original
        .manifest
        .as_ref()
        .and_then(|m| m.location.as_ref())
        .and_then(|l| l.bucket.clone())
        .or_else(|| {
            original
                .key_prefix_manifest_generator
                .as_ref()
                .and_then(|g| g.source_bucket.clone())
        })
        .unwrap_or_default();
    let folder = &job_sha[..job_sha.len().min(16)];
    plan.jobs
        .iter()
        .enumerate()
        .map(|(i, (restore, objects))| {
            let (text, fields) = manifest_of(objects);
            let mut md5 = Etag::new();
            md5.update(text.as_bytes());
            let etag = md5.finish();
            let manifest = format!("rollback-{}.csv", i + 1);
            let key = format!("ossbatch-rollbacks/{folder}/{manifest}");
            let place = crate::model::UploadedManifest {
                bucket: &bucket,
                key: &key,
                etag: &etag,
                fields,
            };
            let request = rollback_job(
                original,
                restore,
                objects.len(),
                (i + 1, plan.jobs.len()),
                source,
                &place,
            );
            PreparedJob {
                file: format!("rollback-{}.xml", i + 1),
                manifest,
                manifest_text: text,
                bucket: bucket.clone(),
                key,
                etag,
                objects: objects.len(),
                operation: restore.operation_name(),
                request,
            }
        })
        .collect()
}

/// `direct.jsonl`'s text: one line an object beyond the jobs.
pub fn direct_text(plan: &Rollback) -> String {
    plan.direct
        .iter()
        .map(|(restore, object)| DirectRow::of(restore, object).line())
        .collect()
}

/// The builder's rollback, from a single-file snapshot (`crate::snapshot::single_file`) and the
/// failed tasks' `bucket,key,versionId` lines (a report's retry manifest with those fields).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BrowserRollback {
    pub jobs: Vec<BrowserJob>,
    /// `direct.jsonl`'s text (for `ossbatch rollback apply`), empty when the jobs hold everything.
    pub direct: String,
    pub direct_objects: usize,
    /// Objects with no before-image: nothing to put back.
    pub skipped: Vec<String>,
    pub operation: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BrowserJob {
    #[serde(flatten)]
    pub prepared: PreparedJob,
    /// The job as the builder loads a draft (compact XML).
    pub job_xml: String,
}

pub fn from_single_file(
    snapshot: &[u8],
    failed_lines: &str,
    source: Option<&str>,
    max_jobs: usize,
) -> Result<BrowserRollback, String> {
    let (summary, rows) = crate::snapshot::split_single_file(snapshot)?;
    let mut md5 = Etag::new();
    md5.update(rows);
    if summary["files"][0]["md5"].as_str() != Some(md5.finish().as_str()) {
        return Err("the snapshot's rows do not have the MD5 its summary recorded: the file changed after it was saved".into());
    }
    let rows = std::str::from_utf8(rows).map_err(|_| "the snapshot's rows are not UTF-8")?;
    let rows = rows
        .lines()
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line)
                .map_err(|e| format!("row {}: not a snapshot row: {e}", i + 1))
        })
        .collect::<Result<Vec<crate::snapshot::SnapshotRow>, String>>()?;
    let mut failed = std::collections::HashSet::new();
    for line in failed_lines.lines().filter(|l| !l.trim().is_empty()) {
        let fields = crate::csv_line::split_str(line).map_err(|e| e.to_string())?;
        let field = |i: usize| fields.get(i).map(|f| f.to_string()).unwrap_or_default();
        failed.insert((field(0), field(1), field(2)));
    }
    let operation = summary["operation"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let plan = super::plan_rollback(&operation, &rows, &failed, max_jobs)?;
    let job_xml = summary["job"].as_str().unwrap_or_default();
    let original = crate::from_xml(job_xml).map_err(|e| format!("the snapshot's job: {e}"))?;
    let job_sha = summary["jobSha256"].as_str().unwrap_or_default();
    let named = source
        .filter(|s| !s.is_empty())
        .map(String::from)
        .unwrap_or_else(|| format!("the job {}", &job_sha[..job_sha.len().min(12)]));
    let jobs = prepare_jobs(&original, job_sha, &plan, &named)
        .into_iter()
        .map(|prepared| BrowserJob {
            job_xml: crate::to_xml(&prepared.request, crate::XmlStyle::Compact),
            prepared,
        })
        .collect();
    Ok(BrowserRollback {
        jobs,
        direct: direct_text(&plan),
        direct_objects: plan.direct.len(),
        skipped: plan.skipped,
        operation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::supplied::SuppliedInput;
    use crate::snapshot::from_supplied as snapshot_supplied;

    const JOB: &str = "<CreateJobRequest><ConfirmationRequired>false</ConfirmationRequired><Operation><PutObjectTagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></PutObjectTagging></Operation><Report><Enabled>false</Enabled></Report><ClientRequestToken>t</ClientRequestToken><Manifest><Location><ETag>0123456789abcdef0123456789abcdef</ETag><Bucket>mb</Bucket><Object>m.csv</Object></Location><Spec><Fields>Bucket,Key</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest><Priority>1</Priority><RoleArn>acs:ram::1:role/r</RoleArn></CreateJobRequest>";

    #[test]
    fn a_browser_snapshot_rolls_back_to_jobs_with_uploadable_manifests() {
        let request = crate::from_xml(JOB).unwrap();
        let input: SuppliedInput = serde_json::from_value(serde_json::json!({
            "manifest": "b,a\nb,\"c,d\"\nb,e\nb,a\nb,gone\n",
            "states": [
                {"tags": [["x", "1"]]}, {"tags": []}, {"tags": [["x", "1"]]}, {"tags": [["x", "1"]]},
                {"missing": "key"},
            ],
        }))
        .unwrap();
        let file = snapshot_supplied(&request, input, "2026-12-06T00:00:00Z").unwrap();
        assert_eq!(
            file.lines().count(),
            5,
            "the summary, then each distinct object once"
        );
        let rollback = from_single_file(file.as_bytes(), "b,e,\n", Some("JOB1"), 20).unwrap();
        assert_eq!(rollback.operation, "PutObjectTagging");
        let jobs: Vec<(&str, usize)> = rollback
            .jobs
            .iter()
            .map(|j| (j.prepared.operation, j.prepared.objects))
            .collect();
        // a (e failed: unchanged), and "c,d" that had no tags.
        assert_eq!(jobs, [("PutObjectTagging", 1), ("DeleteObjectTagging", 1)]);
        let first = &rollback.jobs[0];
        assert_eq!(first.prepared.manifest_text, "b,a\n");
        assert_eq!(first.prepared.bucket, "mb");
        assert!(first.prepared.key.starts_with("ossbatch-rollbacks/"));
        let job = crate::from_xml(&first.job_xml).unwrap();
        assert!(job.description.unwrap().contains("of JOB1"));
        assert_eq!(
            job.manifest.unwrap().location.unwrap().etag.as_deref(),
            Some(first.prepared.etag.as_str())
        );
        assert_eq!(rollback.jobs[1].prepared.manifest_text, "b,\"c,d\"\n");
        // A changed row is refused.
        let tampered = file.replace("\"x\"", "\"y\"");
        assert!(from_single_file(tampered.as_bytes(), "", None, 20)
            .unwrap_err()
            .contains("MD5"));
    }
}
