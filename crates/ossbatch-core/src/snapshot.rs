//! Before-images (issue #31): what a job's operation will change on each object — its tag set (exact
//! keys and values, order kept), its ACL, its restore state — read before the job runs, one JSON line
//! an object, so a rollback can put every object back. This module is the format and the sharding;
//! the CLI reads the objects (`ossbatch snapshot`).
//!
//! Sharding: `--shard K/N` takes the objects whose MD5 of `bucket \0 key \0 versionId` (its first 8
//! bytes, big-endian) is `K - 1` modulo N: stable across machines, runs and versions of ossbatch, so
//! N machines snapshot disjoint parts that together are the whole.

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};

use crate::api::objects::RestoreState;
use crate::manifest_file::Etag;
use crate::model::CreateJobRequest;
use crate::plan::supplied::{targets_of, SuppliedInput, SuppliedState};
use crate::plan::{JobOperation, ObjectState, Presence, Target};

/// The K-th of N parts (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// `K/N` with 1 ≤ K ≤ N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("--shard {text:?}: write K/N, e.g. 2/3"))?;
        let (index, count): (u32, u32) = (
            k.trim()
                .parse()
                .map_err(|_| format!("--shard {text:?}: K is not a number"))?,
            n.trim()
                .parse()
                .map_err(|_| format!("--shard {text:?}: N is not a number"))?,
        );
        if count == 0 || index == 0 || index > count {
            return Err(format!(
                "--shard {text:?}: K must be 1 to N, and N at least 1"
            ));
        }
        Ok(Shard { index, count })
    }

    /// Whether the object is in this part.
    pub fn holds(&self, bucket: &str, key: &str, version: &str) -> bool {
        shard_of(bucket, key, version, self.count) == self.index
    }

    /// The file name suffix: empty for the whole, `-K-of-N` for a part.
    /// Whether `parts` (of the snapshots found together) are one whole: the same N, each K from 1 to N
    /// exactly once. A rollback of a partial set would leave objects out without saying so.
    pub fn check_parts(parts: &[Shard]) -> Result<(), String> {
        let Some(first) = parts.first() else {
            return Err("no snapshot part".to_string());
        };
        if let Some(other) = parts.iter().find(|p| p.count != first.count) {
            return Err(format!(
                "parts of {} and of {} are mixed (a whole and its shards, or two shardings)",
                first.count, other.count
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for part in parts {
            if !seen.insert(part.index) {
                return Err(format!("part {}/{} appears twice", part.index, part.count));
            }
        }
        // Only as many parts as were found can be named missing (N comes from outside).
        let missing: Vec<String> = (1..=first.count)
            .filter(|k| !seen.contains(k))
            .take(10)
            .map(|k| format!("{k}/{}", first.count))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} of {} parts found; missing {}{}",
                seen.len(),
                first.count,
                missing.join(", "),
                if first.count as usize - seen.len() > missing.len() {
                    ", …"
                } else {
                    ""
                }
            ))
        }
    }

    pub fn suffix(&self) -> String {
        if *self == Shard::WHOLE {
            String::new()
        } else {
            format!("-{}-of-{}", self.index, self.count)
        }
    }
}

/// The 1-based part of N an object belongs to.
pub fn shard_of(bucket: &str, key: &str, version: &str, count: u32) -> u32 {
    let mut md5 = Md5::new();
    md5.update(bucket.as_bytes());
    md5.update([0]);
    md5.update(key.as_bytes());
    md5.update([0]);
    md5.update(version.as_bytes());
    let digest = md5.finalize();
    let first = u64::from_be_bytes(digest[..8].try_into().expect("16 bytes"));
    (first % u64::from(count.max(1))) as u32 + 1
}

/// One object's before-image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotRow {
    pub bucket: String,
    pub key: String,
    #[serde(default)]
    pub version_id: String,
    /// `key`, `version` or `bucket` when that is missing (nothing to restore).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub missing: Option<String>,
    /// The object could not be read: why (no before-image).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unread: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub storage_class: Option<String>,
    /// `none`, `ongoing` or `restored`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub restore: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tags: Option<Vec<(String, String)>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub acl: Option<String>,
}

