//! Targets for what a rollback reads from outside (issue #31): a single-file snapshot and the
//! failed tasks' lines (`rollback::prepare::from_single_file`, which the builder's Roll back runs on a
//! file the user picks), the direct plan's lines (`rollback apply`), and OSS's answers to the calls
//! it makes (PutObjectTagging, DeleteObjectTagging, PutObjectAcl).

use ossbatch_core::api::object_writes::parse_object_write_response;
use ossbatch_core::manifest_file::ManifestField;
use ossbatch_core::plan::manifest::read_targets;
use ossbatch_core::rollback::prepare::from_single_file;
use ossbatch_core::rollback::{Changed, DirectRow};

use crate::within_heap_bound;

/// A single-file snapshot and failed lines (split at the first NUL; the first byte picks
/// `max_jobs`): never a panic; a rollback made from them holds manifests that read back as the
/// objects it names and direct lines that read back as their restores.
pub fn rollback_snapshot(data: &[u8]) {
    let Some((choice, rest)) = data.split_first() else {
        return;
    };
    let (snapshot, failed) = match rest.iter().position(|b| *b == 0) {
        Some(at) => (
            &rest[..at],
            String::from_utf8_lossy(&rest[at + 1..]).into_owned(),
        ),
        None => (rest, String::new()),
    };
    let max_jobs = usize::from(*choice % 4);
    let result = within_heap_bound("rollback snapshot", data.len(), || {
        from_single_file(snapshot, &failed, Some("JOB"), max_jobs)
    });
    let Ok(rollback) = result else { return };
    assert!(rollback.jobs.len() <= max_jobs);
    for job in &rollback.jobs {
        let fields = if job
            .prepared
            .manifest_text
            .lines()
            .any(|l| l.matches(',').count() >= 2)
            || job.job_xml.contains("Bucket,Key,VersionId")
        {
            vec![
                ManifestField::Bucket,
                ManifestField::Key,
                ManifestField::VersionId,
            ]
        } else {
            vec![ManifestField::Bucket, ManifestField::Key]
        };
        let targets = read_targets(job.prepared.manifest_text.as_bytes(), &fields, "b")
            .expect("a rollback manifest reads");
        assert_eq!(
            targets.len(),
            job.prepared.objects,
            "{:?}",
            job.prepared.manifest_text
        );
        ossbatch_core::from_xml(&job.job_xml).expect("a rollback job reads back");
    }
    let mut direct = 0;
    for line in rollback.direct.lines() {
        let row: DirectRow = serde_json::from_str(line).expect("a direct line reads back");
        row.restore().expect("a direct line names one restore");
        direct += 1;
    }
    assert_eq!(direct, rollback.direct_objects);
}

/// The direct plan's lines and OSS's answer to a restoring call: never a panic; a line that reads
/// writes back to a line that reads as the same restore.
pub fn rollback_direct(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for line in text.lines() {
        let Ok(row) = serde_json::from_str::<DirectRow>(line) else {
            continue;
        };
        let Ok(restore) = row.restore() else { continue };
        let object = Changed {
            bucket: row.bucket.clone(),
            key: row.key.clone(),
            version_id: row.version_id.clone(),
        };
        let again: DirectRow = serde_json::from_str(&DirectRow::of(&restore, &object).line())
            .expect("a written line reads");
        assert_eq!(again.restore().as_ref(), Ok(&restore));
    }
    if let Some((status, body)) = crate::status_and_body(data) {
        let _ = within_heap_bound("object write answer", body.len(), || {
            parse_object_write_response(status, &body)
        });
    }
}

/// Seeds: a single-file snapshot as the builder and `ossbatch snapshot` write it, and direct lines.
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let rows = "{\"bucket\":\"b\",\"key\":\"a\",\"versionId\":\"\",\"tags\":[[\"x\",\"1\"]]}\n{\"bucket\":\"b\",\"key\":\"c,d\",\"versionId\":\"v1\",\"tags\":[]}\n{\"bucket\":\"b\",\"key\":\"gone\",\"versionId\":\"\",\"missing\":\"key\"}\n";
    let md5 = {
        let mut etag = ossbatch_core::manifest_file::Etag::new();
        etag.update(rows.as_bytes());
        etag.finish()
    };
    let job = "<CreateJobRequest><ConfirmationRequired>false</ConfirmationRequired><Operation><PutObjectTagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></PutObjectTagging></Operation><Report><Enabled>false</Enabled></Report><Manifest><Location><ETag>0123456789abcdef0123456789abcdef</ETag><Bucket>mb</Bucket><Object>m.csv</Object></Location><Spec><Fields>Bucket,Key,VersionId</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest><Priority>1</Priority><RoleArn>acs:ram::1:role/r</RoleArn></CreateJobRequest>";
    let summary = serde_json::json!({
        "ossbatchSnapshot": 1, "operation": "PutObjectTagging", "job": job, "jobSha256": "ab",
        "shard": "1/1", "objects": 3, "unread": 0, "readAt": "2026-12-06T00:00:00Z",
        "files": [{ "name": "(this file)", "md5": md5, "rows": 3 }],
    });
    match target {
        "rollback_snapshot" => vec![
            format!("\x02{summary}\n{rows}\0b,a,\n").into_bytes(),
            format!("\x01{summary}\n{rows}").into_bytes(),
        ],
        "rollback_direct" => vec![
            b"{\"bucket\":\"b\",\"key\":\"a\",\"versionId\":\"\",\"tags\":[[\"x\",\"\"]]}\n{\"bucket\":\"b\",\"key\":\"k\",\"acl\":\"private\"}\n".to_vec(),
            crate::response_seed(404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>m</Message></Error>"),
            crate::response_seed(204, ""),
        ],
        _ => Vec::new(),
    }
}
