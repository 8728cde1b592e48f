//! Reading a job's completion report (issue #22): how many tasks failed, why (grouped by error code
//! and HTTP status, with a cause and a fix for the codes OSS documents), and a manifest of exactly the
//! failed objects to run again.
//!
//! **OSS does not document the report's layout** (docs/decisions.md, "The completion report"): no key
//! layout, no columns, no header rule. So nothing here hard-codes one. The columns come from a header
//! row when the file has one, otherwise from the content of its first rows (a column of
//! succeeded/failed words, one of three-digit HTTP statuses, …), or from the caller
//! ([`ReportOptions::columns`]); the summary says which and why ([`Layout`]), and when the content does
//! not tell, reading stops with the columns it could not tell ([`ReportError::Layout`]). The closest
//! documented relative, S3 Batch Operations, writes `bucket,key,versionId,taskStatus,…` without a
//! header, with the HTTP status in the fifth column and the error code in the sixth in real reports.
//!
//! Streaming: bytes go in as they are read ([`ReportReader::update`]), gzip is recognised by its
//! magic bytes, a UTF-8 BOM is dropped, records are RFC 4180 (quoted fields may hold commas, quotes
//! and line ends; CRLF or LF). A damaged row (too few columns, invalid UTF-8, a status that is neither
//! word, a quote the file never closes) is listed with its file and row and never counted as a task.
//!
//! The parts: [`layout`] (columns by header, by content, or given), [`reader`] (the stream and the
//! counts), [`fixes`] (causes and fixes by error code), [`retry`] (the retry manifest).

mod fields;
mod file;
mod fixes;
mod layout;
mod options;
mod reader;
mod reservoir;
mod retry;
mod texts;

pub use crate::model::UploadedManifest;
pub use fixes::{fix_for, ErrorFix, FIXES};
pub use layout::{Column, Layout, LayoutSource};
pub use options::ReportOptions;
pub use reader::{ReportOutcome, ReportReader};
pub use reservoir::SampledTask;
pub use retry::{job_file_name, retry_job, RetryManifest, RetryWriter};

use serde::{Deserialize, Serialize};

/// Failures that share an error code and an HTTP status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FailureGroup {
    /// As the report wrote it; `None` when the row has none.
    pub error_code: Option<String>,
    pub http_status: Option<u16>,
    pub count: u64,
    /// `count` as a share of all failed tasks (0 to 1).
    pub share: f64,
    /// The group's first keys in file order, as the report wrote them (at most
    /// [`crate::limits::REPORT_SAMPLE_KEYS`]).
    pub sample_keys: Vec<String>,
    /// ossbatch's cause and fix for the code, when the code is one OSS documents.
    #[serde(skip)]
    pub fix: Option<&'static ErrorFix>,
}

/// A row that could not be read as a task: not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Damage {
    pub file: String,
    /// 1-based record number in its file (a record may span lines inside quotes).
    pub row: u64,
    pub reason: String,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: row {}: {}", self.file, self.row, self.reason)
    }
}

/// What a completion report says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportSummary {
    /// Rows read as tasks (damaged rows and header rows are not tasks).
    pub tasks: u64,
    pub succeeded: u64,
    pub failed: u64,
    /// Largest first; groups of the same size in the order their first row appeared.
    pub groups: Vec<FailureGroup>,
    pub layout: Layout,
    /// What was assumed to read the report, in words (also shown to the user).
    pub assumptions: Vec<String>,
    /// The first damaged rows ([`crate::limits::REPORT_DAMAGED_LISTED`]); `damaged_rows` counts all.
    pub damaged: Vec<Damage>,
    pub damaged_rows: u64,
    /// The first rows as read (header rows and damaged rows included, at most
    /// [`crate::limits::REPORT_PREVIEW_ROWS`]): what a person checks the layout against.
    pub first_rows: Vec<Vec<String>>,
    /// A seeded sample of succeeded tasks (bucket, key, version), when one was asked for
    /// ([`ReportOptions::sample`]): what the effect check looks at.
    pub sample: Vec<SampledTask>,
}

/// A finished read as the builder's report reader worker hands it to the page: the summary and the
/// retry manifest's totals, as JSON (the manifest's bytes travel beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinishedRead {
    pub summary: ReportSummary,
    pub retry: Option<RetryManifest>,
}

impl FinishedRead {
    pub fn to_json(&self) -> Result<String, String> {
        serde_json::to_string(self).map_err(|error| error.to_string())
    }

    /// Reads [`FinishedRead::to_json`]'s text; each group's cause and fix (not sent) is found again
    /// by its code.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let mut read: FinishedRead = serde_json::from_str(json)
            .map_err(|error| format!("the report reader's answer: {error}"))?;
        for group in &mut read.summary.groups {
            group.fix = group.error_code.as_deref().and_then(fix_for);
        }
        Ok(read)
    }
}

/// Why a report could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The column layout could not be told from the content: name the columns with `--columns`.
    #[error("{file}: cannot tell the report's columns: {reason}; name them with --columns (bucket,key,versionId,status,httpStatus,errorCode,message,ignore)")]
    Layout { file: String, reason: String },
    /// `columns` given by the caller is not a valid list.
    #[error("--columns: {0}")]
    Columns(String),
    /// The gzip stream is damaged.
    #[error("{file}: not a readable gzip stream: {reason}")]
    Gzip { file: String, reason: String },
}

impl ReportError {
    /// The error in `lang` (`Display` is English; the frames are in `texts.rs`).
    pub fn message_in(&self, lang: crate::lang::Lang) -> String {
        match self {
            ReportError::Layout { file, reason } => texts::LAYOUT_ERROR.fill(lang, &[file, reason]),
            ReportError::Columns(why) => format!("--columns: {why}"),
            ReportError::Gzip { file, reason } => texts::GZIP_ERROR.fill(lang, &[file, reason]),
        }
    }
}
