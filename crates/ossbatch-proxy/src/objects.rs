//! The job's own buckets (issue #22): the object calls that come after a job, forwarded to
//! `https://<bucket>.oss-<region>.aliyuncs.com` for allow-listed regions and valid bucket names only.
//!
//! `/oss/<region>/b/<bucket>/` lists (ListObjectsV2: `list-type=2`, with `prefix`,
//! `continuation-token`, `max-keys`) or reads the lifecycle rules (GET `?lifecycle`, for a plan); `/oss/<region>/b/<bucket>/<key>` reads (GET with Range, HEAD,
//! `?tagging`, `?acl`, each with an optional `versionId`) or uploads one object (PUT, the retry
//! manifest: streamed to OSS, never held whole, at most `--put-body-limit` bytes). Every request must
//! arrive signed (an `Authorization` header): the proxy never fetches anything on its own account, not
//! even public objects. The key is decoded once, checked and encoded again by the proxy
//! (`target.rs`); OSS decodes it before checking the signature, so the client's spelling never mattered.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, Method, Uri};
use axum::response::{IntoResponse, Response};

use crate::forward::{read_answer, upstream_failure};
use crate::refusal::Refusal;
use crate::signed::{self, Call};
use crate::{put, target, ProxyState};

/// Response headers of an object call that travel back (besides those of the job calls).
const RETURNED_HEADERS: &[&str] = &[
    "content-type",
    "content-range",
    "etag",
    "last-modified",
    "x-oss-request-id",
    "x-oss-ec",
    // A HEAD answer's <Error>, base64: its only way to say why.
    "x-oss-err",
    "x-oss-restore",
    "x-oss-storage-class",
    "x-oss-version-id",
    "x-oss-object-type",
];

/// Whether `query` (as received) is one of the object calls' queries for `method` on a bucket
/// (`key` empty) or an object.
fn query_allowed(method: &Method, key: &str, query: &str) -> bool {
    let pairs: Vec<(&str, Option<&str>)> = if query.is_empty() {
        Vec::new()
    } else {
        query
            .split('&')
            .map(|pair| {
                pair.split_once('=')
                    .map_or((pair, None), |(k, v)| (k, Some(v)))
            })
            .collect()
    };
    let mut keys: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    if keys.windows(2).any(|w| w[0] == w[1]) {
        return false;
    }
    let valued = |k: &str| {
        pairs
            .iter()
            .any(|(key, v)| *key == k && v.is_some_and(|v| !v.is_empty()))
    };
    let bare = |k: &str| {
        pairs
            .iter()
            .any(|(key, v)| *key == k && v.is_none_or(str::is_empty))
    };
    let only = |allowed: &[&str]| keys.iter().all(|k| allowed.contains(k));
    if key.is_empty() {
        // GetBucketLifecycle (a plan's question of what the job's tags set in motion, issue #30):
        // exactly `?lifecycle`, nothing else on a bucket but the listing.
        if *method == Method::GET && keys == ["lifecycle"] {
            return bare("lifecycle");
        }
        return *method == Method::GET
            && pairs.contains(&("list-type", Some("2")))
            && only(&["list-type", "prefix", "continuation-token", "max-keys"])
            && keys.iter().all(|k| *k == "list-type" || valued(k));
    }
    let version_ok = !keys.contains(&"versionId") || valued("versionId");
    match *method {
        Method::PUT => keys.is_empty(),
        Method::HEAD => only(&["versionId"]) && version_ok,
        Method::GET if keys.contains(&"tagging") => {
            bare("tagging") && only(&["tagging", "versionId"]) && version_ok
        }
        Method::GET if keys.contains(&"acl") => {
            bare("acl") && only(&["acl", "versionId"]) && version_ok
        }
        Method::GET => only(&["versionId"]) && version_ok,
        _ => false,
    }
}

/// The bucket and the raw (still percent-encoded) key after `/oss/<region>/b/`, or `None` when the
/// path is not of that form. The key is checked and decoded by [`target::object_target`].
fn split_path<'a>(path: &'a str, region: &str) -> Option<(&'a str, &'a str)> {
    let rest = path
        .strip_prefix("/oss/")?
        .strip_prefix(region)?
        .strip_prefix("/b/")?;
    rest.split_once('/')
}

