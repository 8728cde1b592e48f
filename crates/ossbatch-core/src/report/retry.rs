//! The retry manifest: exactly the failed rows, in the order found, as
//! `OSS_BatchOperations_CSV_20250611` rows with the job's `Spec.Fields`, and its ETag (the MD5 of its
//! bytes) computed while writing.
//!
//! The bucket and key are written as the report wrote them, on the assumption that the report uses
//! the manifest's encoding (OSS documents neither). A version written `\N` or empty becomes an empty
//! field; `null` stays `null` (the id OSS gives objects written while versioning was off). A field
//! holding a comma, a quote or a line end is quoted by RFC 4180.

use crate::manifest_file::{Etag, ManifestField};

/// Writes retry manifest rows into a buffer the caller drains ([`RetryWriter::take`]).
pub struct RetryWriter {
    fields: Vec<ManifestField>,
    out: Vec<u8>,
    etag: Etag,
    rows: u64,
    bytes: u64,
}

/// A finished retry manifest's totals.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RetryManifest {
    pub rows: u64,
    pub bytes: u64,
    /// The MD5 of the bytes as lowercase hex: its ETag after a single PUT upload.
    pub etag: String,
    pub fields: String,
}

impl RetryWriter {
    pub fn new(fields: Vec<ManifestField>) -> Self {
        RetryWriter {
            fields,
            out: Vec::new(),
            etag: Etag::new(),
            rows: 0,
            bytes: 0,
        }
    }

    pub fn fields(&self) -> &[ManifestField] {
        &self.fields
    }

    /// One failed task's row.
    pub fn write_row(&mut self, bucket: &str, key: &str, version_id: Option<&str>) {
        let start = self.out.len();
        for (i, field) in self.fields.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            let value = match field {
                ManifestField::Bucket => bucket,
                ManifestField::Key => key,
                ManifestField::VersionId => match version_id.map(str::trim) {
                    None | Some("") | Some("\\N") => "",
                    Some(version) => version,
                },
            };
            write_field(&mut self.out, value);
        }
        self.out.push(b'\n');
        self.etag.update(&self.out[start..]);
        self.bytes += (self.out.len() - start) as u64;
        self.rows += 1;
    }

    /// The bytes written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    pub fn finish(self) -> RetryManifest {
        let fields: Vec<&str> = self.fields.iter().map(|f| f.as_str()).collect();
        RetryManifest {
            rows: self.rows,
            bytes: self.bytes,
            etag: self.etag.finish(),
            fields: fields.join(","),
        }
    }
}

/// A JobId as part of a file or object name: letters, digits, `-` and `_` kept, any other character
/// (JobIds are base64: `=`, `+`, `/`) written `-`. The app's retry-manifest key and the CLI's report
/// folder are named with it.
pub fn job_file_name(job_id: &str) -> String {
    job_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The retry job: the described job's settings (`cloned`, from
/// [`crate::api::describe_job::clone_described_job`] with a new ClientRequestToken) with the retry
/// manifest as its source, Description "Retry of <JobId>: N failed objects", and ConfirmationRequired
/// true, so nothing runs before the user has looked at it.
pub fn retry_job(
    mut cloned: crate::model::CreateJobRequest,
    job_id: &str,
    failed: u64,
    manifest: &crate::model::UploadedManifest<'_>,
) -> crate::model::CreateJobRequest {
    use crate::model::Manifest;
    let objects = if failed == 1 { "object" } else { "objects" };
    let description = format!("Retry of {job_id}: {failed} failed {objects}");
    cloned.description = Some(
        description
            .chars()
            .take(crate::limits::DESCRIPTION_MAX)
            .collect(),
    );
    cloned.confirmation_required = Some(true);
    cloned.key_prefix_manifest_generator = None;
    cloned.manifest = Some(Manifest::uploaded_csv(manifest));
    cloned
}

/// RFC 4180: quoted (with `""` for a quote) when the field holds a comma, a quote or a line end, or
/// begins or ends with a space (so no reader trims it).
fn write_field(out: &mut Vec<u8>, value: &str) {
    let needs_quotes = value
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || value.starts_with(' ')
        || value.ends_with(' ');
    if !needs_quotes {
        out.extend_from_slice(value.as_bytes());
        return;
    }
    out.push(b'"');
    for byte in value.bytes() {
        if byte == b'"' {
            out.push(b'"');
        }
        out.push(byte);
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_id_names_a_file_without_base64_punctuation() {
        assert_eq!(
            job_file_name("MzRjZGU2N+Q3/YTY5NGRh_MTkx-ZmZh=="),
            "MzRjZGU2N-Q3-YTY5NGRh_MTkx-ZmZh--"
        );
    }

    #[test]
    fn rows_are_quoted_only_where_needed_and_versions_follow_the_rules() {
        let mut writer = RetryWriter::new(vec![
            ManifestField::Bucket,
            ManifestField::Key,
            ManifestField::VersionId,
        ]);
        writer.write_row("b", "plain/key.txt", Some("\\N"));
        writer.write_row("b", "a,b \"c\"\nd", Some("null"));
        writer.write_row("b", "k", Some("CAEQ"));
        writer.write_row("b", "k2", None);
        let bytes = writer.take();
        assert_eq!(
            String::from_utf8(bytes.clone()).unwrap(),
            "b,plain/key.txt,\nb,\"a,b \"\"c\"\"\nd\",null\nb,k,CAEQ\nb,k2,\n"
        );
        let done = writer.finish();
        assert_eq!(done.rows, 4);
        assert_eq!(done.bytes, bytes.len() as u64);
        let mut etag = Etag::new();
        etag.update(&bytes);
        assert_eq!(done.etag, etag.finish());
    }
}
