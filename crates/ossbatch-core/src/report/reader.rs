//! The report stream: bytes in as they are read, one file after another; records out by csv-core
//! (RFC 4180, chunk by chunk); the counts, the failure groups and the retry manifest on the way. Only
//! the current record, the first rows (until the layout is decided) and the groups are kept.

use std::io::Write;

use super::fields::{ColumnIndices, Fields};
use super::file::File;
use super::fixes::{fix_for, RESTORE_SUCCEEDED_NOTE};
use super::layout::{self, assumption_of, Column, Layout, LayoutSource};
use super::options::ReportOptions;
use super::reservoir::Reservoir;
use super::retry::{RetryManifest, RetryWriter};
use super::texts;
use super::{Damage, FailureGroup, ReportError, ReportSummary};
use crate::limits::{
    REPORT_DAMAGED_LISTED, REPORT_JSON_SNIFF_BYTES as SNIFF_WINDOW, REPORT_LAYOUT_SAMPLE_ROWS,
    REPORT_PREVIEW_ROWS, REPORT_SAMPLE_KEYS,
};
use crate::manifest_file::ManifestField;

/// What [`ReportReader::finish`] gives.
pub struct ReportOutcome {
    pub summary: ReportSummary,
    /// The retry manifest's totals, when one was asked for.
    pub retry: Option<RetryManifest>,
    /// The retry manifest's bytes not yet taken with [`ReportReader::take_retry`].
    pub retry_tail: Vec<u8>,
}

/// Reads a completion report, chunk by chunk ([`ReportReader::update`]); several files are one report
/// ([`ReportReader::begin_file`]).
pub struct ReportReader {
    options: ReportOptions,
    /// Lines whose quotes close within them are split by the shared fast path, not csv-core
    /// (`File::fast_line`).
    fast_lines: bool,
    layout: Option<Layout>,
    sample: Vec<(String, u64, Vec<String>)>,
    /// Every file begun, in order (the first names a layout error; the order sorts the damage).
    files: Vec<String>,
    file: Option<File>,
    tasks: u64,
    succeeded: u64,
    failed: u64,
    groups: Vec<FailureGroup>,
    /// The decided layout's column positions.
    columns: Option<ColumnIndices>,
    damaged: Vec<Damage>,
    damaged_rows: u64,
    assumptions: Vec<String>,
    retry: Option<RetryWriter>,
    error: Option<ReportError>,
    /// The seeded sample of succeeded tasks ([`ReportOptions::sample`]).
    reservoir: Option<Reservoir>,
    first_rows: Vec<Vec<String>>,
}

impl ReportReader {
    pub fn new(options: ReportOptions) -> Self {
        let reservoir = options
            .sample
            .map(|(size, seed)| Reservoir::new(size, seed));
        ReportReader {
            options,
            fast_lines: true,
            layout: None,
            sample: Vec::new(),
            files: Vec::new(),
            file: None,
            tasks: 0,
            succeeded: 0,
            failed: 0,
            groups: Vec::new(),
            columns: None,
            damaged: Vec::new(),
            damaged_rows: 0,
            assumptions: Vec::new(),
            retry: None,
            error: None,
            reservoir,
            first_rows: Vec::new(),
        }
    }

    /// Every record through csv-core, also the lines the fast path reads (tests compare the two).
    #[doc(hidden)]
    pub fn without_fast_lines(mut self) -> Self {
        self.fast_lines = false;
        self
    }

    /// Starts the next file of the report (named in messages); the previous one ends here.
    pub fn begin_file(&mut self, name: &str) {
        self.end_file();
        self.files.push(name.to_string());
        self.file = Some(File::new(name));
    }

    /// The next bytes of the current file.
    pub fn update(&mut self, bytes: &[u8]) {
        if self.file.is_none() {
            self.begin_file("<input>");
        }
        if bytes.is_empty() {
            return;
        }
        if self.error.is_some() {
            self.keep_checking_gzip(bytes);
            return;
        }
        let file = self.file.as_mut().expect("begun");
        if !file.told {
            file.head.extend_from_slice(bytes);
            if file.head.len() < 2 {
                return;
            }
            self.tell_gzip();
            return;
        }
        self.feed(bytes);
    }

