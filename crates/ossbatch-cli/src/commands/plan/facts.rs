//! What a plan reads beyond the objects: each target bucket's lifecycle rules (GetBucketLifecycle;
//! a bucket without rules answers 404 NoSuchLifecycle, a refused read is a note, not fatal) and the
//! running jobs (ListJobs over the non-final statuses, DescribeJob for each, and the other job's
//! manifest when it can be read).

use std::collections::HashSet;

use ossbatch_core::api::describe_job::{build_describe_job, parse_describe_job_response};
use ossbatch_core::api::jobs::{
    build_list_jobs, parse_list_jobs_response, JobStatus, ListJobsInput,
};
use ossbatch_core::api::objects::{build_get_bucket_lifecycle, build_get_object};
use ossbatch_core::manifest_file::ManifestField;
use ossbatch_core::plan::collide::{collision, Collision, JobSource, Ours};
use ossbatch_core::plan::lifecycle::{parse_get_bucket_lifecycle_response, LifecycleRule};
use ossbatch_core::plan::manifest::read_targets;

use crate::remote::Client;

/// The most bytes of another job's manifest read to compare objects.
const OTHER_MANIFEST_MAX_BYTES: usize = 64 << 20;

/// A bucket's rules, or a note saying why they could not be read.
pub fn lifecycle_rules(client: &Client, bucket: &str) -> Result<Vec<LifecycleRule>, String> {
    let answer = client
        .exchange(|params| build_get_bucket_lifecycle(bucket, params))
        .map_err(|failed| failed.text)?;
    let body = String::from_utf8_lossy(&answer.body);
    parse_get_bucket_lifecycle_response(answer.status, &body).map_err(|error| {
        format!("the lifecycle rules of bucket {bucket} could not be read ({error}); nothing is said about them")
    })
}

/// The running jobs the planned one meets; notes say what could not be read.
pub fn collisions(
    client: &Client,
    source: &JobSource,
    objects: &HashSet<(String, String)>,
    notes: &mut Vec<String>,
) -> Vec<Collision> {
    let mut input = ListJobsInput {
        statuses: JobStatus::known().filter(|s| !s.is_final()).collect(),
        max_keys: Some(100),
        continuation_token: None,
    };
    let mut listed = Vec::new();
    loop {
        match client.call(
            |params| build_list_jobs(&input, params),
            parse_list_jobs_response,
        ) {
            Ok(page) => {
                listed.extend(page.jobs);
                match page.next_token {
                    Some(token) => input.continuation_token = Some(token),
                    None => break,
                }
            }
            Err(failed) => {
                notes.push(format!(
                    "running jobs could not be listed, so collisions were not checked: {}",
                    failed.text.lines().next().unwrap_or("")
                ));
                return Vec::new();
            }
        }
    }
    let ours = Ours { source, objects };
    let mut found = Vec::new();
    for entry in listed {
        let job = match client.call(
            |params| build_describe_job(&entry.job_id, params),
            parse_describe_job_response,
        ) {
            Ok(job) => job,
            Err(failed) => {
                notes.push(format!(
                    "job {} could not be described: {}",
                    entry.job_id,
                    failed.text.lines().next().unwrap_or("")
                ));
                continue;
            }
        };
        let theirs = their_objects(client, &job);
        if let Some(hit) = collision(&ours, &job, theirs.as_ref()) {
            found.push(hit);
        }
    }
    found
}

/// The objects another job's manifest names, when it can be read.
fn their_objects(
    client: &Client,
    job: &ossbatch_core::api::describe_job::JobDescription,
) -> Option<HashSet<(String, String)>> {
    let manifest = job.manifest.as_ref()?;
    let location = manifest.location.as_ref()?;
    let (bucket, object) = (location.bucket.clone()?, location.object.clone()?);
    let fields = ManifestField::parse_list(
        manifest
            .spec
            .as_ref()
            .and_then(|s| s.fields.as_deref())
            .unwrap_or("Bucket,Key"),
    )
    .ok()?;
    let answer = client
        .exchange(|params| build_get_object(&bucket, &object, None, params))
        .ok()?;
    if answer.status != 200 || answer.body.len() > OTHER_MANIFEST_MAX_BYTES {
        return None;
    }
    let targets = read_targets(&answer.body, &fields, &bucket).ok()?;
    Some(targets.into_iter().map(|t| (t.bucket, t.key)).collect())
}
