//! The plan's files: the targets read from a CSV manifest (keys as written, as the manifest check
//! reads them), the rows file (`bucket,key,versionId,prediction,code`) and the fixed manifest (the
//! rows not predicted to fail, in the same Fields and key spelling), both RFC 4180.

use super::{RowPrediction, Target};
use std::borrow::Cow;

use crate::manifest_file::ManifestField;

/// A manifest that cannot be read as the job's Fields say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    pub row: u64,
    pub message: String,
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "manifest row {}: {}", self.row, self.message)
    }
}

/// Reads every row of a CSV manifest into targets. Blank lines are skipped; a BOM at the start and
/// CR before LF are dropped; a row with the wrong number of fields is an error naming the row.
pub fn read_targets(
    bytes: &[u8],
    fields: &[ManifestField],
    default_bucket: &str,
) -> Result<Vec<Target>, ManifestError> {
    let mut targets = Vec::new();
    for_each_target(bytes, fields, default_bucket, |target| targets.push(target))?;
    Ok(targets)
}

/// [`read_targets`] one row at a time, holding no more than the current row (a manifest of millions
/// of rows is read twice by a plan instead of held as targets).
pub fn for_each_target(
    bytes: &[u8],
    fields: &[ManifestField],
    default_bucket: &str,
    mut each: impl FnMut(Target),
) -> Result<(), ManifestError> {
    for_each_row(bytes, fields, default_bucket, |row| each(row.to_target()))
}

/// A manifest row borrowed from the manifest's bytes (fields with `""` excepted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef<'a> {
    pub bucket: Cow<'a, str>,
    pub key: Cow<'a, str>,
    pub version_id: Cow<'a, str>,
    pub row: u64,
}

impl RowRef<'_> {
    pub fn to_target(&self) -> Target {
        Target {
            bucket: self.bucket.to_string(),
            key: self.key.to_string(),
            version_id: self.version_id.to_string(),
            row: self.row,
        }
    }

    /// The same hash as [`super::summary::identity_hash`] of its target.
    pub fn identity_hash(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (&*self.bucket, &*self.key, &*self.version_id).hash(&mut hasher);
        hasher.finish()
    }
}

/// Every row of a manifest, borrowed: what a plan's counting passes read without an allocation a
/// row.
pub fn for_each_row<'a>(
    bytes: &'a [u8],
    fields: &[ManifestField],
    default_bucket: &'a str,
    mut each: impl FnMut(RowRef<'a>),
) -> Result<(), ManifestError> {
    let text = std::str::from_utf8(bytes).map_err(|error| ManifestError {
        row: 1 + bytes[..error.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64,
        message: "is not UTF-8".to_string(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let row = index as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut values = [Cow::Borrowed(""), Cow::Borrowed(""), Cow::Borrowed("")];
        let mut count = 0;
        for field in crate::csv_line::split(line.as_bytes()) {
            let field = field.map_err(|error| ManifestError {
                row,
                message: error.to_string(),
            })?;
            if count < values.len() {
                values[count] = crate::csv_line::field_str(line, &field);
            }
            count += 1;
        }
        if count != fields.len() {
            return Err(ManifestError {
                row,
                message: format!("has {count} fields; the job's Fields name {}", fields.len()),
            });
        }
        let mut found = RowRef {
            bucket: Cow::Borrowed(default_bucket),
            key: Cow::Borrowed(""),
            version_id: Cow::Borrowed(""),
            row,
        };
        for (field, value) in fields.iter().zip(values) {
            match field {
                ManifestField::Bucket => found.bucket = value,
                ManifestField::Key => found.key = value,
                ManifestField::VersionId => found.version_id = value,
            }
        }
        each(found);
    }
    Ok(())
}

/// One field, quoted (RFC 4180) when it holds a comma, a quote, CR or LF, or starts or ends with a
/// space.
pub fn csv_field(value: &str) -> std::borrow::Cow<'_, str> {
    let needs =
        value.contains([',', '"', '\r', '\n']) || value.starts_with(' ') || value.ends_with(' ');
    if needs {
        format!("\"{}\"", value.replace('"', "\"\"")).into()
    } else {
        value.into()
    }
}

/// The fixed manifest's line for a target (Fields order, key as written), with its LF.
pub fn manifest_line(target: &Target, fields: &[ManifestField]) -> String {
    let mut line = fields
        .iter()
        .map(|field| match field {
            ManifestField::Bucket => csv_field(&target.bucket),
            ManifestField::Key => csv_field(&target.key),
            ManifestField::VersionId => csv_field(&target.version_id),
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// The rows file's line for a target: `bucket,key,versionId,prediction,code`.
pub fn rows_line(target: &Target, prediction: &RowPrediction) -> String {
    format!(
        "{},{},{},{},{}\n",
        csv_field(&target.bucket),
        csv_field(&target.key),
        csv_field(&target.version_id),
        prediction.outcome.as_str(),
        prediction.code().map_or("", |c| c.code)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_as_written_and_written_back_alike() {
        let fields = [ManifestField::Bucket, ManifestField::Key];
        let bytes = "\u{feff}b,a%20b\r\n\nb,\"x,\"\"y\"\"\"\nb,dir/\n".as_bytes();
        let targets = read_targets(bytes, &fields, "").unwrap();
        assert_eq!(targets.len(), 3);
        assert_eq!(targets[0].key, "a%20b");
        assert_eq!(targets[1].key, "x,\"y\"");
        assert_eq!(targets[1].row, 3);
        let written: String = targets.iter().map(|t| manifest_line(t, &fields)).collect();
        assert_eq!(written, "b,a%20b\nb,\"x,\"\"y\"\"\"\nb,dir/\n");
        let reread = read_targets(written.as_bytes(), &fields, "").unwrap();
        assert_eq!(
            reread.iter().map(|t| &t.key).collect::<Vec<_>>(),
            targets.iter().map(|t| &t.key).collect::<Vec<_>>()
        );
        let error = read_targets(b"b,k,extra\n", &fields, "").unwrap_err();
        assert_eq!(error.row, 1);
    }
}
