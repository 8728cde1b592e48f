//! The HTTP exchanges of the Batch Operations API, built as data: a [`SignedRequest`] to send, and
//! decoders for what comes back. No network here; the browser, the CLI or a test sends the bytes.

pub mod create_job;
pub mod describe_job;
pub mod job_status;
pub mod jobs;
pub mod list_jobs;
pub mod object_writes;
pub mod objects;
pub mod response;
pub mod update_job_priority;
pub mod update_job_status;

use std::collections::BTreeMap;

use base64::Engine;
use md5::{Digest, Md5};
use serde::Serialize;

use crate::sign::{
    self, Credentials, RequestToSign, SignError, SignatureVersion, SigningInspector, SigningTime,
};

pub use create_job::build_create_job;
pub use response::{parse_create_job_response, ResponseError};

/// Where and how to sign: shared by every request builder.
#[derive(Debug, Clone)]
pub struct SigningParams<'a> {
    /// `cn-hangzhou`; the host is `oss-<region>.aliyuncs.com` unless `endpoint` is given.
    pub region: &'a str,
    /// A host (`oss-cn-hangzhou-internal.aliyuncs.com`) or `http(s)://host[:port]`.
    pub endpoint: Option<&'a str>,
    pub credentials: &'a Credentials,
    pub signed_at: SigningTime,
    pub version: SignatureVersion,
}

/// A request ready to send: method, full URL, every header, body, and how the signature was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedRequest {
    pub method: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub body: String,
    pub inspector: SigningInspector,
}

/// The scheme and authority requests go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub scheme: &'static str,
    /// `host` or `host:port`.
    pub authority: String,
}

impl Endpoint {
    /// `https://oss-<region>.aliyuncs.com`.
    pub fn for_region(region: &str) -> Result<Self, SignError> {
        sign::check_region(region)?;
        Ok(Endpoint {
            scheme: "https",
            authority: format!("oss-{region}.aliyuncs.com"),
        })
    }

    /// Parses `host`, `host:port`, `https://host[:port]` or `http://host[:port]`, optionally with a
    /// trailing `/`. Anything with a path, query, user info or odd characters is refused.
    pub fn parse(text: &str) -> Result<Self, SignError> {
        let invalid = || SignError::InvalidEndpoint(text.to_string());
        let (scheme, rest) = if let Some(rest) = text.strip_prefix("https://") {
            ("https", rest)
        } else if let Some(rest) = text.strip_prefix("http://") {
            ("http", rest)
        } else if text.contains("://") {
            return Err(invalid());
        } else {
            ("https", text)
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let host_ok = !host.is_empty()
            && host.len() <= 253
            && host.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        let port_ok = port.is_none_or(|p| {
            !p.is_empty()
                && p.len() <= 5
                && p.chars().all(|c| c.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n > 0)
        });
        if !host_ok || !port_ok {
            return Err(invalid());
        }
        Ok(Endpoint {
            scheme,
            authority: authority.to_ascii_lowercase(),
        })
    }

    pub fn resolve(region: &str, endpoint: Option<&str>) -> Result<Self, SignError> {
        match endpoint.map(str::trim).filter(|e| !e.is_empty()) {
            Some(text) => {
                sign::check_region(region)?;
                Endpoint::parse(text)
            }
            None => Endpoint::for_region(region),
        }
    }
}

/// Base64 of the MD5 of the body: the `Content-MD5` header.
pub fn content_md5(body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(body))
}

/// Signs a body-less service-level request (the job-management calls).
pub(crate) fn sign_service_request(
    method: &str,
    operation_key: &str,
    parameters: Vec<(String, String)>,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    sign_service_request_with_body(
        method,
        operation_key,
        parameters,
        Vec::new(),
        String::new(),
        params,
    )
}

/// Signs a service-level request and assembles the URL and headers. The query starts with the
/// operation's own key (`batchJob`, `batchJobStatus`, `batchJobPriority`) and no value; that key is
/// the request's V1 sub-resource, as the official SDKs declare it per operation. `parameters` follow.
pub(crate) fn sign_service_request_with_body(
    method: &str,
    operation_key: &str,
    parameters: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: String,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let endpoint = Endpoint::resolve(params.region, params.endpoint)?;
    let mut query = vec![(operation_key.to_string(), String::new())];
    query.extend(parameters);
    let request = RequestToSign {
        method: method.to_string(),
        bucket: None,
        key: None,
        query,
        sub_resources: vec![operation_key.to_string()],
        headers,
        additional_headers: Vec::new(),
    };
    let url = format!(
        "{}://{}{}",
        endpoint.scheme,
        endpoint.authority,
        sign::encode(&request.resource_path())
    );
    signed_request(request, url, body, params)
}

/// Signs `request` and assembles what is sent: `url` (scheme, host and path) with the encoded query,
/// every header, the body and the signature inspector.
pub(crate) fn signed_request(
    mut request: RequestToSign,
    mut url: String,
    body: String,
    params: &SigningParams<'_>,
) -> Result<SignedRequest, SignError> {
    let inspector = sign::sign(
        &mut request,
        params.credentials,
        params.region,
        params.signed_at,
        params.version,
    )?;
    let query = request.encoded_query();
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query);
    }
    Ok(SignedRequest {
        method: request.method,
        url,
        headers: request.headers.into_iter().collect(),
        body,
        inspector,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let parse = |s: &str| Endpoint::parse(s).map(|e| format!("{}://{}", e.scheme, e.authority));
        assert_eq!(
            parse("oss-cn-hangzhou.aliyuncs.com").unwrap(),
            "https://oss-cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            parse("http://127.0.0.1:9000/").unwrap(),
            "http://127.0.0.1:9000"
        );
        assert_eq!(
            parse("https://OSS-CN-HANGZHOU.aliyuncs.com").unwrap(),
            "https://oss-cn-hangzhou.aliyuncs.com"
        );
        for bad in [
            "",
            "ftp://x.com",
            "https://user@x.com",
            "https://x.com/path",
            "https://x.com?q",
            "https://x.com:0",
            "https://x.com:99999",
            "https://-x.com",
            "https://x..com",
            "https://x.com#f",
            "https://x.com\r\nHost: y",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Endpoint::resolve("cn-hangzhou", None).unwrap().authority,
            "oss-cn-hangzhou.aliyuncs.com"
        );
        assert!(Endpoint::resolve("cn-hangzhou.evil.com", None).is_err());
        assert!(Endpoint::resolve("cn-hangzhou.evil.com", Some("x.com")).is_err());
    }

    #[test]
    fn md5_of_empty_body() {
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    }
}
