//! How to read a report: the caller's columns, the retry manifest's fields, whether the job restores
//! objects, the language, and the effect check's sample.

use super::layout::Column;
use crate::lang::Lang;
use crate::manifest_file::ManifestField;

/// How to read a report.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// The columns in order, when the caller knows them better than the file (`--columns`).
    pub columns: Option<Vec<Column>>,
    /// Write a retry manifest of the failed rows with these fields; an empty list means Bucket,Key
    /// plus VersionId when the report has a version column.
    pub retry_fields: Option<Vec<ManifestField>>,
    /// The job's operation is RestoreObject (its "succeeded" means "requested").
    pub restore_job: bool,
    /// The language of the assumptions.
    pub lang: Lang,
    /// Keep a sample of this many succeeded tasks, drawn with this seed (reservoir sampling: any
    /// report size, bounded memory, the same seed draws the same rows).
    pub sample: Option<(usize, u64)>,
}

impl ReportOptions {
    /// How the builder's Report panel reads (on the page and in its reader worker alike): the columns
    /// as typed (empty: the reader tells them), a retry manifest with the default fields, the
    /// effect check's `sample`, and whether the job is a RestoreObject job. The error names `--columns`.
    pub fn for_panel(
        columns: &str,
        lang: Lang,
        sample: (usize, u64),
        restore_job: bool,
    ) -> Result<Self, String> {
        let columns = match columns.trim() {
            "" => None,
            list => Some(Column::parse_list(list).map_err(|m| format!("--columns: {m}"))?),
        };
        Ok(ReportOptions {
            columns,
            retry_fields: Some(Vec::new()),
            restore_job,
            lang,
            sample: Some(sample),
        })
    }
}
