//! The XML wire format of the request (and, in `responses`, of OSS's answers), kept apart from the model.

pub mod dom;
pub mod error;
pub mod reader;
pub mod writer;

pub use error::{ParseError, ParseErrorKind, Position};
pub use reader::from_xml;
pub use writer::{to_xml, XmlStyle};

/// Larger input is refused before parsing (decisions.md #16).
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;
/// Deeper nesting is refused while reading (decisions.md #16).
pub const MAX_DEPTH: usize = 32;
