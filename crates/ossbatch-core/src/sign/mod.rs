//! OSS request signing: V4 (`OSS4-HMAC-SHA256`, the default) and V1 (`OSS AccessKeyId:Signature`).
//!
//! Pure functions: the time and the credentials are inputs, nothing reads a clock or the network. The
//! reference is the official Python SDK `alibabacloud-oss-v2`; `tests/fixtures/signing-vectors.json`
//! holds what its signers produced, and our output must equal it byte for byte.

pub mod compare;
mod time;
pub mod v1;
pub mod v4;

use serde::{Deserialize, Serialize};

pub use time::SigningTime;

/// An AccessKey pair and optional STS token. `Debug` never prints the secret or the token.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Credentials {
    pub access_key_id: String,
    pub access_key_secret: String,
    #[serde(default)]
    pub security_token: Option<String>,
}

impl Credentials {
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// The STS token, when one is given and not empty.
    pub fn token(&self) -> Option<&str> {
        self.security_token
            .as_deref()
            .filter(|token| !token.is_empty())
    }

    fn check(&self) -> Result<(), SignError> {
        if self.access_key_id.trim().is_empty() {
            return Err(SignError::MissingAccessKeyId);
        }
        if self.access_key_secret.is_empty() {
            return Err(SignError::MissingAccessKeySecret);
        }
        if self
            .access_key_id
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ':' || c == '/')
        {
            return Err(SignError::InvalidAccessKeyId);
        }
        if let Some(token) = self.token() {
            if token.chars().any(|c| c.is_control()) {
                return Err(SignError::InvalidHeaderValue("x-oss-security-token".into()));
            }
        }
        Ok(())
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Which OSS signature to compute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignatureVersion {
    #[default]
    V4,
    V1,
}

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("credentials.accessKeyId is empty")]
    MissingAccessKeyId,
    #[error("credentials.accessKeySecret is empty")]
    MissingAccessKeySecret,
    #[error("credentials.accessKeyId contains whitespace, control characters, ':' or '/'")]
    InvalidAccessKeyId,
    #[error("region {0:?} is not a region id such as cn-hangzhou (lowercase letters, digits and hyphens, no oss- prefix)")]
    InvalidRegion(String),
    #[error("endpoint {0:?} is not a host or an http(s)://host[:port] URL")]
    InvalidEndpoint(String),
    #[error("signedAt {0} is outside the years 1970 to 9999")]
    InvalidTime(i64),
    #[error("the value of header {0} contains control characters such as line breaks")]
    InvalidHeaderValue(String),
    #[error("bucket {0:?} is not a bucket name (3 to 63 lowercase letters, digits and hyphens)")]
    InvalidBucket(String),
    #[error("x-oss-object-acl {0:?} is not an object ACL (default, private, public-read, public-read-write)")]
    InvalidObjectAcl(String),
}

/// A request as the signer sees it. Query pairs are decoded; the URL encodes them as the SDK does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestToSign {
    pub method: String,
    /// Set for bucket-level requests; the Batch Operations API is service-level (`None`).
    pub bucket: Option<String>,
    pub key: Option<String>,
    pub query: Vec<(String, String)>,
    /// V1 only: query keys the operation declares as signed sub-resources (besides the fixed list in
    /// [`v1::SUB_RESOURCES`]); the official SDKs pass the operation's own key, e.g. `batchJobStatus`.
    pub sub_resources: Vec<String>,
    /// Headers as they will be sent; the signer adds its own.
    pub headers: Vec<(String, String)>,
    /// V4 only: further headers (lowercase names) to sign, e.g. `host`.
    pub additional_headers: Vec<String>,
}

impl RequestToSign {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Sets a header, replacing any of the same name (case-insensitive).
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self
            .headers
            .iter_mut()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
        {
            Some(slot) => slot.1 = value,
            None => self.headers.push((name.to_string(), value)),
        }
    }

    /// `/`, `/bucket/`, or `/bucket/key`, before encoding.
    pub fn resource_path(&self) -> String {
        let mut path = String::from("/");
        if let Some(bucket) = &self.bucket {
            path.push_str(bucket);
            path.push('/');
        }
        if let Some(key) = &self.key {
            path.push_str(key);
        }
        path
    }

    /// The query string as sent: `k=v` pairs encoded like the SDK (`/` kept), bare `k` for empty values.
    pub fn encoded_query(&self) -> String {
        self.query
            .iter()
            .map(|(key, value)| {
                if value.is_empty() {
                    encode(key)
                } else {
                    format!("{}={}", encode(key), encode(value))
                }
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// What the signer did, for a signature inspector: the intermediate strings and the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SigningInspector {
    pub version: SignatureVersion,
    /// V4 only: the canonical request whose hash is signed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_request: Option<String>,
    pub string_to_sign: String,
    /// V4 only: `YYYYMMDD/<region>/oss/aliyun_v4_request`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Lowercase names of the headers covered by the signature.
    pub signed_headers: Vec<String>,
    pub signature: String,
    pub authorization: String,
}

/// Signs `request` in place: adds the signer's headers and `Authorization`.
pub fn sign(
    request: &mut RequestToSign,
    credentials: &Credentials,
    region: &str,
    time: SigningTime,
    version: SignatureVersion,
) -> Result<SigningInspector, SignError> {
    credentials.check()?;
    check_region(region)?;
    for (name, value) in &request.headers {
        if value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(SignError::InvalidHeaderValue(name.clone()));
        }
    }
    match version {
        SignatureVersion::V4 => Ok(v4::sign(request, credentials, region, time)),
        SignatureVersion::V1 => Ok(v1::sign(request, credentials, time)),
    }
}

/// A region must be safe to put in a host name and the V4 scope.
pub fn check_region(region: &str) -> Result<(), SignError> {
    let mut issues = Vec::new();
    crate::validate::names::check_region(&mut issues, region);
    if issues.iter().any(crate::issue::Issue::is_error) {
        return Err(SignError::InvalidRegion(region.to_string()));
    }
    Ok(())
}

/// Python's `urllib.parse.quote(s, safe='/')`: everything but `A-Z a-z 0-9 - _ . ~ /` is encoded.
const URI_ENCODE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

pub(crate) fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, URI_ENCODE).to_string()
}

fn lowercase_names(headers: &[(String, String)]) -> Vec<(String, &str)> {
    headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value.as_str()))
        .collect()
}
