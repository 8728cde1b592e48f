//! `ossbatch plan`: what a job will do to each object before it runs (issue #30). The targets come
//! from the manifest or the prefix ([`sources`]); their state live ([`inspect`]) or from an
//! inventory; the predictions, groups, lifecycle matches and cost from `ossbatch_core::plan`; the
//! running jobs and lifecycle rules from [`facts`]; the files and the text from [`output`].

mod facts;
pub(crate) mod inspect;
mod output;
pub(crate) mod sources;

use std::collections::{BTreeSet, HashMap, HashSet};

use ossbatch_core::plan::ObjectState;

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
    /// `--snapshot DIR`: the before-images the plan reads, saved as `ossbatch snapshot` saves them.
    pub snapshot: Option<String>,
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

/// Rows read between two rounds of concurrent object calls: bounds what is held while a manifest of
/// millions of rows is planned.
const BATCH_ROWS: usize = 4096;

fn plan(
    client: &Client,
    target: &Target,
    request: &ossbatch_core::CreateJobRequest,
    options: &Options,
) -> Result<ExitStatus, Failed> {
    let operation = JobOperation::of_request(request)
        .ok_or_else(|| Failed::input("the job must name exactly one operation to be planned"))?;
    let mut notes = Vec::new();
    let read_at = now().rfc3339();
    let phases = Phases::new();
    let targets = sources::read(client, request, options.manifest.as_deref())?;
    phases.mark("targets read");
    let source = JobSource::of_request(request);
    let running = match &source {
        Some(_) => facts::running_jobs(client, &mut notes),
        None => Vec::new(),
    };
    // The first pass: how many rows, how often each object is named, the buckets, and what the
    // running jobs' sources share with ours.
    let mut total = 0usize;
    // Per object: (rows naming it, rows still to come).
    let mut counts: HashMap<u64, (u32, u32)> = HashMap::new();
    let mut buckets = BTreeSet::new();
    let mut ours = facts::OurObjects::new(&running);
    let mut prepared = match &options.inventory {
        Some(path) => Some(sources::PreparedInventory::open(path)?),
        None => None,
    };
    targets.for_each_ref(|row| {
        total += 1;
        let count = counts.entry(row.identity_hash()).or_insert((0, 0));
        count.0 += 1;
        count.1 += 1;
        if count.0 == 1 {
            ours.add(&row.bucket, &row.key);
        }
        if !buckets.contains(&*row.bucket) {
            buckets.insert(row.bucket.to_string());
        }
        if let Some(prepared) = &mut prepared {
            prepared.want(row);
        }
    })?;
    phases.mark("rows counted");
    // The rows inspected: all of them, or a seeded sample.
    let seed = options.sample.map(|_| sample_seed(request));
    let chosen: Option<HashSet<usize>> = match (options.sample, seed) {
        (Some(n), Some(seed)) if n < total => {
            notes.push(format!(
                "predictions for a sample of {n} of {total} rows (seed {seed}); the counts for the whole are scaled in \"estimate\""
            ));
            Some(sample_indices(total, n, seed).into_iter().collect())
        }
        _ => None,
    };
    let inventory = match prepared {
        Some(prepared) => Some(sources::read_inventory(prepared, &mut notes)?),
        None => None,
    };
    phases.mark("inventory joined");
    let needs = operation.needs();
    let mut builder = PlanBuilder::new(operation.clone(), target.lang);
    if needs.tags {
        for bucket in &buckets {
            match facts::lifecycle_rules(client, bucket) {
                Ok(rules) => builder.lifecycle.set_rules(bucket, rules),
                Err(note) => notes.push(note),
            }
        }
    }
    let mut files = output::Files::create(options, &targets.fields)?;
    let snapshot = match &options.snapshot {
        Some(dir) => Some(SnapshotFile::create(dir)?),
        None => None,
    };
    let mut rounds = Rounds {
        client,
        concurrency: options.concurrency,
        needs,
        remaining: counts,
        cache: HashMap::new(),
        snapshot,
    };
    let mut batch: Vec<(ossbatch_core::plan::Target, Option<ObjectState>)> = Vec::new();
    let mut failure: Option<Failed> = None;
    let mut index = 0usize;
    targets.for_each(|row, listed| {
        let picked = chosen.as_ref().is_none_or(|c| c.contains(&index));
        index += 1;
        if !picked || failure.is_some() {
            return;
        }
        let known = listed
            .cloned()
            .or_else(|| inventory.as_ref().and_then(|i| i.state(&row)));
        batch.push((row, known));
        if batch.len() == BATCH_ROWS {
            if let Err(failed) = rounds.run(std::mem::take(&mut batch), &mut builder, &mut files) {
                failure = Some(failed);
            }
        }
    })?;
    if let Some(failed) = failure {
        return Err(failed);
    }
    rounds.run(batch, &mut builder, &mut files)?;
    if let Some(snapshot) = rounds.snapshot.take() {
        snapshot.finish(request, &operation)?;
    }
    let fixed_etag = files.finish()?;
    phases.mark("rows predicted");
    let collisions = match &source {
        Some(source) => facts::collisions(source, &running, &ours),
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

/// Reads the state of a batch's objects concurrently, each distinct object once over the whole
/// plan (an object named again later is kept until its last row), and feeds the rows in order.
struct Rounds<'a> {
    client: &'a Client,
    concurrency: usize,
    needs: ossbatch_core::plan::Needs,
    /// Rows naming each object, and rows still to come.
    remaining: HashMap<u64, (u32, u32)>,
    /// States of objects named again later.
    cache: HashMap<u64, ObjectState>,
    snapshot: Option<SnapshotFile>,
}

/// `plan --snapshot DIR`: each distinct object's before-image, in the order first named (the order
/// `ossbatch snapshot` writes them in, so both give the same bytes from the same state).
struct SnapshotFile {
    dir: std::path::PathBuf,
    path: std::path::PathBuf,
    file: std::io::BufWriter<std::fs::File>,
    objects: usize,
    unread: usize,
}

impl SnapshotFile {
    fn create(dir: &str) -> Result<SnapshotFile, Failed> {
        let dir = std::path::PathBuf::from(dir);
        let path = dir.join("objects.jsonl");
        let io = |e: std::io::Error| Failed::input(format!("{}: {e}", path.display()));
        std::fs::create_dir_all(&dir).map_err(io)?;
        let file = std::io::BufWriter::new(std::fs::File::create(&path).map_err(io)?);
        Ok(SnapshotFile {
            dir,
            path,
            file,
            objects: 0,
            unread: 0,
        })
    }

    fn add(
        &mut self,
        row: &ossbatch_core::plan::Target,
        state: &ObjectState,
    ) -> Result<(), Failed> {
        use std::io::Write;
        self.objects += 1;
        if matches!(state.presence, ossbatch_core::plan::Presence::Unread(_)) {
            self.unread += 1;
        }
        let line = ossbatch_core::snapshot::SnapshotRow::of(row, state).line();
        self.file
            .write_all(line.as_bytes())
            .map_err(|e| Failed::input(format!("{}: {e}", self.path.display())))
    }

    fn finish(
        self,
        request: &ossbatch_core::CreateJobRequest,
        operation: &JobOperation,
    ) -> Result<(), Failed> {
        let (dir, path, objects, unread) = (self.dir, self.path, self.objects, self.unread);
        let file = self
            .file
            .into_inner()
            .map_err(|e| Failed::input(format!("{}: {e}", path.display())))?;
        file.sync_all()
            .map_err(|e| Failed::input(format!("{}: {e}", path.display())))?;
        super::snapshot::write_summary(
            &dir,
            ossbatch_core::snapshot::Shard::WHOLE,
            &path,
            request,
            operation,
            objects,
            unread,
        )
    }
}

impl Rounds<'_> {
    fn run(
        &mut self,
        batch: Vec<(ossbatch_core::plan::Target, Option<ObjectState>)>,
        builder: &mut PlanBuilder,
        files: &mut output::Files,
    ) -> Result<(), Failed> {
        let hashes: Vec<u64> = batch.iter().map(|(row, _)| identity_hash(row)).collect();
        let mut first: HashMap<u64, usize> = HashMap::new();
        let mut to_read = Vec::new();
        for (i, hash) in hashes.iter().enumerate() {
            if !self.cache.contains_key(hash) && !first.contains_key(hash) {
                first.insert(*hash, to_read.len());
                to_read.push(i);
            }
        }
        let (client, needs) = (self.client, self.needs);
        let states = inspect::parallel(self.concurrency, to_read.len(), "objects read", |j| {
            let (row, known) = &batch[to_read[j]];
            inspect::inspect(client, row, known.clone(), needs)
        });
        for ((row, _), hash) in batch.iter().zip(hashes) {
            let state = match first.get(&hash) {
                Some(&j) => &states[j],
                None => &self.cache[&hash],
            };
            let (earlier, left) = match self.remaining.get_mut(&hash) {
                Some((total, left)) => {
                    let earlier = (*total - *left) as usize;
                    *left = left.saturating_sub(1);
                    (earlier, Some(*left))
                }
                None => (0, None),
            };
            if earlier == 0 {
                if let Some(snapshot) = &mut self.snapshot {
                    snapshot.add(row, state)?;
                }
            }
            let prediction = builder.add_counted(row, state, earlier);
            files.write(row, &prediction)?;
            if left.unwrap_or(0) > 0 {
                if first.contains_key(&hash) {
                    self.cache.insert(hash, state.clone());
                }
            } else {
                self.cache.remove(&hash);
            }
        }
        Ok(())
    }
}

/// The current time as RFC 3339 (when state was read).
pub(crate) fn now_rfc3339() -> String {
    now().rfc3339()
}

/// Where a plan's time goes, on standard error when `OSSBATCH_TIMINGS` is set (docs/benchmarks.md).
struct Phases {
    start: Option<std::time::Instant>,
}

impl Phases {
    fn new() -> Phases {
        Phases {
            start: std::env::var_os("OSSBATCH_TIMINGS").map(|_| std::time::Instant::now()),
        }
    }

    fn mark(&self, what: &str) {
        if let Some(start) = self.start {
            eprintln!("{:>8.3} s  {what}", start.elapsed().as_secs_f64());
        }
    }
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
    let token = super::derived_token(request);
    u64::from_str_radix(&token[token.len() - 16..], 16).unwrap_or(1)
}
