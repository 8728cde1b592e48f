//! Errors of reading a job file (XML or JSON).

use serde::Serialize;

/// What went wrong, as a stable machine-readable kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParseErrorKind {
    /// Input over [`crate::xml::MAX_INPUT_BYTES`].
    TooLarge,
    /// Elements nested deeper than [`crate::xml::MAX_DEPTH`].
    TooDeep,
    /// Not well-formed XML (or not valid JSON).
    Syntax,
    /// A `<!DOCTYPE>`: DTDs and entity declarations are refused.
    Doctype,
    /// A processing instruction other than the XML declaration.
    ProcessingInstruction,
    /// An entity other than the five predefined ones and character references.
    UnknownEntity,
    /// No root element at all.
    NoRoot,
    /// The root element is not the expected document.
    UnexpectedRoot,
    /// An element the API does not define at this place.
    UnknownElement,
    /// An element that may appear once appears again.
    RepeatedElement,
    /// Text where a container element belongs.
    UnexpectedText,
    /// A child element inside a text value.
    UnexpectedChild,
    /// An attribute (the API uses none).
    UnexpectedAttribute,
    /// A boolean that is not `true` or `false`.
    BadBoolean,
    /// An integer that is not an integer, or does not fit in 64 bits.
    BadInteger,
    /// A value of the wrong type in JSON.
    BadValue,
}

impl ParseErrorKind {
    /// The kind as written in JSON and in JS errors' `kind` (`bad-boolean`).
    pub fn as_str(self) -> &'static str {
        match self {
            ParseErrorKind::TooLarge => "too-large",
            ParseErrorKind::TooDeep => "too-deep",
            ParseErrorKind::Syntax => "syntax",
            ParseErrorKind::Doctype => "doctype",
            ParseErrorKind::ProcessingInstruction => "processing-instruction",
            ParseErrorKind::UnknownEntity => "unknown-entity",
            ParseErrorKind::NoRoot => "no-root",
            ParseErrorKind::UnexpectedRoot => "unexpected-root",
            ParseErrorKind::UnknownElement => "unknown-element",
            ParseErrorKind::RepeatedElement => "repeated-element",
            ParseErrorKind::UnexpectedText => "unexpected-text",
            ParseErrorKind::UnexpectedChild => "unexpected-child",
            ParseErrorKind::UnexpectedAttribute => "unexpected-attribute",
            ParseErrorKind::BadBoolean => "bad-boolean",
            ParseErrorKind::BadInteger => "bad-integer",
            ParseErrorKind::BadValue => "bad-value",
        }
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;

    #[test]
    fn as_str_equals_the_serialized_name() {
        for kind in [
            ParseErrorKind::TooLarge,
            ParseErrorKind::TooDeep,
            ParseErrorKind::Syntax,
            ParseErrorKind::Doctype,
            ParseErrorKind::ProcessingInstruction,
            ParseErrorKind::UnknownEntity,
            ParseErrorKind::NoRoot,
            ParseErrorKind::UnexpectedRoot,
            ParseErrorKind::UnknownElement,
            ParseErrorKind::RepeatedElement,
            ParseErrorKind::UnexpectedText,
            ParseErrorKind::UnexpectedChild,
            ParseErrorKind::UnexpectedAttribute,
            ParseErrorKind::BadBoolean,
            ParseErrorKind::BadInteger,
            ParseErrorKind::BadValue,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}

/// A job file that cannot be read, with where (line:column, 1-based, columns in characters) and the
/// element path (`Report.Enabled`; empty for the document itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}", self.render())]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(
        kind: ParseErrorKind,
        path: &str,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        ParseError {
            kind,
            path: path.to_string(),
            line: position.line,
            column: position.column,
            message: message.into(),
        }
    }

    /// `line 3:17: Report.Enabled: must be true or false, found "yes"`.
    fn render(&self) -> String {
        if self.path.is_empty() {
            format!("line {}:{}: {}", self.line, self.column, self.message)
        } else {
            format!(
                "line {}:{}: {}: {}",
                self.line, self.column, self.path, self.message
            )
        }
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };

    /// The line and column (in characters) of a byte offset into `input`.
    pub fn of_offset(input: &str, offset: usize) -> Position {
        let mut offset = offset.min(input.len());
        while !input.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &input[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

/// Turns increasing byte offsets into positions without rescanning the input from the start each time.
pub(crate) struct PositionTracker<'a> {
    input: &'a str,
    offset: usize,
    position: Position,
}

impl<'a> PositionTracker<'a> {
    pub(crate) fn new(input: &'a str) -> Self {
        PositionTracker {
            input,
            offset: 0,
            position: Position::START,
        }
    }

    pub(crate) fn at(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.input.len());
        while !self.input.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            return Position::of_offset(self.input, offset);
        }
        // On bytes: a character is a byte that is not a UTF-8 continuation byte (10xxxxxx). Walking
        // `chars()` here was a sixth of `fromXml`'s time in the size-optimized wasm.
        for &byte in &self.input.as_bytes()[self.offset..offset] {
            if byte == b'\n' {
                self.position.line += 1;
                self.position.column = 1;
            } else if byte & 0xC0 != 0x80 {
                self.position.column += 1;
            }
        }
        self.offset = offset;
        self.position
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(
            Position::of_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 3),
            Position { line: 2, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 8),
            Position { line: 3, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 7),
            Position { line: 2, column: 4 }
        );
        // inside a multi-byte character: falls back to its start
        assert_eq!(
            Position::of_offset(text, 6),
            Position { line: 2, column: 3 }
        );
        assert_eq!(
            Position::of_offset(text, 999),
            Position { line: 3, column: 2 }
        );
    }

    #[test]
    fn tracker_agrees_with_of_offset() {
        let text = "ab\ncdé\nf\n\nxyz";
        let mut tracker = PositionTracker::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                tracker.at(offset),
                Position::of_offset(text, offset),
                "{offset}"
            );
        }
        assert_eq!(tracker.at(1), Position::of_offset(text, 1));
    }

    #[test]
    fn display_names_path_and_position() {
        let error = ParseError::new(
            ParseErrorKind::BadBoolean,
            "Report.Enabled",
            Position {
                line: 3,
                column: 17,
            },
            "must be true or false, found \"yes\"",
        );
        assert_eq!(
            error.to_string(),
            "line 3:17: Report.Enabled: must be true or false, found \"yes\""
        );
    }
}
