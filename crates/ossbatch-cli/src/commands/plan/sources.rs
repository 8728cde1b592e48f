//! Where a plan's targets and their state come from: the job's manifest (a local copy whose MD5
//! must equal the job's ETag, or GetObject with its ETag checked), a KeyPrefixManifestGenerator
//! (ListObjectsV2 over SourceBucket/Prefix), and a bucket inventory (`--inventory manifest.json`,
//! its data files beside it).

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use ossbatch_core::api::objects::build_get_object;
use ossbatch_core::manifest_file::{Etag, ManifestField};
use ossbatch_core::plan::inventory::InventoryManifest;
use ossbatch_core::plan::inventory::{
    parse_inventory_manifest, Columns, InventoryJoin, JoinReader,
};
use ossbatch_core::plan::manifest::{for_each_row, for_each_target, RowRef};
use ossbatch_core::plan::{other_encoding, ObjectState, Presence, Target};
use ossbatch_core::CreateJobRequest;

use crate::remote::{Client, Failed};

/// Where the rows are: a manifest's bytes (read row by row, as often as needed, never held as
/// targets) or a prefix listing (with what it says of each object).
pub enum Rows {
    Manifest { bytes: Vec<u8>, bucket: String },
    Listed(Vec<(Target, ObjectState)>),
}

/// The job's targets and the manifest's ETag when there is one.
pub struct Targets {
    pub rows: Rows,
    pub fields: Vec<ManifestField>,
    pub manifest_etag: Option<String>,
}

