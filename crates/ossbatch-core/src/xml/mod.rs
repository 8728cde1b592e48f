//! The XML wire format of the request (and, in `responses`, of OSS's answers), kept apart from the model.

pub mod dom;
pub mod error;
pub mod reader;
pub mod writer;

pub use error::{ParseError, ParseErrorKind, Position};
pub use reader::from_xml;
pub use writer::{to_xml, XmlStyle};

pub use crate::limits::{MAX_DEPTH, MAX_INPUT_BYTES};

/// What every reader (XML and JSON) accepts before parsing: at most 1 MiB (decisions.md #16), and a
/// leading byte order mark is skipped. Positions count from after the mark.
pub fn accepted_input(input: &str) -> Result<&str, ParseError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(ParseError::new(
            ParseErrorKind::TooLarge,
            "",
            Position::START,
            format!(
                "the document is {} bytes; at most {} bytes (1 MiB) are accepted",
                input.len(),
                MAX_INPUT_BYTES
            ),
        ));
    }
    Ok(input.strip_prefix('\u{FEFF}').unwrap_or(input))
}
