//! Decoding what OSS (or something in between) answers: a result document, an OSS `<Error>`, or
//! something else, which becomes a clear error keeping the status and a short excerpt. Never a panic.

use serde::Serialize;

use crate::model::{CreateJobResult, OssError};
use crate::xml::dom::{self, Element};

/// Characters of an unexpected body kept for the error message.
pub const EXCERPT_CHARS: usize = 200;

/// A response that is not the expected result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ResponseError {
    /// OSS answered with its `<Error>` document.
    #[error("OSS error {status} {}: {}{}", error.code, error.message, request_id_suffix(error))]
    Oss { status: u16, error: Box<OssError> },
    /// Anything else: an HTML page from a gateway, an empty or truncated body, a foreign document.
    #[error(
        "unexpected response (HTTP {status}): {reason}{}",
        excerpt_suffix(excerpt)
    )]
    Unexpected {
        status: u16,
        reason: String,
        excerpt: String,
    },
}

fn request_id_suffix(error: &OssError) -> String {
    error
        .request_id
        .as_deref()
        .map(|id| format!(" (RequestId {id})"))
        .unwrap_or_default()
}

fn excerpt_suffix(excerpt: &str) -> String {
    if excerpt.is_empty() {
        String::new()
    } else {
        format!("; body starts: {excerpt}")
    }
}

/// The first characters of a body, on one line, for messages.
pub fn excerpt(body: &str) -> String {
    let flat: String = body
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut short: String = flat.chars().take(EXCERPT_CHARS).collect();
    if flat.chars().count() > EXCERPT_CHARS {
        short.push('…');
    }
    short
}

fn unexpected(status: u16, reason: impl Into<String>, body: &str) -> ResponseError {
    ResponseError::Unexpected {
        status,
        reason: reason.into(),
        excerpt: excerpt(body),
    }
}

fn text_of(element: &Element, name: &str) -> Option<String> {
    element
        .child(name)
        .map(|child| child.text.trim().to_string())
}

/// Reads an OSS `<Error>` document leniently (unknown children ignored).
pub fn parse_oss_error(root: &Element) -> Option<OssError> {
    if root.name != "Error" {
        return None;
    }
    let non_empty = |name: &str| text_of(root, name).filter(|text| !text.is_empty());
    Some(OssError {
        code: text_of(root, "Code").unwrap_or_default(),
        message: text_of(root, "Message").unwrap_or_default(),
        request_id: non_empty("RequestId"),
        host_id: non_empty("HostId"),
        ec: non_empty("EC"),
        recommend_doc: non_empty("RecommendDoc"),
    })
}

/// Reads a response body as a result document named `root_name`, or turns it into a [`ResponseError`].
pub fn parse_result_document(
    status: u16,
    body: &str,
    root_name: &str,
) -> Result<Element, ResponseError> {
    let success = (200..300).contains(&status);
    if body.trim().is_empty() {
        let reason = if success {
            format!("the body is empty; expected <{root_name}>")
        } else {
            "the body is empty; expected an OSS <Error> document".to_string()
        };
        return Err(unexpected(status, reason, body));
    }
    let root = match dom::parse(body, true) {
        Ok(root) => root,
        Err(error) => {
            return Err(unexpected(
                status,
                format!("the body is not well-formed XML ({error})"),
                body,
            ));
        }
    };
    if let Some(error) = parse_oss_error(&root) {
        return Err(ResponseError::Oss {
            status,
            error: Box::new(error),
        });
    }
    if !success {
        return Err(unexpected(
            status,
            format!(
                "HTTP {status} with a <{}> document instead of an OSS <Error>",
                root.name
            ),
            body,
        ));
    }
    if root.name != root_name {
        return Err(unexpected(
            status,
            format!("expected <{root_name}>, found <{}>", root.name),
            body,
        ));
    }
    Ok(root)
}

/// Decodes the answer to CreateJob: the JobId, or why there is none.
pub fn parse_create_job_response(
    status: u16,
    body: &str,
) -> Result<CreateJobResult, ResponseError> {
    let root = parse_result_document(status, body, "CreateJobResult")?;
    match text_of(&root, "JobId").filter(|id| !id.is_empty()) {
        Some(job_id) => Ok(CreateJobResult { job_id }),
        None => Err(unexpected(status, "<CreateJobResult> has no JobId", body)),
    }
}

/// A short hint for error codes users commonly meet when creating jobs.
pub fn hint_for_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "AccessDenied" => "The AccessKey or STS role lacks permission for this action, or the RoleArn cannot be passed: check the RAM policy (oss:CreateJob and ram:PassRole) and the bucket policy.",
        "InvalidAccessKeyId" => "The AccessKeyId does not exist or is disabled; check it, and that it belongs to this account.",
        "SignatureDoesNotMatch" => "The signature is wrong: usually a mistyped AccessKeySecret, or the region does not match the endpoint.",
        "RequestTimeTooSkewed" => "Your computer's clock is more than 15 minutes off; correct the clock and submit again.",
        "InvalidSecurityToken" | "SecurityTokenExpired" => "The STS token is invalid or expired; get a new token with its AccessKey pair.",
        "InvalidArgument" | "MalformedXML" => "OSS rejected a value of the request; compare it with the issues panel and the message above.",
        "NoSuchBucket" => "A bucket named in the job does not exist in this region.",
        "InvalidRoleArn" | "InvalidRole" => "OSS cannot assume the RoleArn: check the role exists and trusts oss.aliyuncs.com.",
        "TooManyJobs" | "Throttling" => "Too many jobs or requests right now; wait and retry with the same ClientRequestToken.",
        "IdempotentParameterMismatch" => "This ClientRequestToken was already used for a different job; generate a new token for a new job.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_flattens_and_shortens() {
        assert_eq!(
            excerpt("<html>\n  <body>Bad\tGateway</body>\n</html>"),
            "<html> <body>Bad Gateway</body> </html>"
        );
        let long = "x".repeat(500);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
    }

    #[test]
    fn hints_exist_for_common_codes() {
        assert!(hint_for_code("SignatureDoesNotMatch")
            .unwrap()
            .contains("AccessKeySecret"));
        assert_eq!(hint_for_code("Nope"), None);
    }
}