impl SnapshotRow {
    pub fn of(target: &Target, state: &ObjectState) -> SnapshotRow {
        let mut row = SnapshotRow {
            bucket: target.bucket.clone(),
            key: target.key.clone(),
            version_id: target.version_id.clone(),
            missing: None,
            unread: None,
            storage_class: None,
            restore: None,
            tags: None,
            acl: None,
        };
        match &state.presence {
            Presence::Present => {
                row.storage_class = state.storage_class.clone();
                row.restore = state.restore.as_ref().map(|r| {
                    match r {
                        RestoreState::None => "none",
                        RestoreState::Ongoing => "ongoing",
                        RestoreState::Restored { .. } => "restored",
                    }
                    .to_string()
                });
                row.tags = state.tags.clone();
                row.acl = state.acl.clone();
            }
            Presence::Missing => row.missing = Some("key".into()),
            Presence::VersionMissing => row.missing = Some("version".into()),
            Presence::BucketMissing => row.missing = Some("bucket".into()),
            Presence::Unread(why) => row.unread = Some(why.clone()),
        }
        row
    }

    /// The row as one JSON line (with its `\n`).
    pub fn line(&self) -> String {
        let mut line = serde_json::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// What `snapshot[-K-of-N].json` says of one part (docs/schemas/cli/snapshot.schema.json).
pub struct Summary<'a> {
    pub request: &'a crate::model::CreateJobRequest,
    pub operation: &'a str,
    pub shard: Shard,
    pub objects: usize,
    pub unread: usize,
    pub read_at: &'a str,
    pub rows_file: &'a str,
    /// The rows' MD5 (hex), what `rollback` checks before it trusts them.
    pub rows_md5: &'a str,
}

impl Summary<'_> {
    pub fn json(&self) -> serde_json::Value {
        use sha2::Digest;
        let job = crate::to_xml(self.request, crate::XmlStyle::Compact);
        let job_sha256: String = sha2::Sha256::digest(job.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        serde_json::json!({
            "ossbatchSnapshot": 1,
            "operation": self.operation,
            "job": job,
            "jobSha256": job_sha256,
            "shard": format!("{}/{}", self.shard.index, self.shard.count),
            "objects": self.objects,
            "unread": self.unread,
            "readAt": self.read_at,
            "files": [{ "name": self.rows_file, "md5": self.rows_md5, "rows": self.objects }],
        })
    }
}

/// The rows file a single-file snapshot names: its rows follow the summary line in the same file
/// (what the builder downloads; `ossbatch rollback` reads it as it reads a directory).
pub const SINGLE_FILE_ROWS: &str = "(this file)";

/// A single-file snapshot: the summary on the first line, then the rows.
pub fn single_file(summary: &serde_json::Value, rows: &str) -> String {
    let mut text = summary.to_string();
    text.push('\n');
    text.push_str(rows);
    text
}

/// Splits a single-file snapshot into its summary and its rows' bytes, or says why it is not one.
pub fn split_single_file(bytes: &[u8]) -> Result<(serde_json::Value, &[u8]), String> {
    let end = bytes
        .iter()
        .position(|b| *b == b'\n')
        .ok_or("a single-file snapshot starts with its summary line")?;
    let summary: serde_json::Value = serde_json::from_slice(&bytes[..end])
        .map_err(|e| format!("line 1 is not a snapshot summary: {e}"))?;
    if summary["ossbatchSnapshot"] != 1 || summary["files"][0]["name"] != SINGLE_FILE_ROWS {
        return Err("line 1 is not a single-file snapshot's summary".into());
    }
    Ok((summary, &bytes[end + 1..]))
}

/// A single-file snapshot (`single_file`) of the states `input` holds: each
/// distinct object once, in the order first named — what `ossbatch snapshot` writes from the same
/// state. `read_at` is when the states were read.
pub fn from_supplied(
    request: &CreateJobRequest,
    input: SuppliedInput,
    read_at: &str,
) -> Result<String, String> {
    let operation =
        JobOperation::of_request(request).ok_or("the job must name exactly one operation")?;
    let (_, targets) = targets_of(request, &input)?;
    let mut seen = std::collections::HashSet::new();
    let (mut rows, mut objects, mut unread) = (String::new(), 0, 0);
    for (target, state) in targets.iter().zip(input.states) {
        if !seen.insert((&target.bucket, &target.key, &target.version_id)) {
            continue;
        }
        let state = state.map_or_else(
            || ObjectState::with_presence(Presence::Unread("not read".into())),
            SuppliedState::into_state,
        );
        if matches!(state.presence, Presence::Unread(_)) {
            unread += 1;
        }
        objects += 1;
        rows.push_str(&SnapshotRow::of(target, &state).line());
    }
    let mut md5 = Etag::new();
    md5.update(rows.as_bytes());
    let summary = Summary {
        request,
        operation: operation.name(),
        shard: Shard::WHOLE,
        objects,
        unread,
        read_at,
        rows_file: SINGLE_FILE_ROWS,
        rows_md5: &md5.finish(),
    };
    Ok(single_file(&summary.json(), &rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_found_together_must_be_one_whole() {
        let part = |index, count| Shard { index, count };
        assert!(Shard::check_parts(&[Shard::WHOLE]).is_ok());
        assert!(Shard::check_parts(&[part(2, 3), part(1, 3), part(3, 3)]).is_ok());
        let missing = Shard::check_parts(&[part(1, 3), part(3, 3)]).unwrap_err();
        assert!(missing.contains("missing 2/3"), "{missing}");
        assert!(Shard::check_parts(&[Shard::WHOLE, part(1, 2), part(2, 2)]).is_err());
        assert!(Shard::check_parts(&[part(1, 2), part(1, 2)])
            .unwrap_err()
            .contains("twice"));
        let huge = Shard::check_parts(&[part(1, u32::MAX)]).unwrap_err();
        assert!(huge.ends_with(", …"), "{huge}");
        assert!(Shard::check_parts(&[]).is_err());
    }

    #[test]
    fn shards_are_disjoint_cover_everything_and_parse_strictly() {
        let keys: Vec<String> = (0..300).map(|i| format!("k/{i}")).collect();
        let parts: Vec<Shard> = (1..=3).map(|k| Shard { index: k, count: 3 }).collect();
        for key in &keys {
            let holders = parts.iter().filter(|s| s.holds("b", key, "")).count();
            assert_eq!(holders, 1, "{key}");
        }
        assert!(parts
            .iter()
            .all(|s| keys.iter().any(|k| s.holds("b", k, ""))));
        assert_eq!(Shard::parse("2/3"), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "1/0", "x/2", "2"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
        // Stable: the same object is always in the same part.
        assert_eq!(shard_of("b", "k/7", "", 3), shard_of("b", "k/7", "", 3));
    }

    #[test]
    fn a_row_keeps_tags_in_order_and_reads_back() {
        let target = Target {
            bucket: "b".into(),
            key: "中文 key+=.:_/-".into(),
            version_id: String::new(),
            row: 1,
        };
        let state = ObjectState {
            tags: Some(vec![("z".into(), "".into()), ("a b".into(), "值 1".into())]),
            acl: Some("private".into()),
            ..ObjectState::present()
        };
        let row = SnapshotRow::of(&target, &state);
        let line = row.line();
        assert!(line.ends_with('\n') && !line[..line.len() - 1].contains('\n'));
        let back: SnapshotRow = serde_json::from_str(&line).unwrap();
        assert_eq!(back, row);
        assert_eq!(back.tags.unwrap()[0].0, "z", "order kept");
    }
}
