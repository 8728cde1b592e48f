//! Signature V1 (`OSS <AccessKeyId>:<Signature>`), as the SDK's `signer/v1.py` computes it, with two
//! choices from oss-facts.md: the time travels in `x-oss-date` (browsers cannot set `Date`), and an STS
//! token is sent as `x-oss-security-token` like the `oss2` SDK does.
//!
//! Only some query keys are signed: those in the SDK's fixed sub-resource list ([`SUB_RESOURCES`]) and
//! the ones the request declares ([`RequestToSign::sub_resources`], the operation's own key). Job
//! parameters such as `batchJobId`, `requestedJobStatus` or `max-keys` are not signed in V1; signing
//! them makes OSS answer SignatureDoesNotMatch.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::{
    lowercase_names, Credentials, RequestToSign, SignatureVersion, SigningInspector, SigningTime,
};

/// The query keys the official SDKs always sign as V1 sub-resources: `alibabacloud_oss_v2/signer/v1.py`
/// `_subresource_key_set` (1.4.1), which equals the Go SDK v2's `requiredSignedParametersMap` plus
/// `resourceGroup`. (The Go SDK also signs query keys starting with `x-oss-`; no Batch Operations
/// request has one.)
pub const SUB_RESOURCES: [&str; 31] = [
    "acl",
    "bucketInfo",
    "location",
    "stat",
    "delete",
    "append",
    "tagging",
    "objectMeta",
    "uploads",
    "uploadId",
    "partNumber",
    "security-token",
    "position",
    "response-content-type",
    "response-content-language",
    "response-expires",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "restore",
    "callback",
    "callback-var",
    "versions",
    "versioning",
    "versionId",
    "sequential",
    "continuation-token",
    "regionList",
    "cloudboxes",
    "symlink",
    "resourceGroup",
];

pub(super) fn sign(
    request: &mut RequestToSign,
    credentials: &Credentials,
    time: SigningTime,
) -> SigningInspector {
    request.set_header("x-oss-date", time.http_date());
    if let Some(token) = credentials.token() {
        request.set_header("x-oss-security-token", token);
    }

    let content_md5 = request.header("content-md5").unwrap_or("").to_string();
    let content_type = request.header("content-type").unwrap_or("").to_string();
    let date = request
        .header("x-oss-date")
        .or_else(|| request.header("date"))
        .unwrap_or("")
        .to_string();

    let mut oss_headers: Vec<(String, &str)> = lowercase_names(&request.headers)
        .into_iter()
        .filter(|(name, _)| name.starts_with("x-oss-"))
        .collect();
    oss_headers.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical_headers: String = oss_headers
        .iter()
        .map(|(name, value)| format!("{name}:{value}\n"))
        .collect();

    let oss_header_names: Vec<String> = oss_headers.into_iter().map(|(name, _)| name).collect();
    let mut sub_resources: Vec<(&str, &str)> = request
        .query
        .iter()
        .filter(|(key, _)| {
            SUB_RESOURCES.contains(&key.as_str()) || request.sub_resources.contains(key)
        })
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    sub_resources.sort();
    let mut resource = request.resource_path();
    if !sub_resources.is_empty() {
        let query: Vec<String> = sub_resources
            .iter()
            .map(|(key, value)| {
                if value.is_empty() {
                    key.to_string()
                } else {
                    format!("{key}={value}")
                }
            })
            .collect();
        resource.push('?');
        resource.push_str(&query.join("&"));
    }

    let string_to_sign = format!(
        "{}\n{content_md5}\n{content_type}\n{date}\n{canonical_headers}{resource}",
        request.method
    );
    // HMAC accepts keys of any length, so new_from_slice cannot fail.
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(credentials.access_key_secret.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let authorization = format!("OSS {}:{signature}", credentials.access_key_id);
    request.set_header("Authorization", &authorization);

    let mut signed_headers = vec!["content-md5".to_string(), "content-type".to_string()];
    signed_headers.extend(oss_header_names);
    SigningInspector {
        version: SignatureVersion::V1,
        canonical_request: None,
        string_to_sign,
        scope: None,
        signed_headers,
        signature,
        authorization,
    }
}
