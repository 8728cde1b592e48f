//! The streaming check: bytes in chunks of any size, lines, a BOM at the start, and each row's checks.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasherDefault;

use super::csv::split_csv_row;
use super::{Etag, ManifestField, ManifestReport};
use crate::issue::Issue;
use crate::limits::{
    MANIFEST_BUCKETS_LISTED, MANIFEST_ISSUES_LISTED, MANIFEST_LINE_MAX_BYTES,
    MANIFEST_ROWS_CHECKED_FOR_DUPLICATES,
};
use crate::rules::manifest::*;
use crate::rules::Rule;
use crate::validate::names;

/// Streams a CSV manifest through the row checks and MD5.
pub struct ManifestChecker {
    fields: Vec<ManifestField>,
    expected_bucket: Option<String>,
    etag: Etag,
    bytes: u64,
    rows: u64,
    line: Vec<u8>,
    issues: Vec<Issue>,
    dropped: usize,
    fingerprints: HashMap<u64, u64, BuildHasherDefault<FingerprintHasher>>,
    buckets: BTreeSet<String>,
    saw_crlf: bool,
    saw_percent: bool,
    /// A quoted field has spanned lines (warned once).
    saw_quoted_line_break: bool,
    /// The row being joined holds a line break inside quotes.
    spans_lines: bool,
    saw_data_row: bool,
    /// The current line passed MANIFEST_LINE_MAX_BYTES: its bytes are skipped until its end.
    line_too_long: bool,
    /// The file's first bytes while they may still be a UTF-8 BOM arriving in several chunks.
    head: Vec<u8>,
    /// Whether the start of the file has been checked for a BOM.
    head_checked: bool,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl ManifestChecker {
    /// A checker for rows laid out as `fields` (from `Spec.Fields`); rows naming another bucket than
    /// `expected_bucket` draw a warning.
    pub fn new(fields: Vec<ManifestField>, expected_bucket: Option<String>) -> Self {
        ManifestChecker {
            fields,
            expected_bucket,
            etag: Etag::new(),
            bytes: 0,
            rows: 0,
            line: Vec::new(),
            issues: Vec::new(),
            dropped: 0,
            fingerprints: HashMap::default(),
            buckets: BTreeSet::new(),
            saw_crlf: false,
            saw_percent: false,
            saw_quoted_line_break: false,
            spans_lines: false,
            saw_data_row: false,
            line_too_long: false,
            head: Vec::new(),
            head_checked: false,
        }
    }

    fn push(&mut self, issue: Issue) {
        if self.issues.len() < MANIFEST_ISSUES_LISTED {
            self.issues.push(issue);
        } else {
            self.dropped += 1;
        }
    }

    /// Feeds the next bytes of the file, in chunks of any size (the report does not depend on them).
    pub fn update(&mut self, mut chunk: &[u8]) {
        if !self.head_checked {
            // A BOM split over chunks (a first chunk of 1 or 2 bytes) is still a BOM: hold back a
            // start that could still become one (the fuzz target `manifest_file` holds any chunking
            // to the same report).
            let take = (UTF8_BOM.len() - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
            chunk = &chunk[take..];
            if self.head.len() < UTF8_BOM.len() && UTF8_BOM.starts_with(&self.head) {
                return;
            }
            self.check_head();
        }
        self.feed(chunk);
    }

    /// Checks the held-back start of the file for a BOM, then reads it as data if it is not one.
    fn check_head(&mut self) {
        self.head_checked = true;
        let head = std::mem::take(&mut self.head);
        if head == UTF8_BOM {
            self.etag.update(&head);
            self.bytes += head.len() as u64;
            self.push(Issue::new(&BOM, "Row[1]", "The file starts with a UTF-8 byte order mark (EF BB BF); it is skipped here, but OSS may read it as part of the first bucket name. Save the file without a BOM."));
        } else {
            self.feed(&head);
        }
    }

    fn feed(&mut self, mut chunk: &[u8]) {
        self.etag.update(chunk);
        self.bytes += chunk.len() as u64;
        while let Some(end) = memchr::memchr(b'\n', chunk) {
            self.end_line(&chunk[..end]);
            chunk = &chunk[end + 1..];
        }
        // The start of a line that ends in a later chunk; a line too long to be a row is not kept.
        if self.line_too_long || self.line.len() + chunk.len() > MANIFEST_LINE_MAX_BYTES {
            self.line_too_long = true;
            self.line.clear();
        } else {
            self.line.extend_from_slice(chunk);
        }
    }

    /// A line ends with `tail` (after what `self.line` holds of it).
    fn end_line(&mut self, tail: &[u8]) {
        if self.line_too_long || self.line.len() + tail.len() > MANIFEST_LINE_MAX_BYTES {
            self.line_too_long = false;
            self.line.clear();
            self.rows += 1;
            self.saw_data_row = true;
            let path = format!("Row[{}]", self.rows);
            self.push(Issue::new(
                &LINE_TOO_LONG,
                &path,
                format!("{path} is longer than {MANIFEST_LINE_MAX_BYTES} bytes; a row is a bucket, a key of at most 1023 bytes and a version id. Is this a CSV manifest?"),
            ).with("max", MANIFEST_LINE_MAX_BYTES));
        } else if self.line.is_empty() && !ends_inside_quotes(tail) {
            self.row(tail);
        } else {
            self.line.extend_from_slice(tail);
            if ends_inside_quotes(&self.line) {
                // RFC 4180: the line break belongs to a quoted field; the row goes on.
                self.line.push(b'\n');
                self.spans_lines = true;
                return;
            }
            let line = std::mem::take(&mut self.line);
            if std::mem::take(&mut self.spans_lines) && !self.saw_quoted_line_break {
                self.saw_quoted_line_break = true;
                let path = row_path(self.rows + 1);
                self.push(Issue::new(
                    &QUOTED_LINE_BREAK,
                    &path,
                    format!("{path} has a quoted field that spans lines; RFC 4180 allows it, but OSS documents no quoting rule for manifests, so check that OSS reads this object's key as intended."),
                ));
            }
            self.row(&line);
        }
    }

    /// Ends the file: checks a last line without a line end and returns the report.
    pub fn finish(mut self) -> ManifestReport {
        if !self.head_checked {
            self.check_head();
        }
        if self.spans_lines && ends_inside_quotes(&self.line) {
            // A quote the file never closes: its lines were rows after all (each then says what is
            // wrong with it, the unterminated quote first).
            let mut joined = std::mem::take(&mut self.line);
            self.spans_lines = false;
            // The line end appended after the last complete line is not a row of its own.
            if joined.last() == Some(&b'\n') {
                joined.pop();
            }
            for line in joined.split(|&b| b == b'\n') {
                self.row(line);
            }
        } else if !self.line.is_empty() || self.line_too_long {
            self.end_line(&[]);
        }
        if !self.saw_data_row {
            self.push(Issue::new(
                &EMPTY,
                "",
                "The manifest file lists no objects.",
            ));
        }
        if self.rows > MANIFEST_ROWS_CHECKED_FOR_DUPLICATES {
            self.push(
                Issue::new(
                    &DUPLICATES_UNCHECKED,
                    "",
                    format!(
                        "Duplicate rows were looked for in the first {MANIFEST_ROWS_CHECKED_FOR_DUPLICATES} of {} rows.",
                        self.rows
                    ),
                )
                .with("checked", MANIFEST_ROWS_CHECKED_FOR_DUPLICATES)
                .with("rows", self.rows),
            );
        }
        let mut issues = self.issues;
        if self.dropped > 0 {
            issues.push(
                Issue::new(
                    &TRUNCATED,
                    "",
                    format!(
                        "{} issues were found; only the first {MANIFEST_ISSUES_LISTED} are listed.",
                        MANIFEST_ISSUES_LISTED + self.dropped
                    ),
                )
                .with("total", MANIFEST_ISSUES_LISTED + self.dropped),
            );
        }
        ManifestReport {
            issues,
            rows: self.rows,
            bytes: self.bytes,
            etag: self.etag.finish(),
            buckets: self.buckets.into_iter().collect(),
        }
    }

    /// One row through its checks, in order; a check that makes the row unreadable ends it.
    fn row(&mut self, raw: &[u8]) {
        self.rows += 1;
        let n = self.rows;
        let raw = self.strip_crlf(n, raw);
        if self.is_blank(n, raw) {
            return;
        }
        let Some(text) = self.utf8(n, raw) else {
            return;
        };
        let Some(columns) = self.columns(n, text) else {
            return;
        };
        if self.is_header(n, &columns) {
            return;
        }
        self.saw_data_row = true;
        if !self.column_count_fits(n, &columns) {
            return;
        }
        let mut found = Vec::new();
        // By index: `self.fields` is read while the checks update `self` (no copy per row).
        for (index, value) in columns.iter().enumerate() {
            let value: &str = value;
            match self.fields[index] {
                ManifestField::Bucket => self.check_bucket(&mut found, n, value),
                ManifestField::Key => self.check_key(&mut found, n, value),
                ManifestField::VersionId => check_version_id(&mut found, n, value),
            }
        }
        for issue in found {
            self.push(issue);
        }
        self.check_duplicate(n, &columns);
    }

    /// An issue about the whole row `n`; `message` gets the row's path.
    fn row_issue(&mut self, rule: &'static Rule, n: u64, message: impl FnOnce(&str) -> String) {
        let path = row_path(n);
        let message = message(&path);
        self.push(Issue::new(rule, path, message));
    }

    /// A CRLF line end is read as LF; the first one draws a warning.
    fn strip_crlf<'a>(&mut self, n: u64, raw: &'a [u8]) -> &'a [u8] {
        let Some(stripped) = raw.strip_suffix(b"\r") else {
            return raw;
        };
        if !self.saw_crlf {
            self.saw_crlf = true;
            self.row_issue(&CRLF, n, |path| format!("{path} ends in CRLF (Windows line ends); rows are read as if they ended in LF. The documents do not say which OSS expects: save with LF to be safe."));
        }
        stripped
    }

