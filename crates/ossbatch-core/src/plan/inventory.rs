//! A bucket inventory as the plan's source of object state: OSS's own listing of billions of
//! objects (oss-facts.md, "Inventory manifests"). `manifest.json` names the column order
//! (`fileSchema`) and the gzip CSV data files (`files`); keys in the data files are URL-encoded.
//!
//! The join is streaming with bounded memory: the manifest's objects are indexed by a 64-bit hash
//! of (bucket, key, version) — 12 bytes an object, not its strings — and the inventory's rows are
//! looked up as they stream by. Two different objects sharing a hash would be taken for each other;
//! among a million manifest objects and ten billion inventory rows that chance is below 1 in 10^3,
//! and it can only make a missing object look present (never the reverse).
//!
//! What the documents leave open, read leniently: the property names inside `files[]` (a path under
//! `key`, `Key` or `name`; `size`; an MD5 under `MD5checksum`, `md5Checksum`, `MD5` or `md5`), and
//! whether `fileSchema` has spaces after its commas.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::manifest_file::csv::split_csv_row;

/// An inventory's `manifest.json`, as far as the plan needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryManifest {
    pub source_bucket: Option<String>,
    pub creation_timestamp: Option<String>,
    pub columns: Vec<String>,
    pub files: Vec<InventoryFile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InventoryFile {
    /// The data file's key in the destination bucket.
    pub key: String,
    pub size: Option<u64>,
    pub md5: Option<String>,
}

/// Reads `manifest.json`; an error names what is missing.
pub fn parse_inventory_manifest(json: &str) -> Result<InventoryManifest, String> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|error| format!("manifest.json is not JSON: {error}"))?;
    let text = |v: &serde_json::Value, names: &[&str]| {
        names.iter().find_map(|n| match v.get(n) {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
    };
    let schema = text(&value, &["fileSchema", "FileSchema"])
        .ok_or("manifest.json has no fileSchema (the column order)")?;
    let columns: Vec<String> = schema.split(',').map(|c| c.trim().to_string()).collect();
    for needed in ["Bucket", "Key"] {
        if !columns.iter().any(|c| c == needed) {
            return Err(format!("fileSchema has no {needed} column: {schema}"));
        }
    }
    let files = value
        .get("files")
        .or_else(|| value.get("Files"))
        .and_then(|f| f.as_array())
        .ok_or("manifest.json has no files list")?
        .iter()
        .map(|file| {
            Ok(InventoryFile {
                key: text(file, &["key", "Key", "name"]).ok_or("a files[] entry has no key")?,
                size: text(file, &["size", "Size"]).and_then(|s| s.parse().ok()),
                md5: text(file, &["MD5checksum", "md5Checksum", "MD5", "md5"]),
            })
        })
        .collect::<Result<Vec<_>, &str>>()?;
    Ok(InventoryManifest {
        source_bucket: text(&value, &["sourceBucket", "SourceBucket"]),
        creation_timestamp: text(&value, &["creationTimestamp", "CreationTimestamp"]),
        columns,
        files,
    })
}

/// What an inventory row says of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Listed {
    pub size: Option<u64>,
    /// Index into [`crate::storage_class::STORAGE_CLASSES`], or `u8::MAX` for a class not known.
    pub class: Option<u8>,
}

impl Listed {
    pub fn storage_class(&self) -> Option<String> {
        self.class.map(|i| {
            crate::storage_class::STORAGE_CLASSES
                .get(i as usize)
                .map_or("unknown", |(name, _)| *name)
                .to_string()
        })
    }
}

/// The hash the join indexes objects by.
pub fn object_hash(bucket: &str, key: &str, version: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (bucket, key, version).hash(&mut hasher);
    hasher.finish()
}

/// The manifest's objects (and the other spelling of each key), filled in from inventory rows.
#[derive(Debug, Default)]
pub struct InventoryJoin {
    wanted: HashMap<u64, Option<Listed>>,
    rows: u64,
}

/// Column positions in a data file.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    bucket: usize,
    key: usize,
    version: Option<usize>,
    is_latest: Option<usize>,
    is_delete_marker: Option<usize>,
    size: Option<usize>,
    class: Option<usize>,
    count: usize,
}

impl Columns {
    pub fn of(manifest: &InventoryManifest) -> Columns {
        let at = |name: &str| manifest.columns.iter().position(|c| c == name);
        Columns {
            bucket: at("Bucket").unwrap_or(0),
            key: at("Key").unwrap_or(1),
            version: at("VersionId"),
            is_latest: at("IsLatest"),
            is_delete_marker: at("IsDeleteMarker"),
            size: at("Size"),
            class: at("StorageClass"),
            count: manifest.columns.len(),
        }
    }
}

