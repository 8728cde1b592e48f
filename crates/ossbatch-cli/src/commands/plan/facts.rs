//! What a plan reads beyond the objects: each target bucket's lifecycle rules (GetBucketLifecycle;
//! a bucket without rules answers 404 NoSuchLifecycle, a refused read is a note, not fatal) and the
//! running jobs (ListJobs over the non-final statuses, DescribeJob for each, and the other job's
//! manifest when it can be read).

use std::collections::HashSet;

use ossbatch_core::api::describe_job::JobDescription;
use ossbatch_core::api::describe_job::{build_describe_job, parse_describe_job_response};
use ossbatch_core::api::jobs::{
    build_list_jobs, parse_list_jobs_response, JobStatus, ListJobsInput,
};
use ossbatch_core::api::objects::{build_get_bucket_lifecycle, build_get_object};
use ossbatch_core::manifest_file::ManifestField;
use ossbatch_core::plan::collide::{collision, Collision, JobSource, ObjectSet, Ours};
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

/// A job not in a final status, and the objects its manifest names when that could be read.
pub struct RunningJob {
    pub job: JobDescription,
    pub objects: Option<HashSet<(String, String)>>,
}

/// The jobs not in a final status (ListJobs over those statuses, DescribeJob for each); notes say
/// what could not be read.
pub fn running_jobs(client: &Client, notes: &mut Vec<String>) -> Vec<RunningJob> {
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
    let mut running = Vec::new();
    for entry in listed {
        match client.call(
            |params| build_describe_job(&entry.job_id, params),
            parse_describe_job_response,
        ) {
            Ok(job) => {
                let objects = their_objects(client, &job);
                running.push(RunningJob { job, objects });
            }
            Err(failed) => notes.push(format!(
                "job {} could not be described: {}",
                entry.job_id,
                failed.text.lines().next().unwrap_or("")
            )),
        }
    }
    running
}

fn pair_hash(bucket: &str, key: &str) -> u64 {
    ossbatch_core::plan::inventory::object_hash(bucket, key, "")
}

/// What a collision needs of our objects, kept while the rows stream by: how many, a hash of each,
/// and how many fall under each running job's prefix.
pub struct OurObjects {
    total: u64,
    /// Kept only when a running job's manifest was read (what `shared` compares with).
    keep_hashes: bool,
    hashes: HashSet<u64>,
    under: Vec<((String, String), u64)>,
}

impl OurObjects {
    pub fn new(running: &[RunningJob]) -> OurObjects {
        let under = running
            .iter()
            .filter_map(|r| r.job.key_prefix_manifest_generator.as_ref())
            .filter_map(|g| {
                Some((
                    (
                        g.source_bucket.clone()?,
                        g.prefix.clone().unwrap_or_default(),
                    ),
                    0,
                ))
            })
            .collect();
        OurObjects {
            total: 0,
            keep_hashes: running.iter().any(|r| r.objects.is_some()),
            hashes: HashSet::new(),
            under,
        }
    }

    /// One object (the caller calls once per distinct object).
    pub fn add(&mut self, row_bucket: &str, row_key: &str) {
        self.total += 1;
        if self.keep_hashes {
            self.hashes.insert(pair_hash(row_bucket, row_key));
        }
        for ((bucket, prefix), count) in &mut self.under {
            if bucket == row_bucket && row_key.starts_with(prefix.as_str()) {
                *count += 1;
            }
        }
    }
}

impl ObjectSet for OurObjects {
    fn count(&self) -> u64 {
        self.total
    }
    fn under(&self, bucket: &str, prefix: &str) -> u64 {
        self.under
            .iter()
            .find(|((b, p), _)| b == bucket && p == prefix)
            .map_or(0, |(_, n)| *n)
    }
    fn shared(&self, theirs: &HashSet<(String, String)>) -> u64 {
        theirs
            .iter()
            .filter(|(b, k)| self.hashes.contains(&pair_hash(b, k)))
            .count() as u64
    }
}

/// The running jobs the planned one meets.
pub fn collisions(source: &JobSource, running: &[RunningJob], ours: &OurObjects) -> Vec<Collision> {
    let ours = Ours {
        source,
        objects: ours,
    };
    running
        .iter()
        .filter_map(|r| collision(&ours, &r.job, r.objects.as_ref()))
        .collect()
}

/// The objects another job's manifest names, when it can be read.
fn their_objects(client: &Client, job: &JobDescription) -> Option<HashSet<(String, String)>> {
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
