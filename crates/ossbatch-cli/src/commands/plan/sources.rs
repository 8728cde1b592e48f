//! Where a plan's targets and their state come from: the job's manifest (a local copy whose MD5
//! must equal the job's ETag, or GetObject with its ETag checked), a KeyPrefixManifestGenerator
//! (ListObjectsV2 over SourceBucket/Prefix), and a bucket inventory (`--inventory manifest.json`,
//! its data files beside it).

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use ossbatch_core::api::objects::{
    build_get_object, build_list_objects_v2, parse_list_objects_v2_response,
};
use ossbatch_core::manifest_file::{Etag, ManifestField};
use ossbatch_core::plan::inventory::InventoryManifest;
use ossbatch_core::plan::inventory::{parse_inventory_manifest, Columns, InventoryJoin};
use ossbatch_core::plan::manifest::for_each_target;
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
    let mut listed = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = client.call(
            |params| {
                build_list_objects_v2(&bucket, Some(&prefix), token.as_deref(), Some(1000), params)
            },
            parse_list_objects_v2_response,
        )?;
        for object in page.objects {
            let target = Target {
                bucket: bucket.clone(),
                key: object.key,
                version_id: String::new(),
                row: listed.len() as u64 + 1,
            };
            let state = ObjectState {
                size: object.size,
                storage_class: object.storage_class,
                ..ObjectState::present()
            };
            listed.push((target, state));
        }
        match page.next_continuation_token {
            Some(next) => token = Some(next),
            None => break,
        }
    }
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
            Some(listed) => ObjectState {
                size: listed.size,
                storage_class: listed.storage_class(),
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

/// Joins the targets with an inventory (`manifest.json`, its gzip CSV data files beside it),
/// streaming: the targets are indexed by hash, the data files read once. Notes say what was assumed.
pub fn from_inventory(
    path: &str,
    targets: &Targets,
    notes: &mut Vec<String>,
) -> Result<Inventory, Failed> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failed::input(format!("{path}: cannot read: {e}")))?;
    let manifest =
        parse_inventory_manifest(&text).map_err(|e| Failed::input(format!("{path}: {e}")))?;
    let columns = Columns::of(&manifest);
    let mut join = InventoryJoin::default();
    targets.for_each(|target, _| {
        join.want(&target.bucket, &target.key, &target.version_id);
        if let Some(other) = other_encoding(&target.key) {
            join.want(&target.bucket, &other, "");
        }
    })?;
    let dir = Path::new(path).parent().unwrap_or(Path::new("."));
    let mut unreadable = 0u64;
    for file in &manifest.files {
        let found = data_file(dir, &file.key).ok_or_else(|| {
            Failed::input(format!(
                "{path}: data file {} is not beside manifest.json (nor in ../data/)",
                file.key
            ))
        })?;
        let digest = read_data_file(&found, &mut join, &columns, &mut unreadable)?;
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
    join: &mut InventoryJoin,
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