    fn is_blank(&mut self, n: u64, raw: &[u8]) -> bool {
        if !raw.iter().all(|b| matches!(b, b' ' | b'\t')) {
            return false;
        }
        self.row_issue(&BLANK_LINE, n, |path| {
            format!("{path} is blank; remove it (it is not an object).")
        });
        true
    }

    fn utf8<'a>(&mut self, n: u64, raw: &'a [u8]) -> Option<&'a str> {
        match std::str::from_utf8(raw) {
            Ok(text) => Some(text),
            Err(error) => {
                let path = row_path(n);
                self.push(
                    Issue::new(
                        &UTF8,
                        &path,
                        format!(
                            "{path} is not valid UTF-8 (at byte {} of the row); save the file as UTF-8.",
                            error.valid_up_to() + 1
                        ),
                    )
                    .with("byte", error.valid_up_to() + 1),
                );
                None
            }
        }
    }

    fn columns<'a>(&mut self, n: u64, text: &'a str) -> Option<Vec<Cow<'a, str>>> {
        match split_csv_row(text) {
            Ok(columns) => Some(columns),
            Err(message) => {
                self.row_issue(&QUOTE, n, |path| format!("{path}: {message}"));
                None
            }
        }
    }

    /// A first row that names the columns (`Bucket,Key`) is a header, which OSS would read as an object.
    fn is_header(&mut self, n: u64, columns: &[Cow<'_, str>]) -> bool {
        if n != 1 || self.saw_data_row || !self.looks_like_header(columns) {
            return false;
        }
        let shown: Vec<&str> = columns.iter().map(|c| c.as_ref()).collect();
        let shown = shown.join(",");
        self.row_issue(&HEADER_ROW, n, |path| format!("{path} looks like a header ({shown}); the documented manifests have none, so OSS would read it as an object. Remove it."));
        true
    }

    fn column_count_fits(&mut self, n: u64, columns: &[Cow<'_, str>]) -> bool {
        if columns.len() == self.fields.len() {
            return true;
        }
        let path = row_path(n);
        let expected: Vec<&str> = self.fields.iter().map(|f| f.as_str()).collect();
        let has_versions = self.fields.contains(&ManifestField::VersionId);
        let hint = if !has_versions && columns.len() == self.fields.len() + 1 {
            " (it has one column more: a VersionId column? Then add VersionId to Spec.Fields)"
        } else if has_versions && columns.len() + 1 == self.fields.len() {
            " (Spec.Fields names VersionId but the row has no such column)"
        } else {
            ""
        };
        self.push(
            Issue::new(
                &COLUMNS,
                &path,
                format!(
                    "{path} has {} columns; Spec.Fields ({}) needs {}{hint}.",
                    columns.len(),
                    expected.join(","),
                    expected.len()
                ),
            )
            .with("expected", expected.len())
            .with("actual", columns.len()),
        );
        false
    }

    /// The bucket's name, the expected bucket, and the buckets the Role panel grants.
    fn check_bucket(&mut self, found: &mut Vec<Issue>, n: u64, value: &str) {
        let path = || field_path(n, ManifestField::Bucket);
        if !names::is_plain_bucket(value) {
            names::check_bucket(found, &path(), value);
        }
        if let Some(expected) = &self.expected_bucket {
            if value != expected {
                let path = path();
                found.push(
                    Issue::new(
                        &OTHER_BUCKET,
                        &path,
                        format!("{path} is {value}, not the expected bucket {expected}."),
                    )
                    .with("value", value)
                    .with("expected", expected.as_str()),
                );
            }
        }
        if self.buckets.len() < MANIFEST_BUCKETS_LISTED && !self.buckets.contains(value) {
            self.buckets.insert(value.to_string());
        }
    }

    /// The key is there and a valid object name; the first `%XX` in a key draws a warning.
    fn check_key(&mut self, found: &mut Vec<Issue>, n: u64, value: &str) {
        let path = || field_path(n, ManifestField::Key);
        if value.is_empty() {
            let path = path();
            found.push(Issue::new(
                &KEY_EMPTY,
                &path,
                format!("{path} is empty; every row names an object."),
            ));
            return;
        }
        if !names::is_plain_object_key(value) {
            let path = path();
            names::check_object_key(found, &path, value);
            names::check_text(found, &path, value);
        }
        if !self.saw_percent && has_percent_escape(value) {
            self.saw_percent = true;
            let path = path();
            found.push(
                Issue::new(
                    &KEY_PERCENT,
                    &path,
                    format!("{path} \"{value}\" contains %XX. Keys are read as written; if your tool URL-encoded the keys (S3 manifests require that), OSS may look for the decoded name — the documents do not say. Check one object by hand."),
                )
                .with("value", value),
            );
        }
    }

    /// A row seen before (among the first rows, memory bounded) would be processed twice.
    fn check_duplicate(&mut self, n: u64, columns: &[Cow<'_, str>]) {
        if n > MANIFEST_ROWS_CHECKED_FOR_DUPLICATES {
            return;
        }
        let fingerprint = fingerprint(columns);
        match self.fingerprints.get(&fingerprint) {
            Some(&first) => {
                let path = row_path(n);
                self.push(
                    Issue::new(
                        &DUPLICATE_ROW,
                        &path,
                        format!(
                            "{path} repeats Row[{first}]; the object would be processed twice."
                        ),
                    )
                    .with("first_row", first),
                )
            }
            None => {
                self.fingerprints.insert(fingerprint, n);
            }
        }
    }

    fn looks_like_header(&self, columns: &[Cow<'_, str>]) -> bool {
        columns.len() == self.fields.len()
            && columns
                .iter()
                .zip(&self.fields)
                .all(|(c, f)| c.eq_ignore_ascii_case(f.as_str()))
    }
}

// Paths are written only for an issue: most rows have none, and a row costs well under a microsecond
// only without allocations (the 1 GB target, docs/benchmarks.md).
/// Whether a line ends inside a quoted field (a field that starts with `"` and is not closed by a
/// `"` that is not doubled).
fn ends_inside_quotes(line: &[u8]) -> bool {
    if memchr::memchr(b'"', line).is_none() {
        return false;
    }
    let (mut inside, mut field_start, mut i) = (false, true, 0);
    while i < line.len() {
        let byte = line[i];
        if inside {
            if byte == b'"' {
                if line.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    inside = false;
                }
            }
        } else if field_start && byte == b'"' {
            inside = true;
        }
        field_start = !inside && byte == b',';
        i += 1;
    }
    inside
}

fn row_path(n: u64) -> String {
    format!("Row[{n}]")
}

fn field_path(n: u64, field: ManifestField) -> String {
    format!("Row[{n}].{}", field.as_str())
}

/// A version id holds only characters XML can carry.
fn check_version_id(found: &mut Vec<Issue>, n: u64, value: &str) {
    if !names::all_xml_chars(value) {
        names::check_text(found, &field_path(n, ManifestField::VersionId), value);
    }
}

/// A 64-bit fingerprint of a row's columns (FNV-1a; a collision would only hide a duplicate warning).
fn fingerprint(columns: &[Cow<'_, str>]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for column in columns {
        for &byte in column.as_bytes().iter().chain(std::iter::once(&0u8)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn has_percent_escape(key: &str) -> bool {
    key.contains('%')
        && key
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// The fingerprints are hashes already: the map uses them as they are.
#[derive(Default)]
struct FingerprintHasher(u64);

impl std::hash::Hasher for FingerprintHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) | u64::from(byte);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

#[cfg(test)]
mod tests;
