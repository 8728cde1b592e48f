//! Forwarding: check the request shape, copy the signed headers, send it to OSS, return OSS's answer.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::refusal::Refusal;
use crate::signed::{self, Call};
use crate::{target, ProxyState};

/// One request shape the proxy forwards: the method, the bare sub-resource that starts the query, and
/// the parameters that must and may follow it (each at most once, nothing else).
struct Shape {
    method: Method,
    first: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
}

/// CreateJob, DescribeJob, ListJobs, UpdateJobStatus, UpdateJobPriority: exactly these.
const SHAPES: &[Shape] = &[
    Shape {
        method: Method::POST,
        first: "batchJob",
        required: &[],
        optional: &[],
    },
    Shape {
        method: Method::GET,
        first: "batchJob",
        required: &["batchJobId"],
        optional: &[],
    },
    Shape {
        method: Method::GET,
        first: "batchJob",
        required: &[],
        optional: &["batchJobStatuses", "continuation-token", "max-keys"],
    },
    Shape {
        method: Method::POST,
        first: "batchJobStatus",
        required: &["batchJobId", "requestedJobStatus"],
        optional: &["statusUpdateReason"],
    },
    Shape {
        method: Method::POST,
        first: "batchJobPriority",
        required: &["batchJobId", "targetPriority"],
        optional: &[],
    },
];

/// The shapes whose parameters this query has (any method).
fn shapes_for(query: &str) -> Vec<&'static Shape> {
    let mut pairs = query.split('&').map(|pair| {
        pair.split_once('=')
            .map_or((pair, None), |(k, v)| (k, Some(v)))
    });
    let Some((first, None)) = pairs.next() else {
        return Vec::new();
    };
    let rest: Vec<(&str, Option<&str>)> = pairs.collect();
    let well_formed = rest
        .iter()
        .all(|(key, value)| value.is_some_and(|v| !v.is_empty()) && !key.is_empty());
    let mut keys: Vec<&str> = rest.iter().map(|(key, _)| *key).collect();
    keys.sort_unstable();
    let unique = keys.windows(2).all(|w| w[0] != w[1]);
    if !well_formed || !unique {
        return Vec::new();
    }
    SHAPES
        .iter()
        .filter(|shape| {
            shape.first == first
                && shape.required.iter().all(|r| keys.contains(r))
                && keys
                    .iter()
                    .all(|k| shape.required.contains(k) || shape.optional.contains(k))
        })
        .collect()
}

/// Response headers that travel back to the browser.
const RETURNED_HEADERS: &[&str] = &["content-type", "x-oss-request-id", "x-oss-ec"];

pub async fn not_an_oss_request() -> Refusal {
    Refusal::not_found(
        "not an OSS request",
        "not an OSS Batch Operations request: use /oss/<region>/?batchJob",
    )
}

/// Forwards one allowed request to OSS and passes its answer back; anything else is a [`Refusal`].
pub async fn forward(
    State(state): State<Arc<ProxyState>>,
    Path(region): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    if !state.region_allowed(&region) {
        return Err(Refusal::not_found(
            "region not allowed",
            "unknown or not allowed region",
        ));
    }
    let query = uri.query().unwrap_or("");
    let shapes = shapes_for(&signed::without_presign(query));
    if shapes.is_empty() {
        return Err(Refusal::not_found(
            "query not allowed",
            "not an allowed OSS Batch Operations request",
        ));
    }
    if !shapes.iter().any(|shape| shape.method == method) {
        let allow: Vec<&str> = shapes.iter().map(|shape| shape.method.as_str()).collect();
        return Err(Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed",
            format!("use {}", allow.join(", ")),
        )
        .allow(allow.join(", ")));
    }
    signed::check_signature(&headers, query)?;
    let forwarded = signed::forwarded_headers(&headers, Call::Job, &method)?;
    let target = target::job_target(state.upstream(), &region, query)?;
    let body = read_body(body, &state).await?;
    let mut upstream = state.client().request(method, target.url).body(body);
    for (name, value) in forwarded {
        upstream = upstream.header(name, value);
    }
    let answer = upstream
        .send()
        .await
        .map_err(|error| upstream_failure(&error))?;
    let status = answer.status();
    let mut returned = HeaderMap::new();
    for name in RETURNED_HEADERS {
        if let Some(value) = answer.headers().get(*name) {
            returned.insert(HeaderName::from_static(name), value.clone());
        }
    }
    let bytes = read_answer(answer, state.config.upstream_body_limit).await?;
    Ok((status, returned, bytes).into_response())
}

