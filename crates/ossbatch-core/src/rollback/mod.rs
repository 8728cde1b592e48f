//! A way back (issue #31): from before-images ([`crate::snapshot`]), the jobs that put every changed
//! object back — one PutObjectTagging job per distinct tag set, one DeleteObjectTagging job for the
//! objects that had no tags, one PutObjectAcl job per ACL value — largest groups first, and beyond
//! `max_jobs` a direct plan (objects with their exact before-image, for `rollback apply`). Pure: the
//! CLI reads the snapshot and the report and writes the files.

pub mod prepare;

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{
    known, CreateJobRequest, DeleteObjectTagging, Manifest, Operation, PutObjectAcl, Tag,
    TaggingOperation, UploadedManifest,
};
use crate::plan::manifest::csv_field;
use crate::snapshot::SnapshotRow;

/// What puts a group of objects back.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Restore {
    Tags(Vec<(String, String)>),
    NoTags,
    Acl(String),
}

impl Restore {
    pub fn operation_name(&self) -> &'static str {
        match self {
            Restore::Tags(_) => "PutObjectTagging",
            Restore::NoTags => "DeleteObjectTagging",
            Restore::Acl(_) => "PutObjectAcl",
        }
    }

    fn operation(&self) -> Operation {
        match self {
            Restore::Tags(tags) => Operation {
                put_object_tagging: Some(TaggingOperation {
                    tag_set: Some(
                        tags.iter()
                            .map(|(k, v)| Tag {
                                key: Some(k.clone()),
                                value: Some(v.clone()),
                            })
                            .collect(),
                    ),
                }),
                ..Operation::default()
            },
            Restore::NoTags => Operation {
                delete_object_tagging: Some(DeleteObjectTagging {}),
                ..Operation::default()
            },
            Restore::Acl(acl) => Operation {
                put_object_acl: Some(PutObjectAcl {
                    object_acl: Some(acl.clone()),
                }),
                ..Operation::default()
            },
        }
    }
}

/// One object to put back, as the snapshot read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub bucket: String,
    pub key: String,
    pub version_id: String,
}

/// The rollback: jobs (largest first) and what goes to the direct plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollback {
    pub jobs: Vec<(Restore, Vec<Changed>)>,
    pub direct: Vec<(Restore, Changed)>,
    /// Objects with no before-image (not read, or missing): nothing to put back, listed.
    pub skipped: Vec<String>,
}

/// Groups the changed objects by their before-image for a job of `operation` (its name). `failed`
/// holds (bucket, key, versionId) of tasks the report says failed: those objects did not change.
pub fn plan_rollback(
    operation: &str,
    rows: &[SnapshotRow],
    failed: &HashSet<(String, String, String)>,
    max_jobs: usize,
) -> Result<Rollback, String> {
    let tags_job = matches!(
        operation,
        "PutObjectTagging" | "AddObjectTagging" | "DeleteObjectTagging"
    );
    if !tags_job && operation != "PutObjectAcl" {
        return Err(format!(
            "a {operation} job changes nothing a rollback can put back (a restore cannot be undone)"
        ));
    }
    let mut groups: BTreeMap<Restore, Vec<Changed>> = BTreeMap::new();
    let mut skipped = Vec::new();
    for row in rows {
        let id = (row.bucket.clone(), row.key.clone(), row.version_id.clone());
        if failed.contains(&id) {
            continue;
        }
        let restore = if tags_job {
            row.tags.clone().map(|tags| {
                if tags.is_empty() {
                    Restore::NoTags
                } else {
                    Restore::Tags(tags)
                }
            })
        } else {
            row.acl.clone().map(Restore::Acl)
        };
        match restore {
            Some(restore) if row.missing.is_none() && row.unread.is_none() => {
                groups.entry(restore).or_default().push(Changed {
                    bucket: row.bucket.clone(),
                    key: row.key.clone(),
                    version_id: row.version_id.clone(),
                })
            }
            _ => skipped.push(format!("{}/{}", row.bucket, row.key)),
        }
    }
    let mut ordered: Vec<(Restore, Vec<Changed>)> = groups
        .into_iter()
        .map(|(restore, mut objects)| {
            // In object order, not in the order the parts were read: a snapshot taken in shards
            // gives the same manifests (and ETags) as one taken whole.
            objects.sort_by(|a, b| {
                (&a.bucket, &a.key, &a.version_id).cmp(&(&b.bucket, &b.key, &b.version_id))
            });
            (restore, objects)
        })
        .collect();
    // Largest first; equal sizes in the groups' own order (stable: the same snapshot, the same jobs).
    ordered.sort_by_key(|(_, objects)| std::cmp::Reverse(objects.len()));
    let rest = ordered.split_off(ordered.len().min(max_jobs));
    let direct = rest
        .into_iter()
        .flat_map(|(restore, objects)| objects.into_iter().map(move |o| (restore.clone(), o)))
        .collect();
    Ok(Rollback {
        jobs: ordered,
        direct,
        skipped,
    })
}

