//! `ossbatch plan`: what a job will do to each object before it runs (issue #30). The targets come
//! from the manifest or the prefix ([`sources`]); their state live ([`inspect`]) or from an
//! inventory; the predictions, groups, lifecycle matches and cost from `ossbatch_core::plan`; the
//! running jobs and lifecycle rules from [`facts`]; the files and the text from [`output`].

mod facts;
mod inspect;
mod output;
mod sources;

use std::collections::{BTreeSet, HashMap, HashSet};

use ossbatch_core::effect_check::sample_indices;
use ossbatch_core::plan::collide::JobSource;
use ossbatch_core::plan::cost::{estimate, price_lines};
use ossbatch_core::plan::summary::{identity_hash, Pinned};
use ossbatch_core::plan::{JobOperation, PlanBuilder};
use ossbatch_core::SigningTime;

use super::{load, remote_command};
use crate::exit::ExitStatus;
use crate::remote::{Client, Failed, Target};

pub use output::check_pinned;

/// The flags of `ossbatch plan`.
pub struct Options {
    pub manifest: Option<String>,
    pub inventory: Option<String>,
    pub sample: Option<usize>,
    pub concurrency: usize,
    pub rows: Option<String>,
    pub out: Option<String>,
    pub fix_manifest: Option<String>,
}

pub fn run(file: &str, target: &Target, options: Options) -> ExitStatus {
    let request = match load(file, target.lang) {
        Ok(request) => request,
        Err(message) => return Failed::input(message).report(target.json),
    };
    remote_command(target, |client, target| {
        plan(client, target, &request, &options)
    })
}

fn now() -> SigningTime {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    SigningTime::from_unix_seconds(seconds)
        .unwrap_or_else(|_| SigningTime::from_unix_seconds(0).expect("the epoch is a valid time"))
}

fn plan(
    client: &Client,
    target: &Target,
    request: &ossbatch_core::CreateJobRequest,
    options: &Options,
) -> Result<ExitStatus, Failed> {
    let operation = request
        .operation
        .as_ref()
        .and_then(JobOperation::of)
        .ok_or_else(|| Failed::input("the job must name exactly one operation to be planned"))?;
    let mut notes = Vec::new();
    let read_at = now().rfc3339();
    let targets = sources::read(client, request, options.manifest.as_deref())?;
    let total = targets.targets.len();
    // The rows inspected: all of them, or a seeded sample (in manifest order).
    let seed = options.sample.map(|_| sample_seed(request));
    let chosen: Vec<usize> = match (options.sample, seed) {
        (Some(n), Some(seed)) if n < total => {
            let mut picked = sample_indices(total, n, seed);
            picked.sort_unstable();
            notes.push(format!(
                "predictions for a sample of {n} of {total} rows (seed {seed}); the counts for the whole are scaled in \"estimate\""
            ));
            picked
        }
        _ => (0..total).collect(),
    };
    let mut known = match &options.inventory {
        Some(path) => sources::from_inventory(path, &targets, &mut notes)?,
        None => targets.known.clone(),
    };
    // Each distinct object is read once.
    let mut distinct: HashMap<u64, usize> = HashMap::new();
    let mut order: Vec<usize> = Vec::new();
    for &index in &chosen {
        distinct
            .entry(identity_hash(&targets.targets[index]))
            .or_insert_with(|| {
                order.push(index);
                order.len() - 1
            });
    }
    let needs = operation.needs();
    let states = inspect::parallel(options.concurrency, order.len(), "objects read", |i| {
        let index = order[i];
        inspect::inspect(client, &targets.targets[index], known[index].clone(), needs)
    });
    known.clear();
    let mut builder = PlanBuilder::new(operation.clone(), target.lang);
    if needs.tags {
        let buckets: BTreeSet<&str> = chosen
            .iter()
            .map(|&i| targets.targets[i].bucket.as_str())
            .collect();
        for bucket in buckets {
            match facts::lifecycle_rules(client, bucket) {
                Ok(rules) => builder.lifecycle.set_rules(bucket, rules),
                Err(note) => notes.push(note),
            }
        }
    }
    let mut files = output::Files::create(options, &targets.fields)?;
    for &index in &chosen {
        let row = &targets.targets[index];
        let state = &states[distinct[&identity_hash(row)]];
        let prediction = builder.add(row, state);
        files.write(row, &prediction)?;
    }
    let fixed_etag = files.finish()?;
    let objects: HashSet<(String, String)> = targets
        .targets
        .iter()
        .map(|t| (t.bucket.clone(), t.key.clone()))
        .collect();
    let collisions = match JobSource::of_request(request) {
        Some(source) => facts::collisions(client, &source, &objects, &mut notes),
        None => Vec::new(),
    };
    let cost = estimate(client.region(), &builder.usage, &price_lines());
    let pinned = Pinned {
        manifest_etag: targets.manifest_etag.clone(),
        state_read_at: Some(read_at),
    };
    let summary = builder.finish(total as u64, seed, collisions, cost, pinned, notes);
    if let Some(path) = &options.out {
        output::write_pinned(path, request, &summary)?;
    }
    output::print(&summary, target, fixed_etag.as_deref());
    Ok(if !summary.collisions.is_empty() {
        ExitStatus::JobFailed
    } else if summary.predicted.fail > 0 {
        ExitStatus::TasksFailed
    } else {
        ExitStatus::Success
    })
}

/// The sample's seed: from `OSSBATCH_SEED` when set, else from the job's content (the same job
/// samples the same rows).
fn sample_seed(request: &ossbatch_core::CreateJobRequest) -> u64 {
    if let Some(seed) = std::env::var("OSSBATCH_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
    {
        return seed;
    }
    let token = super::submit::derived_token(request);
    u64::from_str_radix(&token[token.len() - 16..], 16).unwrap_or(1)
}
