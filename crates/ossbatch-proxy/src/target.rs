//! Where a forwarded request goes, built from validated pieces and proved (issue #28).
//!
//! The client names a region, a bucket and a key; the proxy never passes its path on. Each key
//! segment is percent-decoded exactly once (a malformed escape is refused), checked (no `.`/`..`
//! in any spelling, no backslash, NUL or control byte, valid UTF-8, at most 1023 bytes) and encoded
//! again by the proxy's own rule. The query is checked character by character and kept as the
//! client signed it. Then the URL the HTTP client will send is parsed by the client's own URL
//! library and its scheme, host, port, path and query compared with what was built: any
//! normalisation the library would do (dot-segments, backslashes, re-encoding) is a refusal, never a
//! silent change of target.
//!
//! OSS decodes the path before it checks a signature (V1 signs the decoded `/bucket/key`, V4
//! re-encodes the decoded key), so sending the key in the proxy's encoding keeps every signature
//! valid.

use percent_encoding::{percent_decode, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Url;

use crate::refusal::Refusal;

/// Everything but RFC 3986's unreserved characters is escaped (as the OSS SDKs escape a key),
/// except `/`, which separates the key's segments.
const KEY_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// OSS's longest object key, in bytes.
const MAX_KEY_BYTES: usize = 1023;

/// Where requests go: OSS itself, or (tests only) one base URL that serves buckets path-style.
#[derive(Debug, Clone)]
pub enum Upstream {
    Oss,
    Override {
        scheme: String,
        host: String,
        port: Option<u16>,
    },
}

impl Upstream {
    /// Reads `--upstream-override` once, at start: scheme, host and port only.
    pub fn new(override_url: Option<&str>) -> Result<Upstream, String> {
        let Some(raw) = override_url else {
            return Ok(Upstream::Oss);
        };
        let url = Url::parse(raw).map_err(|e| format!("--upstream-override: {e}"))?;
        let host = url
            .host_str()
            .ok_or("--upstream-override: no host")?
            .to_string();
        if !matches!(url.scheme(), "http" | "https") || !matches!(url.path(), "" | "/") {
            return Err("--upstream-override: give http(s)://host:port only".into());
        }
        Ok(Upstream::Override {
            scheme: url.scheme().to_string(),
            host,
            port: url.port(),
        })
    }

    /// Where a request for `bucket` (`None`: the job calls) in `region` goes: scheme, host, port,
    /// and the path before the key — virtual-hosted on OSS, path-style (`/<bucket>`) on a test
    /// upstream, whose use is logged loudly on every request (README: "--upstream-override").
    fn locate(&self, region: &str, bucket: Option<&str>) -> (&str, String, Option<u16>, String) {
        match self {
            Upstream::Oss => {
                let host = match bucket {
                    Some(bucket) => format!("{bucket}.oss-{region}.aliyuncs.com"),
                    None => format!("oss-{region}.aliyuncs.com"),
                };
                ("https", host, None, String::new())
            }
            Upstream::Override { scheme, host, port } => {
                tracing::warn!("upstream override in use (tests only): {scheme}://{host}");
                let prefix = bucket.map(|b| format!("/{b}")).unwrap_or_default();
                (scheme.as_str(), host.clone(), *port, prefix)
            }
        }
    }
}

/// The one URL a request will be sent to, as the HTTP client parsed it and as it was checked.
#[derive(Debug)]
pub struct Target {
    pub url: Url,
}

/// The job calls' URL: `https://oss-<region>.aliyuncs.com/?<query>` (the region was allow-listed,
/// the query matched one of the job API's shapes).
pub fn job_target(upstream: &Upstream, region: &str, query: &str) -> Result<Target, Refusal> {
    check_query(query)?;
    let (scheme, host, port, _) = upstream.locate(region, None);
    build(scheme, &host, port, "/".to_string(), query)
}

/// An object call's URL: virtual-hosted `https://<bucket>.oss-<region>.aliyuncs.com/<key>` (path-style
/// `/<bucket>/<key>` on a test upstream), the key decoded once, checked and encoded again.
pub fn object_target(
    upstream: &Upstream,
    region: &str,
    bucket: &str,
    raw_key: &str,
    query: &str,
) -> Result<Target, Refusal> {
    check_query(query)?;
    let key = decode_key(raw_key)?;
    let encoded = utf8_percent_encode(&key, KEY_ESCAPED);
    let (scheme, host, port, prefix) = upstream.locate(region, Some(bucket));
    build(scheme, &host, port, format!("{prefix}/{encoded}"), query)
}

/// Writes the URL, parses it as the client will, and refuses it unless every part is what was built.
fn build(
    scheme: &str,
    host: &str,
    port: Option<u16>,
    path: String,
    query: &str,
) -> Result<Target, Refusal> {
    let authority = match port {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    let mut text = format!("{scheme}://{authority}{path}");
    if !query.is_empty() {
        text.push('?');
        text.push_str(query);
    }
    let changed = || {
        Refusal::not_found(
            "target changed by parsing",
            "the request's path or query does not survive as it was checked",
        )
    };
    let url = Url::parse(&text).map_err(|_| changed())?;
    let same = url.scheme() == scheme
        && url.host_str() == Some(host)
        && url.port() == port
        && url.path() == path
        && url.query().unwrap_or("") == query
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none()
        && url.as_str() == text;
    if !same {
        return Err(changed());
    }
    Ok(Target { url })
}

/// A refused path: said the same way for every reason, never echoing the request.
fn bad_path(why: &'static str) -> Refusal {
    Refusal::not_found(why, "use /oss/<region>/b/<bucket>/<key>")
}

/// The byte the escape `%XX` at `at` stands for, or `None` when it is not two hex digits.
fn escaped_byte(bytes: &[u8], at: usize) -> Option<u8> {
    let hex = bytes.get(at + 1..at + 3)?;
    let digit = |b: u8| (b as char).to_digit(16);
    Some((digit(hex[0])? * 16 + digit(hex[1])?) as u8)
}

/// The key, decoded once, or a refusal when a segment is `.`/`..` in any spelling, a byte is a
/// backslash, NUL or control character, an escape is malformed, or it is not UTF-8.
pub fn decode_key(raw: &str) -> Result<String, Refusal> {
    let bytes = raw.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            escaped_byte(bytes, at).ok_or_else(|| bad_path("bad escape"))?;
            at += 3;
        } else {
            at += 1;
        }
    }
    let decoded = percent_decode(bytes).collect::<Vec<u8>>();
    let key = String::from_utf8(decoded).map_err(|_| bad_path("key not UTF-8"))?;
    if key.len() > MAX_KEY_BYTES {
        return Err(bad_path("key too long"));
    }
    if key.chars().any(|c| c == '\\' || c.is_control()) {
        return Err(bad_path("key has a control byte or backslash"));
    }
    // Checked on the decoded key: an encoded slash that would make a dot-segment (`a%2F..`) is
    // caught here as a plain one.
    if !key.is_empty() && key.split('/').any(|s| s == "." || s == "..") {
        return Err(bad_path("dot-segment"));
    }
    Ok(key)
}

