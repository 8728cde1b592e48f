//! The effect check on a sample (issue #22): the cross-check that relies only on documented APIs. For
//! objects drawn from the manifest (or the report's succeeded rows) with a seed the user can see, ask
//! OSS for the state the operation should have left — GetObjectTagging (the job's tags present; for
//! PutObjectTagging exactly those), GetObjectAcl (the ACL), HeadObject `x-oss-restore` (a restore
//! ongoing or done) — and say per object: matched, not matched (and why), or not readable.

use serde::Serialize;

use crate::api::objects::RestoreState;
use crate::model::{Operation, Tag};

/// What one object should look like after the job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Expectation {
    /// GetObjectTagging: these tags present; `exact` (PutObjectTagging) means no others.
    Tags {
        tags: Vec<(String, String)>,
        exact: bool,
    },
    /// GetObjectTagging: no tags (DeleteObjectTagging).
    NoTags,
    /// GetObjectAcl: this ACL.
    Acl { acl: String },
    /// HeadObject: a restore requested (ongoing) or done.
    Restore,
}

/// Which call reads the state an [`Expectation`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum StateCall {
    GetObjectTagging,
    GetObjectAcl,
    HeadObject,
}

impl Expectation {
    /// The expectation for a job's operation; `None` when the operation has no readable effect (or
    /// there is none, or several).
    pub fn of(operation: &Operation) -> Option<Expectation> {
        let pairs = Tag::pairs;
        match operation {
            Operation {
                put_object_tagging: Some(tagging),
                ..
            } => Some(Expectation::Tags {
                tags: pairs(&tagging.tag_set),
                exact: true,
            }),
            Operation {
                add_object_tagging: Some(tagging),
                ..
            } => Some(Expectation::Tags {
                tags: pairs(&tagging.tag_set),
                exact: false,
            }),
            Operation {
                delete_object_tagging: Some(_),
                ..
            } => Some(Expectation::NoTags),
            Operation {
                put_object_acl: Some(acl),
                ..
            } => Some(Expectation::Acl {
                acl: acl.object_acl.clone().unwrap_or_default(),
            }),
            Operation {
                restore_object: Some(_),
                ..
            } => Some(Expectation::Restore),
            _ => None,
        }
    }

    pub fn call(&self) -> StateCall {
        match self {
            Expectation::Tags { .. } | Expectation::NoTags => StateCall::GetObjectTagging,
            Expectation::Acl { .. } => StateCall::GetObjectAcl,
            Expectation::Restore => StateCall::HeadObject,
        }
    }
}

/// What OSS said of one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    Tags(Vec<(String, String)>),
    Acl(String),
    Restore(RestoreState),
    /// The call failed: the error code or a reason.
    Unreadable(String),
}

/// The check's verdict for one object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "verdict", content = "reason")]
pub enum Verdict {
    Matched,
    NotMatched(String),
    NotReadable(String),
}

/// Compares what OSS said with what the job should have left.
pub fn judge(expected: &Expectation, observed: &Observed) -> Verdict {
    match (expected, observed) {
        (_, Observed::Unreadable(reason)) => Verdict::NotReadable(reason.clone()),
        (Expectation::Tags { tags, exact }, Observed::Tags(found)) => {
            let missing: Vec<String> = tags
                .iter()
                .filter(|tag| !found.contains(tag))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            let extra: Vec<String> = found
                .iter()
                .filter(|tag| *exact && !tags.contains(tag))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            match (missing.is_empty(), extra.is_empty()) {
                (true, true) => Verdict::Matched,
                (false, _) => Verdict::NotMatched(format!("missing tags {}", missing.join(", "))),
                (true, false) => Verdict::NotMatched(format!("other tags {}", extra.join(", "))),
            }
        }
        (Expectation::NoTags, Observed::Tags(found)) if found.is_empty() => Verdict::Matched,
        (Expectation::NoTags, Observed::Tags(found)) => {
            Verdict::NotMatched(format!("{} tags remain", found.len()))
        }
        (Expectation::Acl { acl }, Observed::Acl(found)) if acl == found => Verdict::Matched,
        (Expectation::Acl { acl }, Observed::Acl(found)) => {
            Verdict::NotMatched(format!("the ACL is {found}, not {acl}"))
        }
        (Expectation::Restore, Observed::Restore(RestoreState::None)) => {
            Verdict::NotMatched("no restore was requested (no x-oss-restore header)".into())
        }
        (Expectation::Restore, Observed::Restore(_)) => Verdict::Matched,
        (_, other) => Verdict::NotReadable(format!("an answer of the wrong kind: {other:?}")),
    }
}

