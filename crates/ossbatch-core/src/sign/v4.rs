//! Signature V4 (`OSS4-HMAC-SHA256`), as the SDK's `signer/v4.py` computes it.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::{
    encode, lowercase_names, Credentials, RequestToSign, SignatureVersion, SigningInspector,
    SigningTime,
};

pub const ALGORITHM: &str = "OSS4-HMAC-SHA256";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
const PRODUCT: &str = "oss";

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so new_from_slice cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_default_signed(name: &str) -> bool {
    name.starts_with("x-oss-") || name == "content-type" || name == "content-md5"
}

/// The additional headers that count: not signed by default, present with a non-empty value; sorted.
fn effective_additional_headers(request: &RequestToSign) -> Vec<String> {
    let mut names: Vec<String> = request
        .additional_headers
        .iter()
        .map(|name| name.to_ascii_lowercase())
        .filter(|name| !is_default_signed(name))
        .filter(|name| request.header(name).is_some_and(|value| !value.is_empty()))
        .collect();
    names.sort();
    names.dedup();
    names
}

pub(super) fn sign(
    request: &mut RequestToSign,
    credentials: &Credentials,
    region: &str,
    time: SigningTime,
) -> SigningInspector {
    let datetime = time.iso8601_basic();
    let date = time.date_basic();
    request.set_header("x-oss-date", &datetime);
    if let Some(token) = credentials.token() {
        request.set_header("x-oss-security-token", token);
    }
    request.set_header("x-oss-content-sha256", UNSIGNED_PAYLOAD);

    let scope = format!("{date}/{region}/{PRODUCT}/aliyun_v4_request");
    let additional = effective_additional_headers(request);

    let canonical_uri = encode(&request.resource_path());
    let mut query: Vec<(String, String)> = request
        .query
        .iter()
        .map(|(key, value)| (encode(key), encode(value)))
        .collect();
    query.sort();
    let canonical_query = query
        .iter()
        .map(|(key, value)| {
            if value.is_empty() {
                key.clone()
            } else {
                format!("{key}={value}")
            }
        })
        .collect::<Vec<_>>()
        .join("&");

    let mut signed: Vec<(String, &str)> = lowercase_names(&request.headers)
        .into_iter()
        .filter(|(name, _)| is_default_signed(name) || additional.contains(name))
        .collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical_headers: String = signed
        .iter()
        .map(|(name, value)| format!("{name}:{value}\n"))
        .collect();
    let hashed_payload = request
        .header("x-oss-content-sha256")
        .unwrap_or(UNSIGNED_PAYLOAD);

    let signed_headers: Vec<String> = signed.into_iter().map(|(name, _)| name).collect();
    let canonical_request = format!(
        "{}\n{canonical_uri}\n{canonical_query}\n{canonical_headers}\n{}\n{hashed_payload}",
        request.method,
        additional.join(";")
    );
    let string_to_sign = format!(
        "{ALGORITHM}\n{datetime}\n{scope}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );

    let key = hmac_sha256(
        format!("aliyun_v4{}", credentials.access_key_secret).as_bytes(),
        date.as_bytes(),
    );
    let key = hmac_sha256(&key, region.as_bytes());
    let key = hmac_sha256(&key, PRODUCT.as_bytes());
    let key = hmac_sha256(&key, b"aliyun_v4_request");
    let signature = hex(&hmac_sha256(&key, string_to_sign.as_bytes()));

    let mut authorization = format!(
        "{ALGORITHM} Credential={}/{scope}",
        credentials.access_key_id
    );
    if !additional.is_empty() {
        authorization.push_str(&format!(",AdditionalHeaders={}", additional.join(";")));
    }
    authorization.push_str(&format!(",Signature={signature}"));
    request.set_header("Authorization", &authorization);

    SigningInspector {
        version: SignatureVersion::V4,
        canonical_request: Some(canonical_request),
        string_to_sign,
        scope: Some(scope),
        signed_headers,
        signature,
        authorization,
    }
}