/// A request OSS did not answer: 504 when it timed out, else 502.
pub(crate) fn upstream_failure(error: &reqwest::Error) -> Refusal {
    if error.is_timeout() {
        Refusal::new(
            StatusCode::GATEWAY_TIMEOUT,
            "upstream timeout",
            "OSS did not answer in time",
        )
    } else {
        Refusal::new(
            StatusCode::BAD_GATEWAY,
            "upstream unreachable",
            "cannot reach OSS",
        )
    }
}

/// Reads the client's body: at most the body limit (413), within the request timeout (408).
async fn read_body(body: Body, state: &ProxyState) -> Result<Bytes, Refusal> {
    let read = axum::body::to_bytes(body, state.config.body_limit);
    let deadline = std::time::Duration::from_secs(state.config.request_timeout_secs);
    match tokio::time::timeout(deadline, read).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Err(_) => Err(Refusal::new(
            StatusCode::REQUEST_TIMEOUT,
            "body too slow",
            "the request body arrived too slowly",
        )),
        Ok(Err(_)) => Err(Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body too large",
            format!("the body is over {} bytes", state.config.body_limit),
        )),
    }
}

/// Reads OSS's answer, at most `limit` bytes: an answer that says or turns out to be larger is refused
/// (502) without being held; one that stops coming within the upstream timeout is 504; one cut off is
/// 502.
pub(crate) async fn read_answer(
    mut answer: reqwest::Response,
    limit: usize,
) -> Result<Bytes, Refusal> {
    let too_large = || {
        Refusal::new(
            StatusCode::BAD_GATEWAY,
            "upstream answer too large",
            format!("OSS's answer is over {limit} bytes"),
        )
    };
    if answer
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    loop {
        match answer.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > limit {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(Bytes::from(body)),
            Err(error) if error.is_timeout() => {
                return Err(Refusal::new(
                    StatusCode::GATEWAY_TIMEOUT,
                    "upstream answer timeout",
                    "OSS did not finish its answer in time",
                ))
            }
            Err(_) => {
                return Err(Refusal::new(
                    StatusCode::BAD_GATEWAY,
                    "upstream answer cut off",
                    "OSS's answer was cut off",
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_shapes() {
        let methods = |q: &str| {
            shapes_for(q)
                .iter()
                .map(|s| s.method.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(methods("batchJob"), ["POST", "GET"]);
        assert_eq!(methods("batchJob&batchJobId=abc%3D"), ["GET"]);
        assert_eq!(
            methods("batchJob&batchJobStatuses=Active%7CSuspended&max-keys=50"),
            ["GET"]
        );
        assert_eq!(
            methods("batchJobStatus&batchJobId=a&requestedJobStatus=Ready&statusUpdateReason=ok"),
            ["POST"]
        );
        assert_eq!(
            methods("batchJobPriority&batchJobId=a&targetPriority=3"),
            ["POST"]
        );
        for bad in [
            "",
            "batchJob=1",
            "batchJob&x=1",
            "batchJob&batchJobId=a&batchJobId=b",
            "batchJob&batchJobId=",
            "batchJob&batchJobId",
            "batchJob&batchJobId=a&max-keys=1",
            "batchJobStatus&batchJobId=a",
            "batchJobPriority&batchJobId=a&targetPriority=1&x=2",
            "batchJobId=1",
            "acl",
        ] {
            assert!(shapes_for(bad).is_empty(), "{bad}");
        }
    }
}
