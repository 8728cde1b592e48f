//! ossbatch-core: the typed model of an Alibaba Cloud OSS Batch Operations `CreateJob` request, validation
//! of every documented rule, the XML and JSON codecs, and OSS request signing.
//!
//! Pure Rust: no wasm, UI or network dependency. The wasm bindings, the browser app, the CLI and the proxy
//! are thin layers on top.

pub mod api;
pub mod copy_as;
pub mod csv_line;
pub mod effect_check;
pub mod issue;
pub mod json;
pub mod lang;
pub mod limits;
pub mod localize;
pub mod manifest_file;
pub mod model;
pub mod plan;
pub mod presets;
pub mod regions;
pub mod report;
pub mod request_fields;
pub mod role_policy;
pub mod rollback;
pub mod rules;
pub mod sign;
pub mod snapshot;
pub mod storage_class;
pub mod validate;
pub mod xml;

pub use api::{
    build_create_job, parse_create_job_response, ResponseError, SignedRequest, SigningParams,
};
pub use issue::{has_errors, Issue};
pub use json::{from_json, to_json};
pub use lang::{Lang, Localized};
pub use model::*;
pub use rules::{Rule, Severity};
pub use sign::{Credentials, SignError, SignatureVersion, SigningInspector, SigningTime};
pub use validate::{validate, validate_with, ValidateOptions};
pub use xml::{from_xml, to_xml, ParseError, ParseErrorKind, XmlStyle};

/// Reads a job file that is either XML or JSON, judged by its first non-whitespace character.
pub fn from_xml_or_json(input: &str) -> Result<CreateJobRequest, ParseError> {
    let first = input
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .chars()
        .next();
    match first {
        Some('{') => from_json(input),
        _ => from_xml(input),
    }
}
