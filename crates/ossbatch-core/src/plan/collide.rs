//! Collisions with running jobs: the CreateJob page's "avoid running concurrent operations on the
//! same objects", made a check. A job not in a final status (ListJobs over the non-final statuses,
//! DescribeJob for each) collides with the planned one when they meet: the same manifest object, the
//! same bucket with equal or nested prefixes, a manifest whose rows fall under the other's prefix, or
//! two manifests naming the same objects (when the other's manifest could be read).

use std::collections::HashSet;

use serde::Serialize;

use crate::api::describe_job::JobDescription;
use crate::model::CreateJobRequest;

/// Where a job's objects come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobSource {
    Manifest { bucket: String, object: String },
    Prefix { bucket: String, prefix: String },
}

impl JobSource {
    pub fn of_request(request: &CreateJobRequest) -> Option<JobSource> {
        source(
            request.manifest.as_ref(),
            request.key_prefix_manifest_generator.as_ref(),
        )
    }

    pub fn of_job(job: &JobDescription) -> Option<JobSource> {
        source(
            job.manifest.as_ref(),
            job.key_prefix_manifest_generator.as_ref(),
        )
    }
}

fn source(
    manifest: Option<&crate::model::Manifest>,
    generator: Option<&crate::model::KeyPrefixManifestGenerator>,
) -> Option<JobSource> {
    if let Some(location) = manifest.and_then(|m| m.location.as_ref()) {
        return Some(JobSource::Manifest {
            bucket: location.bucket.clone()?,
            object: location.object.clone()?,
        });
    }
    let generator = generator?;
    Some(JobSource::Prefix {
        bucket: generator.source_bucket.clone()?,
        prefix: generator.prefix.clone().unwrap_or_default(),
    })
}

/// A running job the planned one meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Collision {
    pub job_id: String,
    pub status: String,
    /// `same-manifest`, `prefix-overlap`, `manifest-in-prefix` or `same-objects`.
    pub how: &'static str,
    /// Objects both jobs name, where that could be counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objects: Option<u64>,
}

/// The objects the planned job names, as far as a collision needs them: a set in memory, or counts
/// a caller kept while streaming a large manifest.
pub trait ObjectSet {
    fn count(&self) -> u64;
    /// How many of ours are in `bucket` under `prefix`.
    fn under(&self, bucket: &str, prefix: &str) -> u64;
    /// How many of ours are among `theirs`.
    fn shared(&self, theirs: &HashSet<(String, String)>) -> u64;
}

impl ObjectSet for HashSet<(String, String)> {
    fn count(&self) -> u64 {
        HashSet::len(self) as u64
    }
    fn under(&self, bucket: &str, prefix: &str) -> u64 {
        under(self, bucket, prefix)
    }
    fn shared(&self, theirs: &HashSet<(String, String)>) -> u64 {
        theirs.intersection(self).count() as u64
    }
}

fn under(objects: &HashSet<(String, String)>, bucket: &str, prefix: &str) -> u64 {
    objects
        .iter()
        .filter(|(b, k)| b == bucket && k.starts_with(prefix))
        .count() as u64
}

/// The planned job's side: its source and the objects it names (bucket, key).
pub struct Ours<'a> {
    pub source: &'a JobSource,
    pub objects: &'a dyn ObjectSet,
}

/// How `ours` meets one running job; `their_objects` are the objects its manifest names, when it
/// could be read.
pub fn collision(
    ours: &Ours<'_>,
    job: &JobDescription,
    their_objects: Option<&HashSet<(String, String)>>,
) -> Option<Collision> {
    let theirs = JobSource::of_job(job)?;
    let (how, objects) = match (ours.source, &theirs) {
        (
            JobSource::Manifest { bucket, object },
            JobSource::Manifest {
                bucket: their_bucket,
                object: their_object,
            },
        ) if bucket == their_bucket && object == their_object => {
            ("same-manifest", Some(ours.objects.count()))
        }
        (JobSource::Manifest { .. }, JobSource::Manifest { .. }) => {
            let shared = ours.objects.shared(their_objects?);
            (shared > 0).then_some(("same-objects", Some(shared)))?
        }
        (
            JobSource::Prefix { bucket, prefix },
            JobSource::Prefix {
                bucket: their_bucket,
                prefix: their_prefix,
            },
        ) if bucket == their_bucket
            && (prefix.starts_with(their_prefix.as_str())
                || their_prefix.starts_with(prefix.as_str())) =>
        {
            ("prefix-overlap", None)
        }
        (JobSource::Prefix { .. }, JobSource::Prefix { .. }) => return None,
        (JobSource::Manifest { .. }, JobSource::Prefix { bucket, prefix }) => {
            let shared = ours.objects.under(bucket, prefix);
            (shared > 0).then_some(("manifest-in-prefix", Some(shared)))?
        }
        (JobSource::Prefix { bucket, prefix }, JobSource::Manifest { .. }) => {
            let shared = under(their_objects?, bucket, prefix);
            (shared > 0).then_some(("manifest-in-prefix", Some(shared)))?
        }
    };
    Some(Collision {
        job_id: job.job_id.clone(),
        status: job
            .status
            .as_ref()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        how,
        objects,
    })
}
