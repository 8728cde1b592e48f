//! The one upload the proxy forwards (a retry or fixed manifest, PutObject), streamed to OSS and
//! never held whole. It has no total deadline — a 256 MiB manifest over a 2 MB/s link takes two
//! minutes — only two idle ones (issue #28):
//! - the client must send its next piece within the request timeout (else 408, "body too slow");
//! - OSS must answer within the upstream timeout of the *last piece sent* (else 504), so a slow
//!   but moving upload is never cut, and a finished one still gets OSS's answer in time.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use futures_util::StreamExt;

use crate::forward::upstream_failure;
use crate::refusal::Refusal;
use crate::ProxyState;

pub(crate) fn upstream_timeout() -> Refusal {
    Refusal::new(
        StatusCode::GATEWAY_TIMEOUT,
        "upstream timeout",
        "OSS did not answer in time",
    )
}

fn too_large(limit: u64) -> Refusal {
    Refusal::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body too large",
        format!("the object is over {limit} bytes"),
    )
}

fn too_slow() -> Refusal {
    Refusal::new(
        StatusCode::REQUEST_TIMEOUT,
        "body too slow",
        "the request body stopped arriving",
    )
}

/// What the body stream saw, read by the sender when the upload ends.
#[derive(Default)]
struct Progress {
    over_limit: AtomicBool,
    stalled: AtomicBool,
    /// Milliseconds since `start` when the last piece was handed to the HTTP client.
    last_piece_ms: AtomicU64,
}

/// Sends `request` with `body` streamed through the limits above; OSS's answer (headers) or a
/// [`Refusal`].
pub(crate) async fn send(
    state: &ProxyState,
    mut request: reqwest::RequestBuilder,
    forwarded: Vec<(&HeaderName, &HeaderValue)>,
    headers: &HeaderMap,
    body: Body,
) -> Result<reqwest::Response, Refusal> {
    let limit = state.config.put_body_limit;
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(too_large(limit));
    }
    for (name, value) in forwarded {
        request = request.header(name, value);
    }
    if let Some(length) = declared {
        request = request.header(axum::http::header::CONTENT_LENGTH, length);
    }
    let start = Instant::now();
    let progress = Arc::new(Progress::default());
    let idle = Duration::from_secs(state.config.request_timeout_secs);
    let seen = progress.clone();
    let stream = futures_util::stream::unfold(
        (body.into_data_stream(), 0u64, false),
        move |(mut pieces, sent, ended)| {
            let seen = seen.clone();
            async move {
                if ended {
                    return None;
                }
                let refused = |flag: &AtomicBool, why: &str| {
                    flag.store(true, Ordering::SeqCst);
                    Err(std::io::Error::other(why.to_string()))
                };
                let item = match tokio::time::timeout(idle, pieces.next()).await {
                    Err(_) => refused(&seen.stalled, "the client stopped sending"),
                    Ok(None) => return None,
                    Ok(Some(Err(error))) => Err(std::io::Error::other(error)),
                    Ok(Some(Ok(chunk))) if sent + chunk.len() as u64 > limit => {
                        refused(&seen.over_limit, "over the PUT body limit")
                    }
                    Ok(Some(Ok(chunk))) => {
                        let sent = sent + chunk.len() as u64;
                        let now = start.elapsed().as_millis() as u64;
                        seen.last_piece_ms.store(now, Ordering::SeqCst);
                        return Some((Ok(chunk), (pieces, sent, false)));
                    }
                };
                Some((item, (pieces, sent, true)))
            }
        },
    );
    let sending = request.body(reqwest::Body::wrap_stream(stream)).send();
    tokio::pin!(sending);
    let wait = state.config.upstream_timeout();
    let answer = loop {
        let since_last = Duration::from_millis(progress.last_piece_ms.load(Ordering::SeqCst));
        let deadline = start + since_last + wait;
        tokio::select! {
            answer = &mut sending => break answer,
            _ = tokio::time::sleep_until(deadline.into()) => {
                // Only a deadline that no new piece moved ends the wait.
                let moved = Duration::from_millis(progress.last_piece_ms.load(Ordering::SeqCst));
                if moved == since_last {
                    return Err(upstream_timeout());
                }
            }
        }
    };
    answer.map_err(|error| {
        if progress.over_limit.load(Ordering::SeqCst) {
            too_large(limit)
        } else if progress.stalled.load(Ordering::SeqCst) {
            too_slow()
        } else {
            upstream_failure(&error)
        }
    })
}