/// One line of `direct.jsonl`: an object and its exact before-image (`tags`, empty for none, or
/// `acl`), carried out by `ossbatch rollback apply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectRow {
    pub bucket: String,
    pub key: String,
    #[serde(default)]
    pub version_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<(String, String)>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acl: Option<String>,
}

impl DirectRow {
    pub fn of(restore: &Restore, object: &Changed) -> DirectRow {
        let (tags, acl) = match restore {
            Restore::Tags(tags) => (Some(tags.clone()), None),
            Restore::NoTags => (Some(Vec::new()), None),
            Restore::Acl(acl) => (None, Some(acl.clone())),
        };
        DirectRow {
            bucket: object.bucket.clone(),
            key: object.key.clone(),
            version_id: object.version_id.clone(),
            tags,
            acl,
        }
    }

    /// What puts this object back; a line naming both or neither is refused.
    pub fn restore(&self) -> Result<Restore, String> {
        match (&self.tags, &self.acl) {
            (Some(tags), None) if tags.is_empty() => Ok(Restore::NoTags),
            (Some(tags), None) => Ok(Restore::Tags(tags.clone())),
            (None, Some(acl)) if known::OBJECT_ACLS.contains(&acl.as_str()) => {
                Ok(Restore::Acl(acl.clone()))
            }
            (None, Some(acl)) => Err(format!(
                "acl {acl:?} is not one of {}",
                known::OBJECT_ACLS.join(", ")
            )),
            _ => Err("a line names either tags or acl, not both and not neither".to_string()),
        }
    }

