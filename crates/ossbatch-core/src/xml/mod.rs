//! The XML wire format of the request (and, in `responses`, of OSS's answers), kept apart from the model.

pub mod dom;
pub mod error;
pub mod reader;
pub mod writer;

pub use error::{ParseError, ParseErrorKind, Position};
pub use reader::from_xml;
pub use writer::{to_xml, XmlStyle};

pub use crate::limits::{MAX_DEPTH, MAX_INPUT_BYTES};
