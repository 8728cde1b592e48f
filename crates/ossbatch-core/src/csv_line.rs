//! One CSV line into its fields: the one fast path the manifest check, the plan's inventory join and
//! the completion report reader share (issue #30). A field is found with `memchr` (a comma, or a
//! field's closing quote), never byte by byte; a quoted field without a doubled quote inside is a
//! borrowed slice, so splitting allocates only for `""`. RFC 4180 within a line: a field that starts
//! with `"` runs to the next `"` not doubled and must be followed by a comma or the line's end; a
//! quote elsewhere is text. Multi-line fields are not this module's: the report reader gives those to
//! csv-core, and tests hold this splitter to csv-core on every line it accepts.

use std::borrow::Cow;
use std::ops::Range;

/// Where a field's text is in the line; `escaped` when it holds `""` pairs that stand for `"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub range: Range<usize>,
    pub escaped: bool,
}

/// Why a line is not RFC 4180 within itself (1-based field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    Unclosed { field: usize },
    TextAfterQuote { field: usize },
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::Unclosed { field } => {
                write!(f, "field {field} opens a quote that the line never closes")
            }
            LineError::TextAfterQuote { field } => {
                write!(f, "field {field} has text after its closing quote")
            }
        }
    }
}

/// The fields of `line` (no line end), in order.
pub struct Split<'a> {
    line: &'a [u8],
    at: usize,
    field: usize,
    done: bool,
}

pub fn split(line: &[u8]) -> Split<'_> {
    Split {
        line,
        at: 0,
        field: 0,
        done: false,
    }
}

impl Iterator for Split<'_> {
    type Item = Result<Field, LineError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.field += 1;
        let line = self.line;
        if line.get(self.at) == Some(&b'"') {
            let mut from = self.at + 1;
            let mut escaped = false;
            let close = loop {
                match memchr::memchr(b'"', &line[from..]) {
                    None => {
                        self.done = true;
                        return Some(Err(LineError::Unclosed { field: self.field }));
                    }
                    Some(q) if line.get(from + q + 1) == Some(&b'"') => {
                        escaped = true;
                        from += q + 2;
                    }
                    Some(q) => break from + q,
                }
            };
            let field = Field {
                range: self.at + 1..close,
                escaped,
            };
            match line.get(close + 1) {
                None => self.done = true,
                Some(b',') => self.at = close + 2,
                Some(_) => {
                    self.done = true;
                    return Some(Err(LineError::TextAfterQuote { field: self.field }));
                }
            }
            return Some(Ok(field));
        }
        let field = match memchr::memchr(b',', &line[self.at..]) {
            Some(comma) => {
                let range = self.at..self.at + comma;
                self.at += comma + 1;
                range
            }
            None => {
                self.done = true;
                self.at..line.len()
            }
        };
        Some(Ok(Field {
            range: field,
            escaped: false,
        }))
    }
}

/// A field's bytes, `""` collapsed.
pub fn field_bytes<'a>(line: &'a [u8], field: &Field) -> Cow<'a, [u8]> {
    let text = &line[field.range.clone()];
    if !field.escaped {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(q) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=q]);
        rest = &rest[(q + 2).min(rest.len())..];
    }
    out.extend_from_slice(rest);
    Cow::Owned(out)
}

/// A field's text in a line that is UTF-8 (fields end at ASCII bytes, so each is UTF-8 too).
pub fn field_str<'a>(line: &'a str, field: &Field) -> Cow<'a, str> {
    let text = &line[field.range.clone()];
    if field.escaped {
        Cow::Owned(text.replace("\"\"", "\""))
    } else {
        Cow::Borrowed(text)
    }
}

/// Every field of a UTF-8 line.
pub fn split_str(line: &str) -> Result<Vec<Cow<'_, str>>, LineError> {
    split(line.as_bytes())
        .map(|field| field.map(|f| field_str(line, &f)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// csv-core's reading of one line: the simple, byte-by-byte reader the fast path must agree with.
    fn csv_core_fields(line: &[u8]) -> Vec<Vec<u8>> {
        let mut reader = csv_core::Reader::new();
        let mut input = line.to_vec();
        input.push(b'\n');
        let mut out = vec![0u8; input.len() * 2 + 16];
        let mut ends = vec![0usize; input.len() + 2];
        let (_, _, written, ended) = reader.read_record(&input, &mut out, &mut ends);
        let mut fields = Vec::new();
        let mut start = 0;
        for &end in &ends[..ended] {
            fields.push(out[start..end].to_vec());
            start = end;
        }
        let _ = written;
        fields
    }

    #[test]
    fn fields_borrowed_unless_doubled_quotes_and_errors_name_the_field() {
        let line = r#"a,"b,c","d""e",,"""""#;
        let fields: Vec<Cow<str>> = split_str(line).unwrap();
        assert_eq!(fields, ["a", "b,c", "d\"e", "", "\""]);
        assert!(matches!(fields[1], Cow::Borrowed(_)));
        assert!(matches!(fields[2], Cow::Owned(_)));
        assert_eq!(split_str("a,").unwrap(), ["a", ""]);
        assert_eq!(split_str("").unwrap(), [""]);
        assert_eq!(
            split_str("a\"b").unwrap(),
            ["a\"b"],
            "a quote inside an unquoted field is text"
        );
        assert_eq!(
            split_str("a,\"b").unwrap_err().to_string(),
            "field 2 opens a quote that the line never closes"
        );
        assert_eq!(
            split_str("\"b\"x,c").unwrap_err().to_string(),
            "field 1 has text after its closing quote"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn every_line_the_fast_path_accepts_reads_as_csv_core_reads_it(
            line in proptest::collection::vec(prop_oneof![
                Just(b','), Just(b'"'), Just(b'a'), Just(b' '), Just(0xE4u8), Just(0xB8u8),
            ], 0..40)
        ) {
            let fast: Result<Vec<Vec<u8>>, _> = split(&line)
                .map(|f| f.map(|f| field_bytes(&line, &f).into_owned()))
                .collect();
            if let Ok(fast) = fast {
                // csv-core reads an empty line as no record at all.
                if !line.is_empty() {
                    prop_assert_eq!(fast, csv_core_fields(&line));
                }
            }
        }
    }
}