    /// The line as written to `direct.jsonl` (with its newline).
    pub fn line(&self) -> String {
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// A rollback job's manifest (Bucket,Key,VersionId when any object has a version), and its Fields.
pub fn manifest_of(objects: &[Changed]) -> (String, &'static str) {
    let versioned = objects.iter().any(|o| !o.version_id.is_empty());
    let mut text = String::new();
    for object in objects {
        text.push_str(&csv_field(&object.bucket));
        text.push(',');
        text.push_str(&csv_field(&object.key));
        if versioned {
            text.push(',');
            text.push_str(&csv_field(&object.version_id));
        }
        text.push('\n');
    }
    (
        text,
        if versioned {
            "Bucket,Key,VersionId"
        } else {
            "Bucket,Key"
        },
    )
}

/// The job that puts one group back (`number` of `of`): the original job's report, role and
/// priority, confirmation required, a description naming the original job.
pub fn rollback_job(
    original: &CreateJobRequest,
    restore: &Restore,
    objects: usize,
    (number, of): (usize, usize),
    source: &str,
    manifest: &UploadedManifest<'_>,
) -> CreateJobRequest {
    // The number tells apart two jobs of the same operation and size (two tag sets, say).
    let description = format!(
        "Rollback {number}/{of} of {source}: {} on {objects} objects",
        restore.operation_name()
    );
    CreateJobRequest {
        confirmation_required: Some(true),
        operation: Some(restore.operation()),
        report: original.report.clone(),
        client_request_token: None,
        manifest: Some(Manifest::uploaded_csv(manifest)),
        key_prefix_manifest_generator: None,
        description: Some(
            description
                .chars()
                .take(crate::limits::DESCRIPTION_MAX)
                .collect(),
        ),
        priority: original.priority,
        role_arn: original.role_arn.clone(),
    }
}

/// `rollback.json` as the contract gives it.
#[derive(Debug, Serialize)]
pub struct RollbackIndex {
    pub jobs: Vec<IndexedJob>,
    pub direct: DirectPlan,
    pub source: Source,
}

#[derive(Debug, Serialize)]
pub struct IndexedJob {
    pub file: String,
    pub manifest: String,
    pub etag: String,
    pub objects: usize,
    pub operation: &'static str,
}

#[derive(Debug, Serialize)]
pub struct DirectPlan {
    pub file: Option<String>,
    pub objects: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub job_id: String,
    pub snapshot: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, tags: &[(&str, &str)], acl: &str) -> SnapshotRow {
        SnapshotRow {
            bucket: "b".into(),
            key: key.into(),
            version_id: String::new(),
            missing: None,
            unread: None,
            storage_class: None,
            restore: None,
            tags: Some(
                tags.iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
            acl: Some(acl.into()),
        }
    }

    #[test]
    fn groups_by_before_image_largest_first_failures_left_out_the_rest_direct() {
        let rows = vec![
            row("a", &[("x", "1")], "private"),
            row("b", &[("x", "1")], "private"),
            row("c", &[], "default"),
            row("d", &[("y", "")], "default"),
            row("e", &[("x", "1")], "public-read"),
        ];
        let failed = HashSet::from([("b".to_string(), "e".to_string(), String::new())]);
        let plan = plan_rollback("PutObjectTagging", &rows, &failed, 2).unwrap();
        assert_eq!(
            plan.jobs[0].0,
            Restore::Tags(vec![("x".into(), "1".into())])
        );
        assert_eq!(
            plan.jobs[0].1.len(),
            2,
            "a and b; e failed, so it did not change"
        );
        assert_eq!(plan.jobs.len(), 2);
        assert_eq!(plan.direct.len(), 1);
        let acl = plan_rollback("PutObjectAcl", &rows, &HashSet::new(), 20).unwrap();
        assert_eq!(acl.jobs.len(), 3);
        assert!(plan_rollback("RestoreObject", &rows, &HashSet::new(), 20).is_err());
        let (text, fields) = manifest_of(&plan.jobs[0].1);
        assert_eq!((text.as_str(), fields), ("b,a\nb,b\n", "Bucket,Key"));
    }

    use proptest::prelude::*;
    use std::collections::HashMap;

    /// (tags, acl) an object holds.
    type State = (Vec<(String, String)>, String);

    fn generated_row() -> impl Strategy<Value = (SnapshotRow, bool)> {
        let word = || proptest::string::string_regex("[ab,\" é/]{0,3}").unwrap();
        let tags = proptest::collection::vec((word(), word()), 0..4);
        (
            prop_oneof![Just("b1"), Just("b2")],
            word(),
            prop_oneof![Just(""), Just("v1")],
            proptest::option::weighted(0.9, tags),
            0..4usize,
            prop_oneof![9 => Just(None), 1 => Just(Some("key")), ],
            any::<bool>(),
        )
            .prop_map(|(bucket, key, version, tags, acl, missing, failed)| {
                let row = SnapshotRow {
                    bucket: bucket.into(),
                    key,
                    version_id: version.into(),
                    missing: missing.map(String::from),
                    unread: tags.is_none().then(|| "AccessDenied".to_string()),
                    storage_class: None,
                    restore: None,
                    tags: tags.map(|t| {
                        // OSS keys are unique in a set: the first of each kept.
                        let mut seen = HashSet::new();
                        t.into_iter()
                            .filter(|(k, _)| seen.insert(k.clone()))
                            .collect()
                    }),
                    acl: Some(crate::model::known::OBJECT_ACLS[acl].to_string()),
                };
                (row, failed)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        /// Whatever the before-images and whichever tasks failed: the jobs and the direct plan hold
        /// every changed object once, and carrying them out after the job leaves every object as the
        /// snapshot read it; objects without a before-image are listed, never guessed.
        #[test]
        fn carrying_out_a_rollback_restores_every_changed_object(
            generated in proptest::collection::vec(generated_row(), 0..60),
            operation in prop_oneof![
                Just("PutObjectTagging"), Just("AddObjectTagging"),
                Just("DeleteObjectTagging"), Just("PutObjectAcl"),
            ],
            max_jobs in 0..6usize,
        ) {
            // One row an object, each key made unique (a snapshot reads each object once).
            let rows: Vec<SnapshotRow> = generated.iter().enumerate().map(|(i, (row, _))| {
                SnapshotRow { key: format!("{i}{}", row.key), ..row.clone() }
            }).collect();
            let id = |r: &SnapshotRow| (r.bucket.clone(), r.key.clone(), r.version_id.clone());
            let failed: HashSet<_> = rows.iter().zip(&generated)
                .filter(|(_, (_, failed))| *failed).map(|(r, _)| id(r)).collect();
            let plan = plan_rollback(operation, &rows, &failed, max_jobs).unwrap();
            prop_assert!(plan.jobs.len() <= max_jobs);

            // The objects as they are after the job: what it changed, changed.
            let mut state: HashMap<_, State> = rows.iter().map(|r| {
                let before = (r.tags.clone().unwrap_or_default(), r.acl.clone().unwrap_or_default());
                let after = if failed.contains(&id(r)) || r.missing.is_some() {
                    before
                } else if operation == "PutObjectAcl" {
                    (before.0, "public-read-write".to_string())
                } else {
                    (vec![("job".to_string(), "x".to_string())], before.1)
                };
                (id(r), after)
            }).collect();
            let mut restored = HashSet::new();
            let mut carry_out = |restore: &Restore, o: &Changed| {
                let key = (o.bucket.clone(), o.key.clone(), o.version_id.clone());
                assert!(restored.insert(key.clone()), "{key:?} twice");
                let object = state.get_mut(&key).expect("an object of the snapshot");
                match restore {
                    Restore::Tags(tags) => object.0 = tags.clone(),
                    Restore::NoTags => object.0.clear(),
                    Restore::Acl(acl) => object.1 = acl.clone(),
                }
            };
            let mut distinct = std::collections::BTreeSet::new();
            for (restore, objects) in &plan.jobs {
                prop_assert!(distinct.insert(restore.clone()), "one job per before-image");
                prop_assert!(!objects.is_empty());
                for o in objects { carry_out(restore, o); }
                // The manifest names exactly these objects, quoted where CSV needs it.
                let (text, fields) = manifest_of(objects);
                let read: Vec<Changed> = text.lines().map(|line| {
                    let f = crate::csv_line::split_str(line).unwrap();
                    Changed {
                        bucket: f[0].to_string(),
                        key: f[1].to_string(),
                        version_id: f.get(2).map(|v| v.to_string()).unwrap_or_default(),
                    }
                }).collect();
                prop_assert_eq!(&read, objects);
                prop_assert_eq!(fields.ends_with("VersionId"), objects.iter().any(|o| !o.version_id.is_empty()));
            }
            for (restore, o) in &plan.direct {
                carry_out(restore, o);
                let line = DirectRow::of(restore, o).line();
                let back: DirectRow = serde_json::from_str(&line).unwrap();
                prop_assert_eq!(&back.restore().unwrap(), restore);
            }
            for row in &rows {
                let before = (row.tags.clone().unwrap_or_default(), row.acl.clone().unwrap_or_default());
                let changed = !failed.contains(&id(row)) && row.missing.is_none();
                if changed && row.unread.is_some() {
                    let name = format!("{}/{}", row.bucket, row.key);
                    prop_assert!(plan.skipped.contains(&name), "{} not listed", name);
                } else if changed {
                    prop_assert_eq!(&state[&id(row)], &before, "{:?}", id(row));
                }
            }
        }
    }
}
