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
use std::hash::{BuildHasherDefault, Hash, Hasher};

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
    /// The optional `ObjectAcl` column: index into [`crate::model::known::OBJECT_ACLS`], or
    /// `u8::MAX` for another value.
    pub acl: Option<u8>,
    /// The optional `TaggingCount` column (capped at 14 here: only "none" and "how many, up to the
    /// limit of 10" matter to a plan).
    pub tags: Option<u8>,
}

impl Listed {
    pub fn object_acl(&self) -> Option<String> {
        self.acl.and_then(|i| {
            crate::model::known::OBJECT_ACLS
                .get(i as usize)
                .map(|acl| acl.to_string())
        })
    }

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

/// The manifest's objects (and the other spelling of each key), filled in from inventory rows. Each
/// is 16 bytes in the map: its hash and what a row listed, packed ([`Listed::pack`]).
#[derive(Debug, Default)]
pub struct InventoryJoin {
    wanted: HashMap<u64, u64, BuildHasherDefault<AlreadyHashed>>,
    rows: u64,
}

/// The map's keys are already 64-bit hashes: hashing them again (SipHash) was a tenth of the join's
/// time.
#[derive(Debug, Default)]
pub struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed here; anything else is folded in all the same.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// One bit per slot of a table eight times the objects' count: most inventory rows name objects the
/// job does not, and this answers "no" for ~7 in 8 of them from a table that stays in the CPU's
/// cache, instead of a probe into the (much larger) map.
#[derive(Debug)]
struct Prefilter {
    bits: Vec<u64>,
    mask: u64,
}

impl Prefilter {
    fn of<'a>(hashes: impl ExactSizeIterator<Item = &'a u64>) -> Prefilter {
        let slots = (hashes.len().max(1) * 8).next_power_of_two().max(64) as u64;
        let mut bits = vec![0u64; (slots / 64) as usize];
        let mask = slots - 1;
        for hash in hashes {
            let slot = hash.rotate_right(17) & mask;
            bits[(slot / 64) as usize] |= 1 << (slot % 64);
        }
        Prefilter { bits, mask }
    }

    fn may_hold(&self, hash: u64) -> bool {
        let slot = hash.rotate_right(17) & self.mask;
        self.bits[(slot / 64) as usize] & (1 << (slot % 64)) != 0
    }
}

impl Listed {
    /// 0: not listed. Else bit 63 set; the class in bits 56–62 (127: none, 126: unknown); the tag
    /// count + 1 in bits 52–55 (0: none); the ACL's index + 1 in bits 49–51 (0: none, 7: unknown);
    /// the size + 1 in bits 0–48 (0: none; OSS objects are far below 2^48 bytes).
    fn pack(self) -> u64 {
        let class = u64::from(self.class.map_or(127, |c| c.min(126)));
        let tags = u64::from(self.tags.map_or(0, |t| t.min(14) + 1));
        let acl = u64::from(self.acl.map_or(0, |a| if a < 6 { a + 1 } else { 7 }));
        let size = self.size.map_or(0, |s| s.min((1 << 49) - 2) + 1);
        1 << 63 | class << 56 | tags << 52 | acl << 49 | size
    }

    fn unpack(packed: u64) -> Option<Listed> {
        if packed == 0 {
            return None;
        }
        let class = ((packed >> 56) & 0x7f) as u8;
        let tags = ((packed >> 52) & 0xf) as u8;
        let acl = ((packed >> 49) & 0x7) as u8;
        let size = packed & ((1 << 49) - 1);
        Some(Listed {
            size: (size > 0).then(|| size - 1),
            class: match class {
                127 => None,
                126 => Some(u8::MAX),
                c => Some(c),
            },
            tags: (tags > 0).then(|| tags - 1),
            acl: match acl {
                0 => None,
                7 => Some(u8::MAX),
                a => Some(a - 1),
            },
        })
    }
}

/// What a [`JoinReader`] found in its files.
#[derive(Debug, Default)]
pub struct Found {
    listed: Vec<(u64, u64)>,
    rows: u64,
}

