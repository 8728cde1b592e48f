//! One CSV line into its fields (RFC 4180 quoting within the line): the shared fast path
//! (`crate::csv_line`), with the manifest check's error texts.

use std::borrow::Cow;

/// Splits one CSV line: fields separated by commas; a field that starts with `"` runs to the next `"`
/// not doubled, and must be followed by a comma or the end of the line. Fields are borrowed unless
/// they hold `""`.
pub fn split_csv_row(line: &str) -> Result<Vec<Cow<'_, str>>, String> {
    crate::csv_line::split_str(line).map_err(|error| error.to_string())
}
