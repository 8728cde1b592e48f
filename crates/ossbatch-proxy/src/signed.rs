//! What a forwarded request may carry (issue #28): an OSS signature of a known shape, and only the
//! headers its call needs. Anything else is refused, never silently dropped: a dropped signed header
//! would only break the signature, and a forwarded unknown one (`x-oss-copy-source`,
//! `x-oss-symlink-target`, `x-oss-rename-source`, `x-oss-process`, `x-oss-object-acl`…) would turn
//! an allowed call into another.

use axum::http::{HeaderMap, HeaderName, Method, StatusCode};

use crate::refusal::Refusal;

/// The calls the proxy forwards, by what they may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// CreateJob, DescribeJob, ListJobs, UpdateJobStatus, UpdateJobPriority.
    Job,
    /// ListObjectsV2, GetObject (with Range), HeadObject, GetObjectTagging, GetObjectAcl.
    ObjectRead,
    /// PutObject of a manifest.
    ObjectPut,
}

/// The `x-oss-*` request headers the signers add (V4 and V1: the date, the payload hash, an STS
/// token); nothing else starting with `x-oss-` travels.
const OSS_HEADERS: &[&str] = &["x-oss-date", "x-oss-content-sha256", "x-oss-security-token"];

/// Query parameters that carry a presigned URL's signature instead of `Authorization`, by version
/// (the official Python SDK's signers, `signer/v4.py` and `signer/v1.py`, `_auth_query`).
const PRESIGN_V4: &[&str] = &[
    "x-oss-signature-version",
    "x-oss-credential",
    "x-oss-date",
    "x-oss-expires",
    "x-oss-signature",
    "x-oss-additional-headers",
    "x-oss-security-token",
];
const PRESIGN_V4_REQUIRED: &[&str] = &[
    "x-oss-signature-version",
    "x-oss-credential",
    "x-oss-date",
    "x-oss-expires",
    "x-oss-signature",
];
const PRESIGN_V1: &[&str] = &["OSSAccessKeyId", "Expires", "Signature", "security-token"];
const PRESIGN_V1_REQUIRED: &[&str] = &["OSSAccessKeyId", "Expires", "Signature"];

/// Whether `key` (a raw query key) is one of a presigned URL's parameters.
pub fn is_presign_key(key: &str) -> bool {
    PRESIGN_V4.contains(&key) || PRESIGN_V1.contains(&key)
}

/// The query without a presigned URL's parameters: what the call's own shape is checked on.
pub fn without_presign(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !is_presign_key(pair.split_once('=').map_or(*pair, |(k, _)| k)))
        .collect::<Vec<_>>()
        .join("&")
}

fn refused(reason: &'static str, message: &str) -> Refusal {
    Refusal::new(StatusCode::FORBIDDEN, reason, message.to_string())
}

/// The request carries exactly one OSS signature: an `Authorization` of the V4 or V1 shape, or the
/// full parameter set of a V4 or V1 presigned URL (and then no `Authorization`).
pub fn check_signature(headers: &HeaderMap, query: &str) -> Result<(), Refusal> {
    let keys: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').map_or(pair, |(k, _)| k))
        .collect();
    let presigned: Vec<&str> = keys.iter().copied().filter(|k| is_presign_key(k)).collect();
    let authorizations = headers.get_all(axum::http::header::AUTHORIZATION);
    let mut values = authorizations.iter();
    match (values.next(), values.next()) {
        (Some(_), Some(_)) => Err(refused("two signatures", "send one Authorization header")),
        (Some(value), None) => {
            if !presigned.is_empty() {
                return Err(refused(
                    "two signatures",
                    "a request signed in its Authorization header carries no presigned parameters",
                ));
            }
            let value = value.to_str().unwrap_or("");
            if is_v4_authorization(value) || is_v1_authorization(value) {
                Ok(())
            } else {
                Err(refused(
                    "not an OSS signature",
                    "Authorization must be an OSS V4 (OSS4-HMAC-SHA256) or V1 (OSS) signature",
                ))
            }
        }
        (None, _) => {
            let complete = |required: &[&str], all: &[&str]| {
                required.iter().all(|r| keys.contains(r))
                    && presigned.iter().all(|p| all.contains(p))
            };
            if !presigned.is_empty()
                && (complete(PRESIGN_V4_REQUIRED, PRESIGN_V4)
                    || complete(PRESIGN_V1_REQUIRED, PRESIGN_V1))
            {
                Ok(())
            } else {
                Err(refused("unsigned", "requests must be signed"))
            }
        }
    }
}

/// `OSS4-HMAC-SHA256 Credential=<scope>[,AdditionalHeaders=…],Signature=<hex>`
/// (the V4 signers' `Authorization`; a space may follow each comma).
fn is_v4_authorization(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("OSS4-HMAC-SHA256 ") else {
        return false;
    };
    let parts: Vec<&str> = rest.split(',').map(str::trim).collect();
    if !(2..=3).contains(&parts.len()) {
        return false;
    }
    let credential = parts.first().and_then(|p| p.strip_prefix("Credential="));
    let signature = parts.last().and_then(|p| p.strip_prefix("Signature="));
    let middle_ok = parts[1..parts.len() - 1]
        .iter()
        .all(|p| p.starts_with("AdditionalHeaders="));
    // The scope (`<id>/<date>/<region>/oss/aliyun_v4_request`) is OSS's to check; the shape is ours.
    let credential_ok =
        credential.is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_graphic()));
    let signature_ok =
        signature.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    middle_ok && credential_ok && signature_ok
}