/// The query as received: `&`-separated `name[=value]` pairs of RFC 3986 unreserved characters, the
/// sub-delimiters a URL library keeps in a query (`/ : @ ! ( ) * , ; $`; the SDKs keep `/` raw in a
/// `prefix`) and well-formed escapes only: no `?`, `#`, `\\`, `'`, `+` (a space to some readers),
/// space or control byte, and nothing that decodes to a control byte.
pub fn check_query(query: &str) -> Result<(), Refusal> {
    let refused = || Refusal::not_found("query not allowed", "not an allowed request query");
    let bytes = query.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'%' => {
                let value = escaped_byte(bytes, at).ok_or_else(refused)?;
                if value < 0x20 || value == 0x7f {
                    return Err(refused());
                }
                at += 3;
            }
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'=' | b'&' => {
                at += 1
            }
            b'/' | b':' | b'@' | b'!' | b'(' | b')' | b'*' | b',' | b';' | b'$' => at += 1,
            _ => return Err(refused()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(key: &str) -> Result<String, Refusal> {
        object_target(&Upstream::Oss, "cn-hangzhou", "b1", key, "").map(|t| t.url.to_string())
    }

    #[test]
    fn dot_segments_in_every_spelling_are_refused() {
        for key in [
            ".",
            "..",
            "%2e",
            "%2E",
            ".%2e",
            "%2e.",
            ".%2E",
            "%2E%2e",
            "a/..",
            "a/.%2e/b",
            "reports/.%2e/secret.csv",
            "a%2F..",
            "a%2f%2e%2e",
            "..%2Fb",
            "a/./b",
        ] {
            assert!(object(key).is_err(), "{key}");
        }
    }

    #[test]
    fn backslashes_controls_and_bad_escapes_are_refused() {
        for key in [
            "a\\b", "a%5Cb", "a%5c..", "a%00b", "a%0Ab", "a%7F", "a%", "a%2", "a%zz", "%C3",
        ] {
            assert!(object(key).is_err(), "{key}");
        }
        assert!(object(&"k".repeat(1024)).is_err());
        assert!(object(&"k".repeat(1023)).is_ok());
    }

    #[test]
    fn keys_are_sent_in_one_encoding() {
        assert_eq!(
            object("reports//job%20a/b.csv").unwrap(),
            "https://b1.oss-cn-hangzhou.aliyuncs.com/reports//job%20a/b.csv"
        );
        // Encoded the same whichever way the client wrote it; a `..` inside a name is a name.
        assert_eq!(
            object("%E4%B8%AD..x").unwrap(),
            object("中..x").unwrap_or_default()
        );
        assert_eq!(
            object("a%2Fb+c").unwrap(),
            "https://b1.oss-cn-hangzhou.aliyuncs.com/a/b%2Bc"
        );
        assert_eq!(
            object("").unwrap(),
            "https://b1.oss-cn-hangzhou.aliyuncs.com/"
        );
    }

    #[test]
    fn queries_keep_their_bytes_or_are_refused() {
        assert!(check_query("list-type=2&prefix=a%2Fb&max-keys=10").is_ok());
        assert!(check_query("tagging&versionId=CAEQ%3D").is_ok());
        assert!(check_query("list-type=2&prefix=reports/").is_ok());
        for bad in [
            "a=b c", "a=b#c", "a='", "a=%0d", "a=%", "a=b\\c", "a=b?c", "a=+",
        ] {
            assert!(check_query(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_test_upstream_is_path_style() {
        let upstream = Upstream::new(Some("http://127.0.0.1:9000")).unwrap();
        let target = object_target(&upstream, "cn-hangzhou", "b1", "k", "acl").unwrap();
        assert_eq!(target.url.as_str(), "http://127.0.0.1:9000/b1/k?acl");
        let job = job_target(&upstream, "cn-hangzhou", "batchJob").unwrap();
        assert_eq!(job.url.as_str(), "http://127.0.0.1:9000/?batchJob");
        assert!(Upstream::new(Some("http://127.0.0.1:9000/x")).is_err());
    }
}