    /// The retry manifest's bytes written since the last call.
    pub fn take_retry(&mut self) -> Vec<u8> {
        self.retry
            .as_mut()
            .map(RetryWriter::take)
            .unwrap_or_default()
    }

    pub fn finish(mut self) -> Result<ReportOutcome, ReportError> {
        self.end_file();
        if self.layout.is_none() && self.error.is_none() {
            if self.sample.is_empty() {
                let (columns, source) = match self.options.columns.clone() {
                    Some(columns) => (columns, LayoutSource::Given),
                    None => (Vec::new(), LayoutSource::Content),
                };
                self.layout = Some(Layout {
                    columns,
                    source,
                    reason: texts::REASON_NO_ROWS.get(self.options.lang).to_string(),
                });
                self.layout_decided();
            } else {
                self.decide_layout();
            }
        }
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let layout = self.layout.take().expect("decided");
        let mut groups = std::mem::take(&mut self.groups);
        for group in &mut groups {
            group.share = group.count as f64 / self.failed.max(1) as f64;
        }
        // Stable: groups of one size keep the order of their first row.
        groups.sort_by_key(|group| std::cmp::Reverse(group.count));
        // Rows damaged while the layout was undecided were found before the sampled rows were read.
        let files = &self.files;
        self.damaged
            .sort_by_key(|d| (files.iter().position(|f| *f == d.file), d.row));
        let mut assumptions = vec![assumption_of(&layout, self.options.lang)];
        assumptions.append(&mut self.assumptions);
        if self.options.restore_job {
            assumptions.push(RESTORE_SUCCEEDED_NOTE.get(self.options.lang).to_string());
        }
        let (retry, retry_tail) = match self.retry.take() {
            Some(mut writer) => {
                let tail = writer.take();
                (Some(writer.finish()), tail)
            }
            None => (None, Vec::new()),
        };
        Ok(ReportOutcome {
            summary: ReportSummary {
                tasks: self.tasks,
                succeeded: self.succeeded,
                failed: self.failed,
                groups,
                layout,
                assumptions,
                damaged: self.damaged,
                damaged_rows: self.damaged_rows,
                sample: self
                    .reservoir
                    .take()
                    .map(Reservoir::into_rows)
                    .unwrap_or_default(),
                first_rows: self.first_rows,
            },
            retry,
            retry_tail,
        })
    }

    /// Gzip or not, from the first two bytes; then the head goes on as text.
    fn tell_gzip(&mut self) {
        let file = self.file.as_mut().expect("begun");
        file.told = true;
        if file.head.starts_with(&[0x1f, 0x8b]) {
            file.gzip = Some(flate2::write::MultiGzDecoder::new(Vec::new()));
        }
        let head = std::mem::take(&mut file.head);
        self.feed(&head);
    }

    /// Raw bytes of the current file: through the gzip decoder when it is one.
    fn feed(&mut self, bytes: &[u8]) {
        let file = self.file.as_mut().expect("begun");
        match file.gzip.as_mut() {
            None => self.feed_text(bytes, false),
            Some(decoder) => {
                let result = decoder.write_all(bytes);
                let text = std::mem::take(decoder.get_mut());
                if let Err(error) = result {
                    self.fail_gzip(error);
                    return;
                }
                self.feed_text(&text, false);
            }
        }
    }

    /// After another error, a gzip file's remaining bytes still go through the decoder (the text is
    /// dropped): whether the stream is damaged is then known however the bytes arrived, as it is
    /// when they arrive whole.
    fn keep_checking_gzip(&mut self, bytes: &[u8]) {
        if matches!(self.error, Some(ReportError::Gzip { .. })) {
            return;
        }
        let Some(decoder) = self.file.as_mut().and_then(|f| f.gzip.as_mut()) else {
            return;
        };
        let result = decoder.write_all(bytes);
        decoder.get_mut().clear();
        if let Err(error) = result {
            self.fail_gzip(error);
        }
    }

