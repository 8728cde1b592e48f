//! One row's prediction from the object's current state and the job's operation. What OSS does is
//! taken from its documents (the codes' `source`), never from what a test stand-in happens to do:
//! archived objects are not failures for tag or ACL changes (the RestoreObject page lists the calls
//! that need a restored object, and they are reads and copies), a restore of a restored object
//! succeeds (it extends the copy), a restore while one runs gets 409.

use serde::Serialize;

use super::codes::{self, PlanCode, Severity};
use super::{JobOperation, ObjectState, Presence, Target};
use crate::api::objects::RestoreState;
use crate::limits::TAGS_MAX as OBJECT_TAGS_MAX;
use crate::storage_class::{is_archived_class, is_known_class};

/// What a row is predicted to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Succeed,
    Warn,
    Fail,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Succeed => "succeed",
            Outcome::Warn => "warn",
            Outcome::Fail => "fail",
        }
    }
}

/// A row's prediction: its outcome, every code that applies (failures first), and what it loses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPrediction {
    pub outcome: Outcome,
    pub codes: Vec<&'static PlanCode>,
    /// Tags the object has now that the job removes or replaces.
    pub tags_lost: usize,
    /// The object's ACL will be replaced by a different one.
    pub acl_replaced: bool,
}

impl RowPrediction {
    /// The code that names the row (its first failure, else its first warning).
    pub fn code(&self) -> Option<&'static PlanCode> {
        self.codes.first().copied()
    }
}

/// Predicts one row. `earlier_rows` is how many rows before this one name the same object.
pub fn predict(
    operation: &JobOperation,
    target: &Target,
    state: &ObjectState,
    earlier_rows: usize,
) -> RowPrediction {
    let mut found: Vec<&'static PlanCode> = Vec::new();
    let mut tags_lost = 0;
    let mut acl_replaced = false;
    match &state.presence {
        Presence::BucketMissing => found.push(codes::BUCKET_MISSING),
        Presence::Missing if state.other_encoding_exists => found.push(codes::KEY_ENCODING),
        Presence::Missing => found.push(codes::OBJECT_MISSING),
        Presence::VersionMissing => found.push(codes::VERSION_MISSING),
        Presence::Unread(_) => found.push(codes::STATE_UNREAD),
        Presence::Present => {
            let archived = state
                .storage_class
                .as_deref()
                .is_some_and(is_archived_class);
            match operation {
                JobOperation::Restore { .. } => match (&state.storage_class, &state.restore) {
                    (Some(class), _) if is_known_class(class) && !archived => {
                        found.push(codes::RESTORE_NOT_ARCHIVED)
                    }
                    (None, _) | (_, None) => found.push(codes::STATE_UNREAD),
                    (Some(_), _) if !archived => found.push(codes::STATE_UNREAD),
                    (Some(_), Some(RestoreState::Ongoing)) => {
                        found.push(codes::RESTORE_IN_PROGRESS)
                    }
                    (Some(_), Some(RestoreState::None)) if earlier_rows > 0 => {
                        found.push(codes::DUPLICATE_RESTORE)
                    }
                    _ => {}
                },
                JobOperation::AddTagging(tags) => match &state.tags {
                    Some(current) => {
                        let kept = current
                            .iter()
                            .filter(|(k, _)| !tags.iter().any(|(new, _)| new == k))
                            .count();
                        if kept + tags.len() > OBJECT_TAGS_MAX {
                            found.push(codes::TAG_LIMIT);
                        }
                    }
                    None => found.push(codes::STATE_UNREAD),
                },
                JobOperation::PutTagging(tags) => match &state.tags {
                    Some(current) => {
                        tags_lost = current.iter().filter(|t| !tags.contains(t)).count();
                        if tags_lost > 0 {
                            found.push(codes::TAGS_REPLACED);
                        }
                    }
                    None => found.push(codes::STATE_UNREAD),
                },
                JobOperation::DeleteTagging => {
                    tags_lost = state.tags.as_ref().map_or(0, Vec::len);
                }
                JobOperation::PutAcl(acl) => {
                    if let Some(current) = &state.acl {
                        acl_replaced = current != acl;
                        if acl_replaced {
                            found.push(codes::ACL_CHANGED);
                        }
                    }
                }
            }
        }
    }
    if earlier_rows > 0 && !found.contains(&codes::DUPLICATE_RESTORE) {
        found.push(codes::DUPLICATE_ROW);
    }
    if target.key.ends_with('/') {
        found.push(codes::FOLDER_MARKER);
    }
    // Failures first, then warnings, each in the table's order.
    found.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.severity),
            codes::ALL.iter().position(|a| a == c),
        )
    });
    found.dedup();
    let outcome = match found.first().map(|c| c.severity) {
        Some(Severity::Fail) => Outcome::Fail,
        Some(Severity::Warn) => Outcome::Warn,
        None => Outcome::Succeed,
    };
    RowPrediction {
        outcome,
        codes: found,
        tags_lost,
        acl_replaced,
    }
}
