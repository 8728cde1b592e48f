//! Reading the answers of the calls a plan makes into [`ObjectState`]: HeadObject (presence, storage
//! class, size, `x-oss-restore`), GetObjectTagging, GetObjectAcl. A 404 is data (the object, its
//! version or its bucket is missing, told by the error code OSS sent — in the body, or for a HEAD in
//! `x-oss-err` — or by `x-oss-ec`); a refusal or another failure leaves the state unread, with the
//! reason.

use super::{ObjectState, Presence};
use crate::api::objects::{
    parse_get_object_acl_response, parse_get_object_tagging_response, RestoreState,
};
use crate::api::response::{parse_result_document, ErrorHeaders, ResponseError};

/// The error code of a failed answer (`None` when it carries none).
fn error_code(status: u16, headers: &ErrorHeaders, body: &[u8]) -> Option<String> {
    let body = headers.body_for(status, body);
    match parse_result_document(status, &String::from_utf8_lossy(&body), "Error") {
        Err(ResponseError::Oss { error, .. }) => Some(error.code.clone()),
        _ => None,
    }
}

/// Presence from a failed answer, or `None` when the answer succeeded.
fn failed_presence(status: u16, headers: &ErrorHeaders, body: &[u8]) -> Option<Presence> {
    if (200..300).contains(&status) {
        return None;
    }
    let code = error_code(status, headers, body);
    Some(match (status, code.as_deref()) {
        (_, Some("NoSuchKey")) => Presence::Missing,
        (_, Some("NoSuchVersion")) => Presence::VersionMissing,
        (_, Some("NoSuchBucket")) => Presence::BucketMissing,
        (404, None) => Presence::Missing,
        (status, code) => Presence::Unread(format!(
            "OSS answered {status}{}",
            code.map(|c| format!(" {c}")).unwrap_or_default()
        )),
    })
}

/// A HeadObject answer. `header(name)` looks a response header up ignoring case.
pub fn head_state(
    status: u16,
    header: impl Fn(&str) -> Option<String>,
    body: &[u8],
) -> ObjectState {
    let errors = ErrorHeaders::from_lookup(&header);
    if let Some(presence) = failed_presence(status, &errors, body) {
        return ObjectState::with_presence(presence);
    }
    ObjectState {
        storage_class: header("x-oss-storage-class").or_else(|| Some("Standard".to_string())),
        size: header("content-length").and_then(|v| v.trim().parse().ok()),
        restore: Some(RestoreState::from_header(
            header("x-oss-restore").as_deref(),
        )),
        ..ObjectState::present()
    }
}

/// A GetObjectTagging answer: the tags, or what it says of the object instead.
pub fn tags_of(
    status: u16,
    header: impl Fn(&str) -> Option<String>,
    body: &[u8],
) -> Result<Vec<(String, String)>, Presence> {
    let errors = ErrorHeaders::from_lookup(&header);
    if let Some(presence) = failed_presence(status, &errors, body) {
        return Err(presence);
    }
    parse_get_object_tagging_response(status, &String::from_utf8_lossy(body))
        .map_err(|error| Presence::Unread(error.to_string()))
}

/// A GetObjectAcl answer: the ACL, or what it says of the object instead.
pub fn acl_of(
    status: u16,
    header: impl Fn(&str) -> Option<String>,
    body: &[u8],
) -> Result<String, Presence> {
    let errors = ErrorHeaders::from_lookup(&header);
    if let Some(presence) = failed_presence(status, &errors, body) {
        return Err(presence);
    }
    parse_get_object_acl_response(status, &String::from_utf8_lossy(body))
        .map_err(|error| Presence::Unread(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_answers_read_as_state() {
        let none = |_: &str| None;
        let state = head_state(
            200,
            |name: &str| match name {
                "x-oss-storage-class" => Some("ColdArchive".into()),
                "content-length" => Some("12".into()),
                "x-oss-restore" => Some("ongoing-request=\"true\"".into()),
                _ => None,
            },
            b"",
        );
        assert_eq!(state.presence, Presence::Present);
        assert_eq!(state.size, Some(12));
        assert_eq!(state.restore, Some(RestoreState::Ongoing));
        assert_eq!(head_state(404, none, b"").presence, Presence::Missing);
        let version =
            "<?xml version=\"1.0\"?><Error><Code>NoSuchVersion</Code><Message>m</Message></Error>";
        assert_eq!(
            head_state(404, none, version.as_bytes()).presence,
            Presence::VersionMissing
        );
        assert!(matches!(
            head_state(403, none, b"").presence,
            Presence::Unread(_)
        ));
    }
}
