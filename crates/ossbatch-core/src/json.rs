//! The same draft model as JSON text (ossutil accepts JSON job files): PascalCase names, `TagSet` as an
//! array, unknown fields refused with their path.

use crate::model::CreateJobRequest;
use crate::xml::{accepted_input, ParseError, ParseErrorKind, Position};

/// Reads a request from JSON, refusing unknown fields; errors carry the field path and line:column.
pub fn from_json(input: &str) -> Result<CreateJobRequest, ParseError> {
    let input = accepted_input(input)?;
    let mut deserializer = serde_json::Deserializer::from_str(input);
    let result: Result<CreateJobRequest, _> = serde_path_to_error::deserialize(&mut deserializer);
    let request = result.map_err(|error| {
        let path = match error.path().to_string() {
            root if root == "." => String::new(),
            path => path,
        };
        let inner = error.into_inner();
        let kind = match inner.classify() {
            serde_json::error::Category::Data => ParseErrorKind::BadValue,
            _ => ParseErrorKind::Syntax,
        };
        let position = Position {
            line: inner.line().max(1),
            column: inner.column().max(1),
        };
        ParseError::new(kind, &path, position, strip_position(&inner.to_string()))
    })?;
    deserializer.end().map_err(|error| {
        ParseError::new(
            ParseErrorKind::Syntax,
            "",
            Position {
                line: error.line(),
                column: error.column(),
            },
            strip_position(&error.to_string()),
        )
    })?;
    Ok(request)
}

/// serde_json appends " at line L column C"; the position is carried separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// Writes a request as JSON: pretty (2-space) or compact.
pub fn to_json(request: &CreateJobRequest, pretty: bool) -> String {
    let result = if pretty {
        serde_json::to_string_pretty(request)
    } else {
        serde_json::to_string(request)
    };
    // The model holds only strings, integers, booleans, maps and lists: serializing it cannot fail.
    result.unwrap_or_default()
}