impl Targets {
    /// Each row in order, borrowed: the counting pass.
    pub fn for_each_ref(&self, mut each: impl FnMut(&RowRef<'_>)) -> Result<(), Failed> {
        match &self.rows {
            Rows::Manifest { bytes, bucket } => {
                for_each_row(bytes, &self.fields, bucket, |row| each(&row))
                    .map_err(|e| Failed::input(e.to_string()))
            }
            Rows::Listed(listed) => {
                for (target, _) in listed {
                    each(&RowRef {
                        bucket: target.bucket.as_str().into(),
                        key: target.key.as_str().into(),
                        version_id: target.version_id.as_str().into(),
                        row: target.row,
                    });
                }
                Ok(())
            }
        }
    }

    /// Each row in order, with what a listing says of it.
    pub fn for_each(
        &self,
        mut each: impl FnMut(Target, Option<&ObjectState>),
    ) -> Result<(), Failed> {
        match &self.rows {
            Rows::Manifest { bytes, bucket } => {
                for_each_target(bytes, &self.fields, bucket, |target| each(target, None))
                    .map_err(|e| Failed::input(e.to_string()))
            }
            Rows::Listed(listed) => {
                for (target, state) in listed {
                    each(target.clone(), Some(state));
                }
                Ok(())
            }
        }
    }
}

fn bare_etag(etag: &str) -> String {
    etag.trim().trim_matches('"').to_ascii_lowercase()
}

/// Reads the job's targets.
pub fn read(
    client: &Client,
    request: &CreateJobRequest,
    local_manifest: Option<&str>,
) -> Result<Targets, Failed> {
    if let Some(manifest) = &request.manifest {
        let location = manifest.location.clone().unwrap_or_default();
        let fields_text = manifest
            .spec
            .as_ref()
            .and_then(|s| s.fields.clone())
            .unwrap_or_else(|| "Bucket,Key".to_string());
        let fields = ManifestField::parse_list(&fields_text)
            .map_err(|e| Failed::input(format!("Manifest.Spec.Fields: {e}")))?;
        let expected = location
            .etag
            .as_deref()
            .map(bare_etag)
            .filter(|e| !e.is_empty());
        let (bytes, etag) = match local_manifest {
            Some(path) => {
                let bytes = std::fs::read(path)
                    .map_err(|e| Failed::input(format!("{path}: cannot read: {e}")))?;
                let mut md5 = Etag::new();
                md5.update(&bytes);
                (bytes, md5.finish())
            }
            None => {
                let bucket = location.bucket.clone().unwrap_or_default();
                let object = location.object.clone().unwrap_or_default();
                let answer =
                    client.exchange(|params| build_get_object(&bucket, &object, None, params))?;
                if answer.status != 200 {
                    return Err(Failed::input(format!(
                        "the manifest oss://{bucket}/{object} cannot be read: OSS answered {}",
                        answer.status
                    )));
                }
                let etag = answer
                    .header("etag")
                    .map(|e| bare_etag(&e))
                    .unwrap_or_default();
                (answer.body, etag)
            }
        };
        if let Some(expected) = &expected {
            if !expected.eq_ignore_ascii_case(&etag) {
                return Err(Failed::input(format!(
                    "the manifest's ETag is {etag}, the job's Manifest.Location.ETag is {expected}: the manifest changed since the job was written (or --manifest names another file)"
                )));
            }
        }
        let bucket = location.bucket.clone().unwrap_or_default();
        // Read once here so a manifest that cannot be read is exit 2 before any call.
        for_each_target(&bytes, &fields, &bucket, |_| {})
            .map_err(|e| Failed::input(e.to_string()))?;
        return Ok(Targets {
            rows: Rows::Manifest { bytes, bucket },
            fields,
            manifest_etag: Some(etag),
        });
    }
    let Some(generator) = &request.key_prefix_manifest_generator else {
        return Err(Failed::input(
            "the job has neither a Manifest nor a KeyPrefixManifestGenerator",
        ));
    };
    let bucket = generator.source_bucket.clone().unwrap_or_default();
    let prefix = generator.prefix.clone().unwrap_or_default();
    let listed = super::super::list_all_objects(client, &bucket, &prefix)?
        .into_iter()
        .enumerate()
        .map(|(i, object)| {
            let target = Target {
                bucket: bucket.clone(),
                key: object.key,
                version_id: String::new(),
                row: i as u64 + 1,
            };
            let state = ObjectState {
                size: object.size,
                storage_class: object.storage_class,
                ..ObjectState::present()
            };
            (target, state)
        })
        .collect();
    Ok(Targets {
        rows: Rows::Listed(listed),
        fields: vec![ManifestField::Bucket, ManifestField::Key],
        manifest_etag: None,
    })
}

/// Where a data file named in manifest.json is on disk: beside manifest.json, in `../data/`, or
/// under the manifest's directory by its whole key.
fn data_file(dir: &Path, key: &str) -> Option<PathBuf> {
    let name = key.rsplit('/').next().unwrap_or(key);
    [
        dir.join(name),
        dir.join("..").join("data").join(name),
        dir.join(key),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// An inventory joined with the targets: what it lists of each.
pub struct Inventory {
    join: InventoryJoin,
    manifest: InventoryManifest,
}

impl Inventory {
    /// What the inventory says of a target; `None` for a bucket it does not cover (read live).
    pub fn state(&self, target: &Target) -> Option<ObjectState> {
        if self
            .manifest
            .source_bucket
            .as_deref()
            .is_some_and(|b| b != target.bucket)
        {
            return None;
        }
        let join = &self.join;
        let listed = join.listed(&target.bucket, &target.key, &target.version_id);
        Some(match listed {
            // What a newer inventory's optional columns say spares the calls: its ACL, and no
            // tags to read when it counts none (the tags themselves are read only where it counts
            // some).
            Some(listed) => ObjectState {
                size: listed.size,
                storage_class: listed.storage_class(),
                acl: listed.object_acl(),
                tags: (listed.tags == Some(0)).then(Vec::new),
                ..ObjectState::present()
            },
            None => {
                let presence = if !target.version_id.is_empty()
                    && join.listed(&target.bucket, &target.key, "").is_some()
                {
                    Presence::VersionMissing
                } else {
                    Presence::Missing
                };
                let mut state = ObjectState::with_presence(presence);
                state.other_encoding_exists = other_encoding(&target.key)
                    .is_some_and(|other| join.listed(&target.bucket, &other, "").is_some());
                state
            }
        })
    }
}

/// An inventory's manifest.json read, and the join the counting pass fills with the rows' objects
/// ([`PreparedInventory::want`]) before [`read_inventory`] streams the data files.
pub struct PreparedInventory {
    path: String,
    manifest: InventoryManifest,
    columns: Columns,
    join: InventoryJoin,
}

impl PreparedInventory {
    pub fn open(path: &str) -> Result<PreparedInventory, Failed> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failed::input(format!("{path}: cannot read: {e}")))?;
        let manifest =
            parse_inventory_manifest(&text).map_err(|e| Failed::input(format!("{path}: {e}")))?;
        Ok(PreparedInventory {
            path: path.to_string(),
            columns: Columns::of(&manifest),
            manifest,
            join: InventoryJoin::default(),
        })
    }

    /// Asks for a row's object and the other spelling of its key.
    pub fn want(&mut self, row: &RowRef<'_>) {
        self.join.want(&row.bucket, &row.key, &row.version_id);
        if let Some(other) = other_encoding(&row.key) {
            self.join.want(&row.bucket, &other, "");
        }
    }
}

/// Streams the inventory's gzip CSV data files into the join. Notes say what was assumed.
pub fn read_inventory(
    prepared: PreparedInventory,
    notes: &mut Vec<String>,
) -> Result<Inventory, Failed> {
    let PreparedInventory {
        path,
        manifest,
        columns,
        mut join,
    } = prepared;
    let path = path.as_str();
    let dir = Path::new(path).parent().unwrap_or(Path::new("."));
    let mut paths = Vec::new();
    for file in &manifest.files {
        paths.push(data_file(dir, &file.key).ok_or_else(|| {
            Failed::input(format!(
                "{path}: data file {} is not beside manifest.json (nor in ../data/)",
                file.key
            ))
        })?);
    }
    // The data files are read at once on every core (decompressing is most of the time), each
    // against the join read-only; what each found goes in in file order.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(found) = paths.get(index) else {
                    break;
                };
                let mut reader = join.reader();
                let mut unreadable = 0u64;
                let read = read_data_file(found, &mut reader, &columns, &mut unreadable);
                let outcome = read.map(|digest| (reader.finish(), digest, unreadable));
                results
                    .lock()
                    .expect("no reader panics")
                    .push((index, outcome));
            });
        }
    });
    let mut results = results.into_inner().expect("no reader panics");
    results.sort_by_key(|(index, _)| *index);
    let mut unreadable = 0u64;
    for ((_, outcome), file) in results.into_iter().zip(&manifest.files) {
        let (found, digest, bad) = outcome?;
        join.absorb(found);
        unreadable += bad;
        if let Some(expected) = &file.md5 {
            if !expected.eq_ignore_ascii_case(&digest) {
                notes.push(format!(
                    "inventory data file {}: its MD5 is {digest}, manifest.json says {expected}",
                    file.key
                ));
            }
        }
    }
    if unreadable > 0 {
        notes.push(format!(
            "{unreadable} inventory rows could not be read and were skipped"
        ));
    }
    notes.push(format!(
        "object state from the inventory of {} ({} rows); objects it does not list are taken as missing",
        manifest
            .creation_timestamp
            .as_deref()
            .unwrap_or("an unknown time"),
        join.rows()
    ));
    Ok(Inventory { join, manifest })
}

