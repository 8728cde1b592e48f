//! One record's fields as the reader reads them: by their ends in csv-core's output, without a copy,
//! and the layout's column positions, looked up once.

use super::layout::{Column, Layout};

/// One record's fields: its text and where each field ends (csv-core's output).
#[derive(Clone, Copy)]
pub(super) struct Fields<'a> {
    pub text: &'a str,
    pub ends: &'a [usize],
}

impl<'a> Fields<'a> {
    #[inline]
    pub fn get(self, index: usize) -> &'a str {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.text[start..self.ends[index]]
    }

    pub fn iter(self) -> impl Iterator<Item = &'a str> {
        (0..self.ends.len()).map(move |i| self.get(i))
    }
}

/// A sampled row's fields joined back into one text with their ends, as csv-core gives a record.
pub(super) fn joined(fields: &[String]) -> (String, Vec<usize>) {
    let ends = fields
        .iter()
        .scan(0, |end, field| {
            *end += field.len();
            Some(*end)
        })
        .collect();
    (fields.concat(), ends)
}

/// Where the layout's columns are, looked up once.
#[derive(Clone, Copy)]
pub(super) struct ColumnIndices {
    pub width: usize,
    pub status: usize,
    pub bucket: Option<usize>,
    pub key: Option<usize>,
    pub version_id: Option<usize>,
    pub http_status: Option<usize>,
    pub error_code: Option<usize>,
}

impl ColumnIndices {
    pub fn of(layout: &Layout) -> Option<ColumnIndices> {
        Some(ColumnIndices {
            width: layout.columns.len(),
            status: layout.index_of(Column::Status)?,
            bucket: layout.index_of(Column::Bucket),
            key: layout.index_of(Column::Key),
            version_id: layout.index_of(Column::VersionId),
            http_status: layout.index_of(Column::HttpStatus),
            error_code: layout.index_of(Column::ErrorCode),
        })
    }
}