/// `n` distinct indices below `total`, drawn with `seed` (the same seed draws the same sample), in
/// ascending order.
pub fn sample_indices(total: usize, n: usize, seed: u64) -> Vec<usize> {
    // xorshift64*, seeded; a partial Fisher–Yates over a sparse map of swapped positions.
    // Every seed its own stream (a splitmix-style spread; xorshift needs a non-zero state).
    let mut state = (seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03).max(1);
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let n = n.min(total);
    let mut swapped = std::collections::HashMap::new();
    let mut chosen = Vec::with_capacity(n);
    for i in 0..n {
        let j = i + (next() % (total - i) as u64) as usize;
        let at_j = *swapped.get(&j).unwrap_or(&j);
        let at_i = *swapped.get(&i).unwrap_or(&i);
        swapped.insert(j, at_i);
        chosen.push(at_j);
    }
    chosen.sort_unstable();
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PutObjectAcl, TaggingOperation};

    #[test]
    fn verdicts_for_each_operation() {
        let tag = |k: &str, v: &str| (k.to_string(), v.to_string());
        let put = Expectation::of(&Operation {
            put_object_tagging: Some(TaggingOperation {
                tag_set: Some(vec![Tag {
                    key: Some("env".into()),
                    value: Some("prod".into()),
                }]),
            }),
            ..Operation::default()
        })
        .unwrap();
        assert_eq!(put.call(), StateCall::GetObjectTagging);
        assert_eq!(
            judge(&put, &Observed::Tags(vec![tag("env", "prod")])),
            Verdict::Matched
        );
        assert!(
            matches!(judge(&put, &Observed::Tags(vec![tag("env", "prod"), tag("x", "1")])), Verdict::NotMatched(r) if r.contains("x=1"))
        );
        assert!(
            matches!(judge(&put, &Observed::Tags(vec![])), Verdict::NotMatched(r) if r.contains("env=prod"))
        );
        assert_eq!(
            judge(&put, &Observed::Unreadable("NoSuchKey".into())),
            Verdict::NotReadable("NoSuchKey".into())
        );
        let acl = Expectation::of(&Operation {
            put_object_acl: Some(PutObjectAcl {
                object_acl: Some("private".into()),
            }),
            ..Operation::default()
        })
        .unwrap();
        assert_eq!(
            judge(&acl, &Observed::Acl("private".into())),
            Verdict::Matched
        );
        assert!(matches!(
            judge(&acl, &Observed::Acl("default".into())),
            Verdict::NotMatched(_)
        ));
        assert!(matches!(
            judge(
                &Expectation::Restore,
                &Observed::Restore(RestoreState::None)
            ),
            Verdict::NotMatched(_)
        ));
        assert_eq!(
            judge(
                &Expectation::Restore,
                &Observed::Restore(RestoreState::Ongoing)
            ),
            Verdict::Matched
        );
        assert_eq!(Expectation::of(&Operation::default()), None);
    }

    #[test]
    fn samples_are_distinct_sorted_in_range_and_repeat_with_their_seed() {
        let a = sample_indices(1000, 20, 42);
        assert_eq!(a.len(), 20);
        assert!(a.windows(2).all(|w| w[0] < w[1]) && a.iter().all(|&i| i < 1000));
        assert_eq!(a, sample_indices(1000, 20, 42));
        assert_ne!(a, sample_indices(1000, 20, 43));
        assert_eq!(sample_indices(5, 20, 1), vec![0, 1, 2, 3, 4]);
        assert!(sample_indices(0, 3, 1).is_empty());
    }
}