/// `OSS <AccessKeyId>:<base64 signature>` (the V1 signers' `Authorization`).
fn is_v1_authorization(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("OSS ") else {
        return false;
    };
    let Some((id, signature)) = rest.split_once(':') else {
        return false;
    };
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_graphic())
        && !signature.is_empty()
        && signature
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// Request headers that travel to OSS for `call`: `Authorization`, the signers' `x-oss-*` headers,
/// `Content-Type`/`Content-MD5` (both signed when present), `Range` for GetObject. An
/// `x-oss-*` header outside the list is refused (403, naming it).
pub fn forwarded_headers<'a>(
    headers: &'a HeaderMap,
    call: Call,
    method: &Method,
) -> Result<Vec<(&'a HeaderName, &'a axum::http::HeaderValue)>, Refusal> {
    let mut forwarded = Vec::new();
    for (name, value) in headers {
        let text = name.as_str();
        let allowed = match text {
            "authorization" => true,
            // Signed when present (V4 and V1 sign both), so they travel on every call.
            "content-type" | "content-md5" => true,
            "range" => call == Call::ObjectRead && *method == Method::GET,
            _ if text.starts_with("x-oss-") => {
                if !OSS_HEADERS.contains(&text) {
                    return Err(Refusal::new(
                        StatusCode::FORBIDDEN,
                        "header not allowed",
                        format!("the header {text} is not allowed on this call"),
                    ));
                }
                true
            }
            _ => false,
        };
        if allowed {
            forwarded.push((name, value));
        }
    }
    Ok(forwarded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(value: &str, query: &str) -> bool {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", value.parse().unwrap());
        check_signature(&headers, query).is_ok()
    }

    #[test]
    fn only_oss_signatures_pass() {
        assert!(auth("OSS4-HMAC-SHA256 Credential=LTAI/20250417/cn-hangzhou/oss/aliyun_v4_request,Signature=a1b2", ""));
        assert!(auth("OSS4-HMAC-SHA256 Credential=LTAI/20250417/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host,Signature=ff", ""));
        assert!(auth("OSS4-HMAC-SHA256 Credential=LTAI/20250417/cn-hangzhou/oss/aliyun_v4_request, Signature=ff", ""));
        assert!(auth("OSS LTAI5t:kZoYNv66bsmc10+dcGKw5x2PRrk=", ""));
        for bad in [
            "",
            "Basic dXNlcjpwYXNz",
            "Bearer abc",
            "OSS4-HMAC-SHA256 Credential=,Signature=ff",
            "OSS4-HMAC-SHA256 Signature=ff,Credential=a",
            "OSS4-HMAC-SHA256 Credential=a,Extra=b,Signature=ff",
            "OSS4-HMAC-SHA256 Credential=LTAI/20250417/cn-hangzhou/oss/aliyun_v4_request",
            "OSS4-HMAC-SHA256 Credential=LTAI/20250417/cn-hangzhou/oss/aliyun_v4_request,Signature=",
            "AWS4-HMAC-SHA256 Credential=x",
            "OSS :sig",
            "OSS id:",
            "OSS id",
        ] {
            assert!(!auth(bad, ""), "{bad}");
        }
        // A header signature with presigned parameters, or two Authorization headers: refused.
        assert!(!auth("OSS id:sig", "x-oss-signature=ab"));
        let mut two = HeaderMap::new();
        two.append("authorization", "OSS a:b".parse().unwrap());
        two.append("authorization", "OSS c:d".parse().unwrap());
        assert!(check_signature(&two, "").is_err());
    }

    #[test]
    fn presigned_queries_need_their_whole_set() {
        let none = HeaderMap::new();
        let v4 = "x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=a%2F20250417%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20250417T000000Z&x-oss-expires=60&x-oss-signature=ab";
        assert!(check_signature(&none, v4).is_ok());
        assert!(check_signature(&none, "OSSAccessKeyId=a&Expires=1&Signature=x%3D").is_ok());
        assert!(check_signature(&none, "x-oss-signature=ab").is_err());
        assert!(
            check_signature(&none, "OSSAccessKeyId=a&Expires=1&Signature=x&x-oss-date=1").is_err()
        );
        assert!(check_signature(&none, "").is_err());
        assert_eq!(without_presign(&format!("acl&{v4}")), "acl");
    }

    #[test]
    fn headers_are_allow_listed_per_call() {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", "OSS a:b".parse().unwrap());
        headers.insert("x-oss-date", "20250417T000000Z".parse().unwrap());
        headers.insert("content-md5", "x".parse().unwrap());
        headers.insert("range", "bytes=0-1".parse().unwrap());
        headers.insert("cookie", "a=b".parse().unwrap());
        let names = |call, method: Method| -> Vec<String> {
            forwarded_headers(&headers, call, &method)
                .unwrap()
                .iter()
                .map(|(n, _)| n.to_string())
                .collect()
        };
        assert_eq!(
            names(Call::Job, Method::POST),
            ["authorization", "x-oss-date", "content-md5"]
        );
        assert_eq!(
            names(Call::ObjectRead, Method::GET),
            ["authorization", "x-oss-date", "content-md5", "range"]
        );
        assert_eq!(
            names(Call::ObjectRead, Method::HEAD),
            ["authorization", "x-oss-date", "content-md5"]
        );
        for name in [
            "x-oss-copy-source",
            "x-oss-symlink-target",
            "x-oss-rename-source",
            "x-oss-process",
            "x-oss-object-acl",
            "x-oss-meta-a",
        ] {
            let mut with = headers.clone();
            with.insert(HeaderName::from_static(name), "x".parse().unwrap());
            assert!(
                forwarded_headers(&with, Call::ObjectPut, &Method::PUT).is_err(),
                "{name}"
            );
        }
    }
}
