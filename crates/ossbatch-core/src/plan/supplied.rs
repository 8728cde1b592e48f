//! A plan over state the caller supplies (npm `ossbatch/tools` `plan`, the app's Plan step): the
//! targets (a manifest's text, or a list), each target's state as the caller read it, the target
//! buckets' lifecycle documents and the running jobs it found. No I/O here.

use serde::{Deserialize, Serialize};

use super::collide::{collision, Collision, JobSource, Ours};
use super::cost::{estimate, price_lines};
use super::lifecycle::parse_get_bucket_lifecycle_response;
use super::manifest::{manifest_line, read_targets};
use super::summary::{Pinned, PlanSummary};
use super::{JobOperation, ObjectState, PlanBuilder, Presence, Target};
use crate::api::describe_job::JobDescription;
use crate::api::objects::RestoreState;
use crate::lang::Lang;
use crate::manifest_file::{Etag, ManifestField};
use crate::model::CreateJobRequest;

/// One target's state as the caller read it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuppliedState {
    /// `key`, `version` or `bucket` when that is missing; absent when the object is there.
    pub missing: Option<String>,
    pub other_encoding_exists: Option<bool>,
    pub storage_class: Option<String>,
    pub size: Option<u64>,
    /// `none`, `ongoing` or `restored`.
    pub restore: Option<String>,
    pub tags: Option<Vec<(String, String)>>,
    pub acl: Option<String>,
    /// The state could not be read: why.
    pub unread: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuppliedTarget {
    pub bucket: String,
    pub key: String,
    #[serde(default)]
    pub version_id: String,
}