/// Reads data rows against the join's objects (read-only), keeping what it finds.
pub struct JoinReader<'a> {
    wanted: &'a HashMap<u64, u64, BuildHasherDefault<AlreadyHashed>>,
    filter: Prefilter,
    found: Vec<(u64, u64)>,
    rows: u64,
    key: Vec<u8>,
}

impl JoinReader<'_> {
    /// One line of a data file (no line end), split by the shared fast path: only the columns the
    /// plan uses are looked at, and nothing is allocated unless the key is percent-encoded or a
    /// field holds `""`. Returns `false` for a line that cannot be read (the caller counts it).
    pub fn feed_line(&mut self, line: &[u8], columns: &Columns) -> bool {
        self.rows += 1;
        let mut slots: [Option<crate::csv_line::Field>; SLOTS] = Default::default();
        for (field, &slot) in crate::csv_line::split(line).zip(&columns.slot_of) {
            let Ok(field) = field else {
                return false;
            };
            if slot != NONE {
                slots[slot as usize] = Some(field);
            }
        }
        let text = |i: usize| {
            slots[i]
                .as_ref()
                .map(|f| crate::csv_line::field_bytes(line, f))
        };
        let (Some(bucket), Some(key)) = (text(SLOT_BUCKET), text(SLOT_KEY)) else {
            return false;
        };
        let is_true =
            |v: Option<std::borrow::Cow<[u8]>>| v.is_some_and(|v| v.eq_ignore_ascii_case(b"true"));
        if is_true(text(SLOT_DELETE_MARKER)) {
            return true;
        }
        // Decoded into a buffer kept across rows: no allocation per row.
        self.key.clear();
        self.key.extend(percent_encoding::percent_decode(&key));
        let (Ok(bucket), Ok(key)) = (std::str::from_utf8(&bucket), std::str::from_utf8(&self.key))
        else {
            return false;
        };
        let listed = Listed {
            size: text(SLOT_SIZE).and_then(|s| std::str::from_utf8(&s).ok()?.trim().parse().ok()),
            class: text(SLOT_CLASS).map(|c| {
                crate::storage_class::STORAGE_CLASSES
                    .iter()
                    .position(|(name, _)| name.as_bytes().eq_ignore_ascii_case(&c))
                    .map_or(u8::MAX, |i| i as u8)
            }),
            acl: text(SLOT_ACL).map(|a| {
                crate::model::known::OBJECT_ACLS
                    .iter()
                    .position(|name| name.as_bytes() == a.trim_ascii())
                    .map_or(u8::MAX, |i| i as u8)
            }),
            tags: text(SLOT_TAGS).and_then(|t| {
                std::str::from_utf8(&t)
                    .ok()?
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .map(|n| n.min(14) as u8)
            }),
        };
        let version = text(SLOT_VERSION);
        let version = version
            .as_deref()
            .and_then(|v| std::str::from_utf8(v).ok())
            .unwrap_or("");
        let latest = !columns.version || version.is_empty() || is_true(text(SLOT_LATEST));
        if !version.is_empty() {
            let hash = object_hash(bucket, key, version);
            if self.filter.may_hold(hash) && self.wanted.contains_key(&hash) {
                self.found.push((hash, listed.pack()));
            }
        }
        if latest {
            let hash = object_hash(bucket, key, "");
            if self.filter.may_hold(hash) && self.wanted.contains_key(&hash) {
                self.found.push((hash, listed.pack()));
            }
        }
        true
    }

    pub fn finish(self) -> Found {
        Found {
            listed: self.found,
            rows: self.rows,
        }
    }
}

/// Column positions in a data file.
#[derive(Debug, Clone)]
pub struct Columns {
    version: bool,
    /// For each column of a row up to the last one used, which of the join's slots it fills
    /// (`SLOT_*`), or `NONE`.
    slot_of: Vec<u8>,
}

const SLOT_BUCKET: usize = 0;
const SLOT_KEY: usize = 1;
const SLOT_VERSION: usize = 2;
const SLOT_LATEST: usize = 3;
const SLOT_DELETE_MARKER: usize = 4;
const SLOT_SIZE: usize = 5;
const SLOT_CLASS: usize = 6;
const SLOT_ACL: usize = 7;
const SLOT_TAGS: usize = 8;
const SLOTS: usize = 9;
const NONE: u8 = u8::MAX;