pub async fn forward_object(
    State(state): State<Arc<ProxyState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let path = uri.path();
    let region = path
        .strip_prefix("/oss/")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("");
    if !state.region_allowed(region) {
        return Err(Refusal::not_found(
            "region not allowed",
            "unknown or not allowed region",
        ));
    }
    let Some((bucket, key)) = split_path(path, region) else {
        return Err(Refusal::not_found(
            "object path not allowed",
            "use /oss/<region>/b/<bucket>/<key>",
        ));
    };
    let mut issues = Vec::new();
    ossbatch_core::validate::names::check_bucket(&mut issues, "bucket", bucket);
    if issues.iter().any(ossbatch_core::Issue::is_error) {
        return Err(Refusal::not_found(
            "bucket not allowed",
            "not a bucket name",
        ));
    }
    let query = uri.query().unwrap_or("");
    if !query_allowed(&method, key, &signed::without_presign(query)) {
        return Err(Refusal::not_found(
            "query not allowed",
            "not an allowed object request",
        ));
    }
    let call = if method == Method::PUT {
        Call::ObjectPut
    } else {
        Call::ObjectRead
    };
    signed::check_signature(&headers, query)?;
    let forwarded = signed::forwarded_headers(&headers, call, &method)?;
    let target = target::object_target(state.upstream(), region, bucket, key, query)?;
    // A PUT streams its body and has no total deadline: see put::send.
    let answer = if method == Method::PUT {
        let request = state.streaming_client().request(method.clone(), target.url);
        put::send(&state, request, forwarded, &headers, body).await?
    } else {
        let mut request = state.client().request(method.clone(), target.url);
        for (name, value) in forwarded {
            request = request.header(name, value);
        }
        request
            .send()
            .await
            .map_err(|error| upstream_failure(&error))?
    };
    let status = answer.status();
    let mut returned = HeaderMap::new();
    for name in RETURNED_HEADERS {
        if let Some(value) = answer.headers().get(*name) {
            returned.insert(HeaderName::from_static(name), value.clone());
        }
    }
    if method == Method::HEAD {
        if let Some(length) = answer.headers().get("content-length") {
            returned.insert(
                HeaderName::from_static("x-oss-object-length"),
                length.clone(),
            );
        }
        return Ok((status, returned).into_response());
    }
    let bytes = if method == Method::PUT {
        // The streaming client has no total timeout: the answer's read is bounded here.
        tokio::time::timeout(
            state.config.upstream_timeout(),
            read_answer(answer, state.config.object_answer_limit),
        )
        .await
        .map_err(|_| put::upstream_timeout())??
    } else {
        read_answer(answer, state.config.object_answer_limit).await?
    };
    Ok((status, returned, bytes).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_queries_and_paths() {
        let ok = |m: Method, key: &str, q: &str| query_allowed(&m, key, q);
        assert!(ok(
            Method::GET,
            "",
            "list-type=2&max-keys=100&prefix=reports/"
        ));
        assert!(ok(Method::GET, "", "list-type=2&continuation-token=abc"));
        assert!(!ok(Method::GET, "", "list-type=1"));
        assert!(!ok(Method::GET, "", ""));
        assert!(!ok(Method::GET, "", "list-type=2&delimiter=/"));
        assert!(!ok(Method::PUT, "", "list-type=2"));
        assert!(ok(Method::GET, "", "lifecycle"));
        for bad in [
            "lifecycle=1",
            "lifecycle&x",
            "lifecycle&list-type=2",
            "cors",
            "policy",
        ] {
            assert!(!ok(Method::GET, "", bad), "{bad}");
        }
        assert!(!ok(Method::PUT, "", "lifecycle"));
        assert!(!ok(Method::DELETE, "", "lifecycle"));
        assert!(!ok(Method::GET, "k", "lifecycle"));
        assert!(ok(Method::GET, "k.csv", ""));
        assert!(ok(Method::GET, "k.csv", "versionId=v1"));
        assert!(ok(Method::GET, "k.csv", "tagging&versionId=v1"));
        assert!(ok(Method::GET, "k.csv", "acl"));
        assert!(ok(Method::HEAD, "k.csv", ""));
        assert!(ok(Method::PUT, "retry.csv", ""));
        for (m, q) in [
            (Method::GET, "uploads"),
            (Method::GET, "tagging=x"),
            (Method::GET, "acl&tagging"),
            (Method::GET, "versionId="),
            (Method::PUT, "tagging"),
            (Method::PUT, "acl"),
            (Method::DELETE, ""),
            (Method::POST, "restore"),
            (Method::GET, "x-oss-process=image/resize"),
            (Method::HEAD, "tagging"),
        ] {
            assert!(!ok(m.clone(), "k", q), "{m} {q}");
        }
        assert_eq!(
            split_path("/oss/cn-hangzhou/b/report-bucket/a/b.csv", "cn-hangzhou"),
            Some(("report-bucket", "a/b.csv"))
        );
        assert_eq!(
            split_path("/oss/cn-hangzhou/b/report-bucket/", "cn-hangzhou"),
            Some(("report-bucket", ""))
        );
        assert_eq!(
            split_path("/oss/cn-hangzhou/b/report-bucket", "cn-hangzhou"),
            None
        );
    }
}
