//! The plan's counts, kept row by row in bounded memory (a counter per code, the first keys of each
//! group, the objects seen for duplicates), and the summary `ossbatch plan --json` prints.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::codes::{self, PlanCode};
use super::collide::Collision;
use super::cost::{Cost, Usage};
use super::lifecycle::{LifecycleHit, LifecycleTally};
use super::{predict, JobOperation, ObjectState, Outcome, RowPrediction, Target};
use crate::api::objects::RestoreState;
use crate::lang::Lang;
use crate::limits::REPORT_SAMPLE_KEYS;

/// Rows of one prediction code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanGroup {
    pub code: &'static str,
    pub count: u64,
    pub sample_keys: Vec<String>,
    pub cause: String,
    pub fix: String,
    /// Only where OSS documents the error the failure will get.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oss_error_code: Option<&'static str>,
    /// `fail` or `warn`.
    pub severity: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Predicted {
    pub succeed: u64,
    pub fail: u64,
    pub warn: u64,
}

/// When only a sample was inspected: the whole's counts scaled, each with a 95 % interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    pub seed: u64,
    pub fail: [u64; 2],
    pub warn: [u64; 2],
    pub succeed: [u64; 2],
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overwrites {
    /// Objects whose tags or ACL the job replaces or removes.
    pub objects: u64,
    pub tags_lost: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassTally {
    pub objects: u64,
    pub bytes: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlastRadius {
    /// Objects the job will act on (rows predicted to fail are left out; duplicates count once).
    pub objects: u64,
    pub buckets: u64,
    pub bytes: u64,
    pub by_storage_class: BTreeMap<String, ClassTally>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pinned {
    #[serde(rename = "manifestETag")]
    pub manifest_etag: Option<String>,
    /// RFC 3339, when the objects' state was read (the first read).
    pub state_read_at: Option<String>,
}

/// What `ossbatch plan --json` prints (the contract in issue #30; schema in docs/schemas/cli/).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    pub operation: &'static str,
    pub targets: u64,
    pub inspected: u64,
    pub sampled: bool,
    pub predicted: Predicted,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Estimate>,
    pub groups: Vec<PlanGroup>,
    pub overwrites: Overwrites,
    pub collisions: Vec<Collision>,
    pub lifecycle: Vec<LifecycleHit>,
    pub blast_radius: BlastRadius,
    pub cost: Cost,
    pub pinned: Pinned,
    /// What was assumed or could not be read, for the user (not failures).
    pub notes: Vec<String>,
}

/// Keeps a plan's counts while rows arrive.
pub struct PlanBuilder {
    operation: JobOperation,
    lang: Lang,
    /// How many rows named each object so far, by a hash of (bucket, key, version): a million
    /// rows cost 16 MB here instead of their strings.
    seen: HashMap<u64, u32>,
    pub usage: Usage,
    groups: Vec<(u64, Vec<String>)>,
    predicted: Predicted,
    overwrites: Overwrites,
    buckets: std::collections::BTreeSet<String>,
    blast: BlastRadius,
    inspected: u64,
    pub lifecycle: LifecycleTally,
}

impl PlanBuilder {
    pub fn new(operation: JobOperation, lang: Lang) -> PlanBuilder {
        PlanBuilder {
            operation,
            lang,
            seen: HashMap::new(),
            usage: Usage::default(),
            groups: vec![(0, Vec::new()); codes::ALL.len()],
            predicted: Predicted::default(),
            overwrites: Overwrites::default(),
            buckets: Default::default(),
            blast: BlastRadius::default(),
            inspected: 0,
            lifecycle: LifecycleTally::default(),
        }
    }

    pub fn operation(&self) -> &JobOperation {
        &self.operation
    }

    /// Predicts one row and counts it. Rows must come in manifest order (duplicates are told by
    /// which came first).
    pub fn add(&mut self, target: &Target, state: &ObjectState) -> RowPrediction {
        self.add_hashed(target, state, identity_hash(target))
    }

    /// [`PlanBuilder::add`] with the target's [`identity_hash`] already computed.
    pub fn add_hashed(&mut self, target: &Target, state: &ObjectState, hash: u64) -> RowPrediction {
        let earlier = self.seen.entry(hash).or_insert(0);
        let earlier_rows = *earlier as usize;
        *earlier += 1;
        self.add_counted(target, state, earlier_rows)
    }

    /// [`PlanBuilder::add`] for a caller that counts how many earlier rows named the same object
    /// itself (the CLI keeps those counts anyway; a second map of a million objects is 26 MB).
    pub fn add_counted(
        &mut self,
        target: &Target,
        state: &ObjectState,
        earlier_rows: usize,
    ) -> RowPrediction {
        let prediction = predict(&self.operation, target, state, earlier_rows);
        self.inspected += 1;
        match prediction.outcome {
            Outcome::Succeed => self.predicted.succeed += 1,
            Outcome::Warn => self.predicted.warn += 1,
            Outcome::Fail => self.predicted.fail += 1,
        }
        for code in &prediction.codes {
            let index = codes::ALL.iter().position(|c| c == code).expect("listed");
            let (count, keys) = &mut self.groups[index];
            *count += 1;
            if keys.len() < REPORT_SAMPLE_KEYS {
                keys.push(target.key.clone());
            }
        }
        if prediction.outcome != Outcome::Fail {
            self.count_usage(state);
        }
        if prediction.outcome != Outcome::Fail && earlier_rows == 0 {
            if prediction.tags_lost > 0 || prediction.acl_replaced {
                self.overwrites.objects += 1;
                self.overwrites.tags_lost += prediction.tags_lost as u64;
            }
            self.buckets.insert(target.bucket.clone());
            self.blast.objects += 1;
            let size = state.size.unwrap_or(0);
            self.blast.bytes += size;
            let class = state
                .storage_class
                .clone()
                .unwrap_or_else(|| "unknown".to_string());
            let tally = self.blast.by_storage_class.entry(class).or_default();
            tally.objects += 1;
            tally.bytes += size;
            if let Some(before) = &state.tags {
                if let Some(after) = self.operation.tags_after(before) {
                    self.lifecycle.add(target, state, before, &after);
                }
            }
        }
        prediction
    }

    fn count_usage(&mut self, state: &ObjectState) {
        self.usage.billed_requests += 1;
        if let Some(before) = &state.tags {
            if let Some(after) = self.operation.tags_after(before) {
                self.usage.tags_added += after.len() as i64 - before.len() as i64;
            }
        }
        if let JobOperation::Restore { tier } = &self.operation {
            // A restore of an object restored or being restored retrieves nothing more
            // (RestoreObject API page).
            if state.restore == Some(RestoreState::None) {
                let class = state.storage_class.clone().unwrap_or_default();
                let entry = self
                    .usage
                    .restores
                    .entry((class, tier.clone()))
                    .or_default();
                entry.0 += 1;
                entry.1 += state.size.unwrap_or(0);
            }
        }
    }

    /// The summary. `targets` is the number of rows the job names (more than were inspected when
    /// only a sample was); `sample_seed` says a sample was drawn.
    pub fn finish(
        self,
        targets: u64,
        sample_seed: Option<u64>,
        collisions: Vec<Collision>,
        cost: Cost,
        pinned: Pinned,
        notes: Vec<String>,
    ) -> PlanSummary {
        let lang = self.lang;
        let mut groups: Vec<PlanGroup> = codes::ALL
            .iter()
            .zip(self.groups)
            .filter(|(_, (count, _))| *count > 0)
            .map(|(code, (count, sample_keys))| group(code, count, sample_keys, lang))
            .collect();
        groups.sort_by_key(|g| std::cmp::Reverse((g.severity == "fail", g.count)));
        let sampled = sample_seed.is_some();
        let estimate = sample_seed.map(|seed| Estimate {
            seed,
            fail: scaled(self.predicted.fail, self.inspected, targets),
            warn: scaled(self.predicted.warn, self.inspected, targets),
            succeed: scaled(self.predicted.succeed, self.inspected, targets),
        });
        let mut blast = self.blast;
        blast.buckets = self.buckets.len() as u64;
        PlanSummary {
            operation: self.operation.name(),
            targets,
            inspected: self.inspected,
            sampled,
            predicted: self.predicted,
            estimate,
            groups,
            overwrites: self.overwrites,
            collisions,
            lifecycle: self.lifecycle.hits(),
            blast_radius: blast,
            cost,
            pinned,
            notes,
        }
    }
}

fn group(code: &PlanCode, count: u64, sample_keys: Vec<String>, lang: Lang) -> PlanGroup {
    PlanGroup {
        code: code.code,
        count,
        sample_keys,
        cause: code.cause.get(lang).to_string(),
        fix: code.fix.get(lang).to_string(),
        oss_error_code: code.oss_error_code,
        severity: match code.severity {
            codes::Severity::Fail => "fail",
            codes::Severity::Warn => "warn",
        },
    }
}

/// A 95 % Wilson interval for `hits` of `n` inspected, scaled to `whole`.
fn scaled(hits: u64, n: u64, whole: u64) -> [u64; 2] {
    if n == 0 {
        return [0, whole];
    }
    let (h, n_f, z) = (hits as f64, n as f64, 1.96_f64);
    let p = h / n_f;
    let denominator = 1.0 + z * z / n_f;
    let centre = (p + z * z / (2.0 * n_f)) / denominator;
    let half = z * ((p * (1.0 - p) / n_f) + z * z / (4.0 * n_f * n_f)).sqrt() / denominator;
    let low = ((centre - half).max(0.0) * whole as f64).floor() as u64;
    let high = ((centre + half).min(1.0) * whole as f64).ceil() as u64;
    [low.max(hits), high.min(whole)]
}

/// A stable 64-bit hash of a target's object (bucket, key, version).
pub fn identity_hash(target: &Target) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (&target.bucket, &target.key, &target.version_id).hash(&mut hasher);
    hasher.finish()
}