impl Columns {
    pub fn of(manifest: &InventoryManifest) -> Columns {
        let at = |name: &str| manifest.columns.iter().position(|c| c == name);
        let slots = [
            (SLOT_BUCKET, at("Bucket")),
            (SLOT_KEY, at("Key")),
            (SLOT_VERSION, at("VersionId")),
            (SLOT_LATEST, at("IsLatest")),
            (SLOT_DELETE_MARKER, at("IsDeleteMarker")),
            (SLOT_SIZE, at("Size")),
            (SLOT_CLASS, at("StorageClass")),
            // Optional fields of newer inventories (Go SDK v2 `InventoryOptionalFieldObjectAcl`,
            // `InventoryOptionalFieldTaggingCount`): what a plan would otherwise ask object by object.
            (SLOT_ACL, at("ObjectAcl")),
            (SLOT_TAGS, at("TaggingCount")),
        ];
        let last = slots.iter().filter_map(|(_, c)| *c).max().unwrap_or(0);
        let mut slot_of = vec![NONE; last + 1];
        for (slot, column) in slots {
            if let Some(column) = column {
                slot_of[column] = slot as u8;
            }
        }
        Columns {
            version: at("VersionId").is_some(),
            slot_of,
        }
    }
}

impl InventoryJoin {
    /// Asks for an object (call for each manifest row, and for the other spelling of its key).
    pub fn want(&mut self, bucket: &str, key: &str, version: &str) {
        self.wanted
            .entry(object_hash(bucket, key, version))
            .or_insert(0);
        if !version.is_empty() {
            // To tell "this version is missing" from "the object is missing".
            self.wanted.entry(object_hash(bucket, key, "")).or_insert(0);
        }
    }

    pub fn wanted(&self) -> usize {
        self.wanted.len()
    }

    /// Rows read from data files.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// One line of a data file (see [`JoinReader::feed_line`]), read into the join at once.
    pub fn feed_line(&mut self, line: &[u8], columns: &Columns) -> bool {
        let mut reader = self.reader();
        let read = reader.feed_line(line, columns);
        let found = reader.finish();
        self.absorb(found);
        read
    }

    /// A reader of data files that looks objects up without changing the join, so several files
    /// can be read at once on several threads; [`InventoryJoin::absorb`] takes what each found, in
    /// file order.
    pub fn reader(&self) -> JoinReader<'_> {
        JoinReader {
            wanted: &self.wanted,
            filter: Prefilter::of(self.wanted.keys()),
            found: Vec::new(),
            rows: 0,
            key: Vec::new(),
        }
    }

    /// What a reader found: a later row of an object wins, as when read in one pass.
    pub fn absorb(&mut self, found: Found) {
        self.rows += found.rows;
        for (hash, packed) in found.listed {
            if let Some(slot) = self.wanted.get_mut(&hash) {
                *slot = packed;
            }
        }
    }

    /// What the inventory listed for an object (`None`: not listed).
    pub fn listed(&self, bucket: &str, key: &str, version: &str) -> Option<Listed> {
        self.wanted
            .get(&object_hash(bucket, key, version))
            .and_then(|packed| Listed::unpack(*packed))
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
        assert!(join.feed_line(
            line("a%20b%2Fc", "v1", "true", "Archive").as_bytes(),
            &columns
        ));
        assert!(join.feed_line(line("v", "v1", "true", "Standard").as_bytes(), &columns));
        let listed = join.listed("src", "a b/c", "").unwrap();
        for listed in [
            Listed {
                size: None,
                class: None,
                acl: None,
                tags: None,
            },
            Listed {
                size: Some(0),
                class: Some(u8::MAX),
                acl: Some(u8::MAX),
                tags: Some(0),
            },
            Listed {
                size: Some(1 << 40),
                class: Some(4),
                acl: Some(3),
                tags: Some(10),
            },
        ] {
            assert_eq!(Listed::unpack(listed.pack()), Some(listed));
        }
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
