//! Checking a CSV manifest file before it is uploaded (issue #13), streaming: bytes go in as they are
//! read ([`ManifestChecker::update`]), only the current line and a bounded set of row fingerprints are
//! kept, and the MD5 of every byte (the ETag of a single-PUT upload) is computed on the way.
//!
//! What the documents leave open (oss-facts.md, "Manifest formats"), and what is assumed here:
//! - one object per line, columns in the order `Spec.Fields` gives, no header row (a header draws a
//!   warning); fields may be double-quoted, with `""` for a quote inside (RFC 4180), but a field cannot
//!   span lines;
//! - line ends are LF; CRLF is accepted and draws one warning;
//! - keys are read as written: a key with `%XX` sequences may be URL-encoded (as S3's CSV manifests
//!   require) or literally contain `%`, and the docs do not say which OSS reads, so the first such key
//!   draws a warning and nothing is decoded.
//!
//! Issue paths are 1-based rows: `Row[12].Key`.
//!
//! The parts: [`checker`] (the stream: lines, the BOM, each row's checks), [`csv`] (one line into its
//! fields), [`etag`] (the MD5). The rules are `crate::rules::manifest`; the bounds `crate::limits`.

mod checker;
pub mod csv;
mod etag;

pub use crate::rules::manifest::RULES;
pub use checker::ManifestChecker;
pub use etag::Etag;

use crate::issue::Issue;

/// A column of a CSV manifest, as `Spec.Fields` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestField {
    Bucket,
    Key,
    VersionId,
}

impl ManifestField {
    pub fn as_str(self) -> &'static str {
        match self {
            ManifestField::Bucket => "Bucket",
            ManifestField::Key => "Key",
            ManifestField::VersionId => "VersionId",
        }
    }

    /// Reads `Spec.Fields` (`Bucket,Key[,VersionId]`): each of the three at most once, Key required.
    pub fn parse_list(fields: &str) -> Result<Vec<ManifestField>, String> {
        let mut out = Vec::new();
        for name in fields.split(',').map(str::trim) {
            let field = match name {
                "Bucket" => ManifestField::Bucket,
                "Key" => ManifestField::Key,
                "VersionId" => ManifestField::VersionId,
                other => {
                    return Err(format!(
                        "Fields names \"{other}\"; each field is one of Bucket, Key, VersionId"
                    ))
                }
            };
            if out.contains(&field) {
                return Err(format!("Fields names {name} more than once"));
            }
            out.push(field);
        }
        if !out.contains(&ManifestField::Key) {
            return Err("Fields must include Key".to_string());
        }
        Ok(out)
    }
}

/// What the check of a whole file found.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestReport {
    /// At most [`crate::limits::MANIFEST_ISSUES_LISTED`] issues (then a `manifest_file.truncated` one), in row order.
    pub issues: Vec<Issue>,
    /// Rows read (blank lines included).
    pub rows: u64,
    pub bytes: u64,
    /// MD5 of the bytes, 32 lowercase hex digits: the object's ETag after a single PUT upload.
    pub etag: String,
    /// The distinct buckets the rows name (at most [`crate::limits::MANIFEST_BUCKETS_LISTED`]), sorted.
    pub buckets: Vec<String>,
}

/// Checks a whole manifest held in memory (tests, small files, the npm `checkManifest(text)`).
pub fn check_manifest(
    bytes: &[u8],
    fields: Vec<ManifestField>,
    expected_bucket: Option<String>,
) -> ManifestReport {
    let mut checker = ManifestChecker::new(fields, expected_bucket);
    checker.update(bytes);
    checker.finish()
}