/// What `plan` takes besides the job.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuppliedInput {
    /// The manifest's text (read with the job's Spec.Fields).
    pub manifest: Option<String>,
    /// Or the targets themselves (a prefix listing).
    pub targets: Option<Vec<SuppliedTarget>>,
    /// One per target, in order; `null` where nothing was read.
    pub states: Vec<Option<SuppliedState>>,
    pub region: Option<String>,
    /// Bucket → its GetBucketLifecycle document.
    #[serde(default)]
    pub lifecycle: std::collections::BTreeMap<String, String>,
    /// Running jobs as DescribeJob gave them, with the objects their manifests name when read.
    #[serde(default)]
    pub running_jobs: Vec<SuppliedJob>,
    #[serde(rename = "manifestETag")]
    pub manifest_etag: Option<String>,
    pub state_read_at: Option<String>,
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuppliedJob {
    pub job_id: String,
    pub status: String,
    /// `{bucket, object}` or `{bucket, prefix}`.
    pub manifest: Option<SuppliedLocation>,
    pub prefix: Option<SuppliedLocation>,
    pub objects: Option<Vec<(String, String)>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuppliedLocation {
    pub bucket: String,
    #[serde(default)]
    pub object: String,
    #[serde(default)]
    pub prefix: String,
}

/// A row's prediction, in target order.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedRow {
    pub bucket: String,
    pub key: String,
    pub version_id: String,
    pub prediction: &'static str,
    pub code: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SuppliedPlan {
    #[serde(flatten)]
    pub summary: PlanSummary,
    pub rows: Vec<PlannedRow>,
    /// The manifest without the rows predicted to fail (same Fields, keys as written).
    pub fixed_manifest: String,
    #[serde(rename = "fixedManifestETag")]
    pub fixed_manifest_etag: String,
}

impl SuppliedState {
    pub(crate) fn into_state(self) -> ObjectState {
        let presence = match (self.unread, self.missing.as_deref()) {
            (Some(reason), _) => Presence::Unread(reason),
            (None, Some("version")) => Presence::VersionMissing,
            (None, Some("bucket")) => Presence::BucketMissing,
            (None, Some(_)) => Presence::Missing,
            (None, None) => Presence::Present,
        };
        ObjectState {
            presence,
            other_encoding_exists: self.other_encoding_exists.unwrap_or(false),
            storage_class: self.storage_class,
            size: self.size,
            restore: self.restore.as_deref().map(|r| match r {
                "ongoing" => RestoreState::Ongoing,
                "restored" => RestoreState::Restored { expiry_date: None },
                _ => RestoreState::None,
            }),
            tags: self.tags,
            acl: self.acl,
        }
    }
}

/// The plan of `request` over `input`; an error names the field and what is wrong.
pub fn plan_supplied(
    request: &CreateJobRequest,
    input: SuppliedInput,
) -> Result<SuppliedPlan, String> {
    let operation =
        JobOperation::of_request(request).ok_or("the job must name exactly one operation")?;
    let lang = input
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(Lang::En);
    let (fields, targets) = targets_of(request, &input)?;
    let mut builder = PlanBuilder::new(operation, lang);
    for (bucket, document) in &input.lifecycle {
        let rules = parse_get_bucket_lifecycle_response(200, document)
            .map_err(|e| format!("input.lifecycle.{bucket}: {e}"))?;
        builder.lifecycle.set_rules(bucket, rules);
    }
    let mut rows = Vec::with_capacity(targets.len());
    let mut fixed = String::new();
    let mut etag = Etag::new();
    let not_read = || ObjectState::with_presence(Presence::Unread("not read".into()));
    for (target, state) in targets.iter().zip(input.states) {
        let state = state.map_or_else(not_read, SuppliedState::into_state);
        let prediction = builder.add(target, &state);
        if prediction.outcome != super::Outcome::Fail {
            let line = manifest_line(target, &fields);
            etag.update(line.as_bytes());
            fixed.push_str(&line);
        }
        rows.push(PlannedRow {
            bucket: target.bucket.clone(),
            key: target.key.clone(),
            version_id: target.version_id.clone(),
            prediction: prediction.outcome.as_str(),
            code: prediction.code().map(|c| c.code),
        });
    }
    let collisions = collisions_of(request, &targets, &input.running_jobs);
    let region = input.region.clone().unwrap_or_default();
    let cost = estimate(&region, &builder.usage, &price_lines());
    let pinned = Pinned {
        manifest_etag: input.manifest_etag.clone(),
        state_read_at: input.state_read_at.clone(),
    };
    let summary = builder.finish(
        targets.len() as u64,
        None,
        collisions,
        cost,
        pinned,
        Vec::new(),
    );
    Ok(SuppliedPlan {
        summary,
        rows,
        fixed_manifest: fixed,
        fixed_manifest_etag: etag.finish(),
    })
}

/// The manifest's fields and the targets `input` names (its manifest's text or its list), checked
/// against the states given (one per target).
pub(crate) fn targets_of(
    request: &CreateJobRequest,
    input: &SuppliedInput,
) -> Result<(Vec<ManifestField>, Vec<Target>), String> {
    let location = request.manifest.as_ref().and_then(|m| m.location.as_ref());
    let fields_text = request
        .manifest
        .as_ref()
        .and_then(|m| m.spec.as_ref())
        .and_then(|s| s.fields.clone())
        .unwrap_or_else(|| "Bucket,Key".into());
    let fields = ManifestField::parse_list(&fields_text)
        .map_err(|e| format!("Manifest.Spec.Fields: {e}"))?;
    let default_bucket = location
        .and_then(|l| l.bucket.clone())
        .or_else(|| {
            request
                .key_prefix_manifest_generator
                .as_ref()
                .and_then(|g| g.source_bucket.clone())
        })
        .unwrap_or_default();
    let targets: Vec<Target> = match (&input.manifest, &input.targets) {
        (Some(text), None) => read_targets(text.as_bytes(), &fields, &default_bucket)
            .map_err(|e| format!("input.manifest: {e}"))?,
        (None, Some(list)) => list
            .iter()
            .enumerate()
            .map(|(i, t)| Target {
                bucket: t.bucket.clone(),
                key: t.key.clone(),
                version_id: t.version_id.clone(),
                row: i as u64 + 1,
            })
            .collect(),
        _ => return Err("input: give either manifest (its text) or targets".into()),
    };
    if input.states.len() != targets.len() {
        return Err(format!(
            "input.states: {} states for {} targets (one per target, null where nothing was read)",
            input.states.len(),
            targets.len()
        ));
    }
    Ok((fields, targets))
}

fn collisions_of(
    request: &CreateJobRequest,
    targets: &[Target],
    jobs: &[SuppliedJob],
) -> Vec<Collision> {
    let Some(source) = JobSource::of_request(request) else {
        return Vec::new();
    };
    let objects: std::collections::HashSet<(String, String)> = targets
        .iter()
        .map(|t| (t.bucket.clone(), t.key.clone()))
        .collect();
    let ours = Ours {
        source: &source,
        objects: &objects,
    };
    jobs.iter()
        .filter_map(|job| {
            let mut described = JobDescription {
                job_id: job.job_id.clone(),
                status: Some(job.status.as_str().into()),
                ..JobDescription::default()
            };
            if let Some(m) = &job.manifest {
                described.manifest = Some(crate::model::Manifest {
                    location: Some(crate::model::ManifestLocation {
                        bucket: Some(m.bucket.clone()),
                        object: Some(m.object.clone()),
                        ..Default::default()
                    }),
                    spec: None,
                });
            }
            if let Some(p) = &job.prefix {
                described.key_prefix_manifest_generator =
                    Some(crate::model::KeyPrefixManifestGenerator {
                        source_bucket: Some(p.bucket.clone()),
                        prefix: Some(p.prefix.clone()),
                    });
            }
            let theirs = job
                .objects
                .as_ref()
                .map(|o| o.iter().cloned().collect::<std::collections::HashSet<_>>());
            collision(&ours, &described, theirs.as_ref())
        })
        .collect()
}