/// Streams one gzip data file into the join; its MD5.
fn read_data_file(
    found: &Path,
    join: &mut JoinReader<'_>,
    columns: &Columns,
    unreadable: &mut u64,
) -> Result<String, Failed> {
    let raw = std::fs::File::open(found)
        .map_err(|e| Failed::input(format!("{}: cannot read: {e}", found.display())))?;
    let mut md5 = Etag::new();
    let hashing = HashingReader {
        inner: raw,
        md5: &mut md5,
    };
    let gz = flate2::read::MultiGzDecoder::new(std::io::BufReader::with_capacity(1 << 20, hashing));
    let mut lines = std::io::BufReader::with_capacity(1 << 20, gz);
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = lines
            .read_until(b'\n', &mut line)
            .map_err(|e| Failed::input(format!("{}: {e}", found.display())))?;
        if read == 0 {
            break;
        }
        let trimmed = line.strip_suffix(b"\n").unwrap_or(&line);
        let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
        if trimmed.is_empty() {
            continue;
        }
        if !join.feed_line(trimmed, columns) {
            *unreadable += 1;
        }
    }
    drop(lines);
    Ok(md5.finish())
}

/// Hashes what passes through (the data file's MD5 while it is decompressed).
struct HashingReader<'a, R> {
    inner: R,
    md5: &'a mut Etag,
}

impl<R: Read> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.md5.update(&buf[..n]);
        Ok(n)
    }
}
