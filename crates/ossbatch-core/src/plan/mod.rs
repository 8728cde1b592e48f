//! Plan before you run (issue #30): what a job will do to each object, which rows will fail, what it
//! overwrites, which running job it collides with, what the tags set in motion and what it costs —
//! predicted from the objects' current state before anything is paid for.
//!
//! The core does no I/O: callers (the CLI, the npm package's `plan`, the app's Plan step) read the
//! objects' state — live (HeadObject, GetObjectTagging, GetObjectAcl) or from a bucket inventory
//! ([`inventory`]) — and feed each target with its state to a [`PlanBuilder`], which predicts the row
//! ([`predict`]) and keeps the counts; [`PlanBuilder::finish`] gives the [`summary::PlanSummary`]
//! the CLI prints with `--json`. The parts: [`codes`] (what can be predicted, one table),
//! [`lifecycle`] (bucket lifecycle rules the job's tags make match), [`collide`] (running jobs on the
//! same objects), [`cost`] (the dated price table), [`manifest`] (reading targets and writing the
//! fixed manifest and the rows file).

pub mod codes;
pub mod collide;
pub mod cost;
pub mod inventory;
pub mod lifecycle;
pub mod manifest;
pub mod predict;
pub mod read;
pub mod summary;
pub mod supplied;

pub use predict::{predict, Outcome, RowPrediction};
pub use summary::{PlanBuilder, PlanSummary};

use crate::api::objects::RestoreState;
use crate::model::{Operation, Tag};

/// One object the job names: a manifest row (its 1-based line) or a listed object (row 0).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub bucket: String,
    /// The key as the manifest wrote it (also what the calls use: ossbatch reads keys as written).
    pub key: String,
    /// Empty: the current version.
    pub version_id: String,
    pub row: u64,
}

/// Whether the object a row names is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    Present,
    Missing,
    VersionMissing,
    BucketMissing,
    /// The state could not be read (the reason, for the user).
    Unread(String),
}

/// What is known of an object now. `None` fields were not read (not needed for the operation, or
/// not available from the source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectState {
    pub presence: Presence,
    /// The row's key is missing, but the same key in the other URL encoding exists.
    pub other_encoding_exists: bool,
    pub storage_class: Option<String>,
    pub size: Option<u64>,
    pub restore: Option<RestoreState>,
    pub tags: Option<Vec<(String, String)>>,
    pub acl: Option<String>,
}

impl ObjectState {
    pub fn present() -> ObjectState {
        ObjectState {
            presence: Presence::Present,
            other_encoding_exists: false,
            storage_class: None,
            size: None,
            restore: None,
            tags: None,
            acl: None,
        }
    }

    pub fn with_presence(presence: Presence) -> ObjectState {
        ObjectState {
            presence,
            ..ObjectState::present()
        }
    }
}

/// The job's operation, as a plan needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOperation {
    PutTagging(Vec<(String, String)>),
    AddTagging(Vec<(String, String)>),
    DeleteTagging,
    PutAcl(String),
    /// RestoreObject with its tier (`Standard` when the job gives none).
    Restore {
        tier: String,
    },
}

/// Which object state a plan must read for an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    pub tags: bool,
    pub acl: bool,
    pub restore: bool,
}

impl JobOperation {
    /// The operation of a request (`None` when it names none, or several: validation says so).
    pub fn of_request(request: &crate::model::CreateJobRequest) -> Option<JobOperation> {
        request.operation.as_ref().and_then(JobOperation::of)
    }

    /// The operation of a job (`None` when it names none, or several: validation says so).
    pub fn of(operation: &Operation) -> Option<JobOperation> {
        let pairs = Tag::pairs;
        let mut found = Vec::new();
        if let Some(t) = &operation.put_object_tagging {
            found.push(JobOperation::PutTagging(pairs(&t.tag_set)));
        }
        if let Some(t) = &operation.add_object_tagging {
            found.push(JobOperation::AddTagging(pairs(&t.tag_set)));
        }
        if operation.delete_object_tagging.is_some() {
            found.push(JobOperation::DeleteTagging);
        }
        if let Some(acl) = &operation.put_object_acl {
            found.push(JobOperation::PutAcl(
                acl.object_acl.clone().unwrap_or_default(),
            ));
        }
        if let Some(restore) = &operation.restore_object {
            found.push(JobOperation::Restore {
                tier: restore
                    .tier
                    .clone()
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| "Standard".to_string()),
            });
        }
        (found.len() == 1).then(|| found.remove(0))
    }

    pub fn name(&self) -> &'static str {
        match self {
            JobOperation::PutTagging(_) => "PutObjectTagging",
            JobOperation::AddTagging(_) => "AddObjectTagging",
            JobOperation::DeleteTagging => "DeleteObjectTagging",
            JobOperation::PutAcl(_) => "PutObjectAcl",
            JobOperation::Restore { .. } => "RestoreObject",
        }
    }

    /// What must be read of each object beyond its presence (HeadObject).
    pub fn needs(&self) -> Needs {
        match self {
            JobOperation::PutTagging(_)
            | JobOperation::AddTagging(_)
            | JobOperation::DeleteTagging => Needs {
                tags: true,
                ..Needs::default()
            },
            JobOperation::PutAcl(_) => Needs {
                acl: true,
                ..Needs::default()
            },
            JobOperation::Restore { .. } => Needs {
                restore: true,
                ..Needs::default()
            },
        }
    }

    /// The object's tags after the task (`None`: the operation does not touch tags).
    pub fn tags_after(&self, before: &[(String, String)]) -> Option<Vec<(String, String)>> {
        match self {
            JobOperation::PutTagging(tags) => Some(tags.clone()),
            JobOperation::AddTagging(tags) => {
                let mut after: Vec<(String, String)> = before
                    .iter()
                    .filter(|(k, _)| !tags.iter().any(|(new, _)| new == k))
                    .cloned()
                    .collect();
                after.extend(tags.iter().cloned());
                Some(after)
            }
            JobOperation::DeleteTagging => Some(Vec::new()),
            JobOperation::PutAcl(_) | JobOperation::Restore { .. } => None,
        }
    }
}

/// The other URL encoding of a key, to look for when the key as written is missing: the decoded
/// key when it holds `%XX` escapes that decode to UTF-8, else the encoded key when encoding would
/// change it. `None` when there is no other spelling.
pub fn other_encoding(key: &str) -> Option<String> {
    if key.contains('%') {
        let decoded = percent_encoding::percent_decode_str(key)
            .decode_utf8()
            .ok()?
            .into_owned();
        return (decoded != key).then_some(decoded);
    }
    let encoded = crate::sign::encode(key);
    (encoded != key).then_some(encoded)
}