impl InventoryJoin {
    /// Asks for an object (call for each manifest row, and for the other spelling of its key).
    pub fn want(&mut self, bucket: &str, key: &str, version: &str) {
        self.wanted
            .entry(object_hash(bucket, key, version))
            .or_insert(None);
        if !version.is_empty() {
            // To tell "this version is missing" from "the object is missing".
            self.wanted
                .entry(object_hash(bucket, key, ""))
                .or_insert(None);
        }
    }

    pub fn wanted(&self) -> usize {
        self.wanted.len()
    }

    /// Rows read from data files.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// One line of a data file (no line end). A line that cannot be read is skipped and counted
    /// by the caller through the `false` it returns.
    pub fn feed_line(&mut self, line: &str, columns: &Columns) -> bool {
        self.rows += 1;
        let Ok(fields) = split_csv_row(line) else {
            return false;
        };
        if fields.len() < columns.count.min(columns.key + 1) {
            return false;
        }
        let get = |i: Option<usize>| i.and_then(|i| fields.get(i)).map(|f| f.as_ref());
        if get(columns.is_delete_marker).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            return true;
        }
        let bucket = fields[columns.bucket].as_ref();
        let Ok(key) = percent_encoding::percent_decode_str(&fields[columns.key]).decode_utf8()
        else {
            return false;
        };
        let listed = Listed {
            size: get(columns.size).and_then(|s| s.parse().ok()),
            class: get(columns.class).map(|c| {
                crate::storage_class::STORAGE_CLASSES
                    .iter()
                    .position(|(name, _)| name.eq_ignore_ascii_case(c))
                    .map_or(u8::MAX, |i| i as u8)
            }),
        };
        let version = get(columns.version).unwrap_or("");
        let latest = columns.version.is_none()
            || version.is_empty()
            || get(columns.is_latest).is_some_and(|v| v.eq_ignore_ascii_case("true"));
        if !version.is_empty() {
            if let Some(slot) = self.wanted.get_mut(&object_hash(bucket, &key, version)) {
                *slot = Some(listed);
            }
        }
        if latest {
            if let Some(slot) = self.wanted.get_mut(&object_hash(bucket, &key, "")) {
                *slot = Some(listed);
            }
        }
        true
    }

    /// What the inventory listed for an object (`None`: not listed).
    pub fn listed(&self, bucket: &str, key: &str, version: &str) -> Option<Listed> {
        self.wanted
            .get(&object_hash(bucket, key, version))
            .copied()
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_reads_and_rows_join_by_decoded_key_and_version() {
        let manifest = parse_inventory_manifest(
            r#"{"creationTimestamp":"1642994594","destinationBucket":"dest","fileFormat":"CSV",
            "fileSchema":"Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, StorageClass, LastModifiedDate, ETag, IsMultipartUploaded, EncryptionStatus",
            "files":[{"key":"dest/src/inv/data/a.csv.gz","size":20,"MD5checksum":"F77449179760C3B13F1E76110F07"}],
            "sourceBucket":"src","version":"2019-09-01"}"#,
        )
        .unwrap();
        assert_eq!(manifest.files[0].key, "dest/src/inv/data/a.csv.gz");
        let columns = Columns::of(&manifest);
        let mut join = InventoryJoin::default();
        join.want("src", "a b/c", "");
        join.want("src", "v", "v2");
        join.want("src", "gone", "");
        let line = |k: &str, v: &str, latest: &str, class: &str| {
            format!("\"src\",\"{k}\",\"{v}\",\"{latest}\",\"false\",\"5\",\"{class}\",\"2022-01-01T00:00:00Z\",\"E\",\"false\",\"\"")
        };
        assert!(join.feed_line(&line("a%20b%2Fc", "v1", "true", "Archive"), &columns));
        assert!(join.feed_line(&line("v", "v1", "true", "Standard"), &columns));
        let listed = join.listed("src", "a b/c", "").unwrap();
        assert_eq!(listed.storage_class().as_deref(), Some("Archive"));
        assert_eq!(listed.size, Some(5));
        assert!(
            join.listed("src", "v", "v2").is_none(),
            "that version is not listed"
        );
        assert!(join.listed("src", "v", "").is_some(), "but the object is");
        assert!(join.listed("src", "gone", "").is_none());
    }
}