    /// A damaged gzip stream is what the reader says, whatever else it found: how much text the
    /// decoder had handed over before the damage depends on how the bytes arrived (its buffer), so
    /// an error drawn from those rows (an undecidable layout) would differ by chunking.
    fn fail_gzip(&mut self, error: std::io::Error) {
        if matches!(self.error, Some(ReportError::Gzip { .. })) {
            return;
        }
        let name = self
            .file
            .as_ref()
            .map(|f| f.name.clone())
            .unwrap_or_default();
        self.error = Some(ReportError::Gzip {
            file: name,
            reason: error.to_string(),
        });
    }

    /// CSV text of the current file (`end`: no more follows). Its first bytes tell a BOM (dropped)
    /// and a JSON document (a report manifest: skipped, with a note).
    fn feed_text(&mut self, input: &[u8], end: bool) {
        let file = self.file.as_mut().expect("begun");
        if file.skip {
            return;
        }
        if file.started {
            self.feed_records(input, end);
            return;
        }
        file.start.extend_from_slice(input);
        // The decision looks at the same bytes however the file is cut: the first SNIFF_WINDOW
        // bytes, or all of a shorter file. It waits while those seen so far are only a BOM and
        // whitespace, so a JSON document after many blank lines is told apart from CSV alike
        // when it arrives whole and when it arrives in small pieces.
        let window = &file.start[..file.start.len().min(SNIFF_WINDOW)];
        let first_text = window
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(window)
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .copied();
        if !end && (window.len() < 3 || (first_text.is_none() && window.len() < SNIFF_WINDOW)) {
            return;
        }
        file.started = true;
        let pending = std::mem::take(&mut file.start);
        let text = pending.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&pending);
        if first_text == Some(b'{') {
            file.skip = true;
            let note = texts::JSON_SKIPPED.fill(self.options.lang, &[&file.name]);
            self.assumptions.push(note);
            return;
        }
        self.feed_records(text, end);
    }

    fn feed_records(&mut self, mut input: &[u8], end: bool) {
        // csv-core reads empty input as the end of the file.
        if input.is_empty() && !end {
            return;
        }

        loop {
            if self.fast_lines {
                if let Some(consumed) = self.file.as_mut().expect("begun").fast_line(input) {
                    input = &input[consumed..];
                    self.record(false);
                    continue;
                }
            }
            let file = self.file.as_mut().expect("begun");
            let (result, read, wrote, ended) = file.csv.read_record(
                input,
                &mut file.record[file.used..],
                &mut file.ends[file.ended..],
            );
            file.quotes += memchr::memchr_iter(b'"', &input[..read]).count();
            if read > 0 && !matches!(result, csv_core::ReadRecordResult::Record) {
                file.at_record_start = false;
            }
            input = &input[read..];
            file.used += wrote;
            file.ended += ended;
            match result {
                csv_core::ReadRecordResult::InputEmpty => return,
                csv_core::ReadRecordResult::OutputFull => {
                    let grown = file.record.len() * 2;
                    file.record.resize(grown, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let grown = file.ends.len() * 2;
                    file.ends.resize(grown, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    file.row += 1;
                    file.at_record_start = true;
                    self.record(input.is_empty() && end);
                    continue;
                }
                csv_core::ReadRecordResult::End => return,
            }
        }
    }

    /// The current file ends: the gzip stream and the last record are flushed.
    fn end_file(&mut self) {
        let Some(file) = self.file.as_mut() else {
            return;
        };
        if !file.told {
            self.tell_gzip();
        }
        let file = self.file.as_mut().expect("begun");
        if let Some(mut decoder) = file.gzip.take() {
            let result = decoder.try_finish();
            let text = std::mem::take(decoder.get_mut());
            if let Err(error) = result {
                self.fail_gzip(error);
            } else {
                self.feed_text(&text, false);
            }
        }
        if self.error.is_none() {
            self.feed_text(&[], true);
        }
        self.file = None;
    }

    /// A complete record of the current file (`last`: it ended with the file).
    fn record(&mut self, last: bool) {
        let file = self.file.as_mut().expect("begun");
        let (used, ended, quotes, row) = (file.used, file.ended, file.quotes, file.row);
        (file.used, file.ended, file.quotes) = (0, 0, 0);
        // Taken out while the row is read (its fields borrow them), put back after.
        let record = std::mem::take(&mut file.record);
        let ends = std::mem::take(&mut file.ends);
        let name = std::mem::take(&mut file.name);
        self.read_row(
            &name,
            row,
            &record[..used],
            &ends[..ended],
            last && quotes % 2 == 1,
        );
        let file = self.file.as_mut().expect("begun");
        (file.record, file.ends, file.name) = (record, ends, name);
    }

    fn read_row(&mut self, name: &str, row: u64, bytes: &[u8], ends: &[usize], open_quote: bool) {
        // After an error (no layout fits the sampled rows) nothing more is read, as `update` does
        // for later pieces: rows later in the same piece would each retry the layout over a
        // growing sample (quadratic; found by the fuzzer as hangs).
        if self.error.is_some() {
            return;
        }
        if open_quote {
            let reason = texts::DAMAGE_OPEN_QUOTE.get(self.options.lang);
            self.damage(name, row, reason.into());
            return;
        }
        // Each field must be UTF-8 on its own: the fields' bytes joined without their commas can be
        // valid where a field is not (`\xEF,\xBB\xBF` joins to a BOM), and a field is sliced at
        // its ends (issue #28: that slice panicked).
        let text = std::str::from_utf8(bytes)
            .ok()
            .filter(|text| ends.iter().all(|&end| text.is_char_boundary(end)));
        let Some(text) = text else {
            let reason = texts::DAMAGE_NOT_UTF8.get(self.options.lang);
            self.damage(name, row, reason.into());
            return;
        };
        let fields = || Fields { text, ends }.iter().map(String::from);
        if self.first_rows.len() < REPORT_PREVIEW_ROWS {
            self.first_rows.push(fields().collect());
        }
        if row == 1 {
            let owned: Vec<String> = fields().collect();
            if let Some(columns) = layout::from_header(&owned) {
                // A header names the columns when no row came before it; a later file's header
                // row is skipped.
                if self.layout.is_none() && self.options.columns.is_none() && self.sample.is_empty()
                {
                    self.layout = Some(Layout {
                        reason: texts::REASON_HEADER.fill(self.options.lang, &[&owned.join(",")]),
                        columns,
                        source: LayoutSource::Header,
                    });
                    self.layout_decided();
                }
                return;
            }
        }
        if self.layout.is_none() {
            if self.options.columns.is_none() {
                self.sample
                    .push((name.to_string(), row, fields().collect()));
                if self.sample.len() < REPORT_LAYOUT_SAMPLE_ROWS {
                    return;
                }
                // The sampled rows, this one with them, are counted once the layout is decided.
                self.decide_layout();
                return;
            }
            self.decide_layout();
            if self.error.is_some() {
                return;
            }
        }
        self.count(name, row, Fields { text, ends });
    }

    /// The layout from the rows seen so far (or the caller's); then those rows are counted.
    fn decide_layout(&mut self) {
        let decided = match self.options.columns.clone() {
            Some(columns) => Ok(Layout {
                columns,
                source: LayoutSource::Given,
                reason: texts::REASON_GIVEN.get(self.options.lang).to_string(),
            }),
            None => {
                let rows: Vec<&[String]> =
                    self.sample.iter().map(|(_, _, r)| r.as_slice()).collect();
                layout::from_content(&rows, self.options.lang)
            }
        };
        match decided {
            Ok(decided) => self.layout = Some(decided),
            Err(reason) => {
                let file = self.files.first().cloned().unwrap_or_default();
                self.error
                    .get_or_insert(ReportError::Layout { file, reason });
                return;
            }
        }
        self.layout_decided();
        for (name, row, fields) in std::mem::take(&mut self.sample) {
            let (text, ends) = super::fields::joined(&fields);
            let (text, ends) = (text.as_str(), ends.as_slice());
            self.count(&name, row, Fields { text, ends });
        }
    }

    /// The layout is known: its column positions, and the retry manifest's writer when one is asked.
    fn layout_decided(&mut self) {
        let layout = self.layout.as_ref().expect("decided");
        self.columns = ColumnIndices::of(layout);
        let Some(fields) = self.options.retry_fields.clone() else {
            return;
        };
        let has_version = layout.index_of(Column::VersionId).is_some();
        let fields = if fields.is_empty() {
            let mut fields = vec![ManifestField::Bucket, ManifestField::Key];
            if has_version {
                fields.push(ManifestField::VersionId);
            }
            fields
        } else {
            fields
        };
        let missing = fields.iter().find(|field| {
            let column = match field {
                ManifestField::Bucket => Column::Bucket,
                ManifestField::Key => Column::Key,
                ManifestField::VersionId => Column::VersionId,
            };
            layout.index_of(column).is_none() && !layout.columns.is_empty()
        });
        if let Some(missing) = missing {
            self.error.get_or_insert(ReportError::Columns(format!(
                "the retry manifest needs {}, but the report has no such column",
                missing.as_str()
            )));
            return;
        }
        self.retry = Some(RetryWriter::new(fields));
    }

    fn damage(&mut self, file: &str, row: u64, reason: String) {
        self.damaged_rows += 1;
        if self.damaged.len() < REPORT_DAMAGED_LISTED {
            self.damaged.push(Damage {
                file: file.to_string(),
                row,
                reason,
            });
        }
    }

    /// One row, by the decided layout.
    fn count(&mut self, file: &str, row: u64, fields: Fields<'_>) {
        let Some(at) = self.columns else {
            return;
        };
        if fields.ends.len() < at.width {
            let (found, width) = (fields.ends.len(), at.width);
            let reason = texts::DAMAGE_COLUMNS.fill(self.options.lang, &[&found, &width]);
            self.damage(file, row, reason);
            return;
        }
        let get = |index: Option<usize>| index.map(|i| fields.get(i));
        let status = fields.get(at.status);
        let Some(succeeded) = layout::status_word(status) else {
            let quoted = format!("{status:?}");
            let reason = texts::DAMAGE_STATUS.fill(self.options.lang, &[&quoted]);
            self.damage(file, row, reason);
            return;
        };
        self.tasks += 1;
        if succeeded {
            self.succeeded += 1;
            if let Some(reservoir) = self.reservoir.as_mut() {
                reservoir.offer(|| {
                    let version = get(at.version_id).filter(|v| !v.is_empty() && *v != "\\N");
                    (
                        get(at.bucket).unwrap_or_default().to_string(),
                        get(at.key).unwrap_or_default().to_string(),
                        version.map(String::from),
                    )
                });
            }
            return;
        }
        self.failed += 1;
        let code = get(at.error_code)
            .map(str::trim_ascii)
            .filter(|c| !c.is_empty());
        let http = get(at.http_status).and_then(layout::http_status);
        let key = get(at.key).unwrap_or_default();
        if let Some(retry) = self.retry.as_mut() {
            retry.write_row(get(at.bucket).unwrap_or_default(), key, get(at.version_id));
        }
        // Groups are few (one per code and status): a scan, no key allocated per row.
        let found = self
            .groups
            .iter()
            .position(|g| g.http_status == http && g.error_code.as_deref() == code);
        let index = found.unwrap_or_else(|| {
            self.groups.push(FailureGroup {
                fix: code.and_then(fix_for),
                error_code: code.map(String::from),
                http_status: http,
                count: 0,
                share: 0.0,
                sample_keys: Vec::new(),
            });
            self.groups.len() - 1
        });
        let group = &mut self.groups[index];
        group.count += 1;
        if group.sample_keys.len() < REPORT_SAMPLE_KEYS {
            group.sample_keys.push(key.to_string());
        }
    }
}
