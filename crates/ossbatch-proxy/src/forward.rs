//! Forwarding: check the request shape, copy the signed headers, send it to OSS, return OSS's answer.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::{proxy_error, ProxyState};

/// The request shapes the proxy forwards: (method, exact query).
const ALLOWED: &[(Method, &str)] = &[(Method::POST, "batchJob")];

/// Request headers that travel to OSS: what the signature covers, and the body's type.
fn is_forwarded_header(name: &HeaderName) -> bool {
    let name = name.as_str();
    name == "authorization"
        || name == "content-type"
        || name == "content-md5"
        || name.starts_with("x-oss-")
}

/// Response headers that travel back to the browser.
const RETURNED_HEADERS: &[&str] = &["content-type", "x-oss-request-id", "x-oss-ec"];

pub async fn not_an_oss_request() -> Response {
    proxy_error(
        StatusCode::NOT_FOUND,
        "not an OSS Batch Operations request: use /oss/<region>/?batchJob",
    )
}

pub async fn forward(
    State(state): State<Arc<ProxyState>>,
    Path(region): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let started = Instant::now();
    if !state.region_allowed(&region) {
        tracing::info!(status = 404, "refused: region not allowed");
        return proxy_error(StatusCode::NOT_FOUND, "unknown or not allowed region");
    }
    let query = uri.query().unwrap_or("");
    let shapes: Vec<&(Method, &str)> = ALLOWED.iter().filter(|(_, q)| *q == query).collect();
    if shapes.is_empty() {
        tracing::info!(status = 404, region = %region, "refused: query not allowed");
        return proxy_error(
            StatusCode::NOT_FOUND,
            "not an allowed OSS Batch Operations request",
        );
    }
    if !shapes.iter().any(|(m, _)| *m == method) {
        let allow: Vec<&str> = shapes.iter().map(|(m, _)| m.as_str()).collect();
        let mut response = proxy_error(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("use {}", allow.join(", ")),
        );
        if let Ok(value) = HeaderValue::from_str(&allow.join(", ")) {
            response.headers_mut().insert(header::ALLOW, value);
        }
        tracing::info!(status = 405, region = %region, "refused: method not allowed");
        return response;
    }
    let read = axum::body::to_bytes(body, state.config.body_limit);
    let deadline = std::time::Duration::from_secs(state.config.request_timeout_secs);
    let body: Bytes = match tokio::time::timeout(deadline, read).await {
        Ok(Ok(bytes)) => bytes,
        Err(_) => {
            tracing::info!(status = 408, region = %region, "refused: body too slow");
            return proxy_error(
                StatusCode::REQUEST_TIMEOUT,
                "the request body arrived too slowly",
            );
        }
        Ok(Err(_)) => {
            tracing::info!(status = 413, region = %region, "refused: body too large or unreadable");
            return proxy_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body is over {} bytes", state.config.body_limit),
            );
        }
    };

    let base = match &state.config.upstream_override {
        Some(upstream) => {
            tracing::warn!("upstream override in use (tests only): {upstream}");
            upstream.trim_end_matches('/').to_string()
        }
        None => format!("https://oss-{region}.aliyuncs.com"),
    };
    let url = format!("{base}/?{query}");
    let mut upstream = state.client().request(method.clone(), &url).body(body);
    for (name, value) in headers.iter() {
        if is_forwarded_header(name) {
            upstream = upstream.header(name, value);
        }
    }
    let answer = match upstream.send().await {
        Ok(answer) => answer,
        Err(error) => {
            let (status, message) = if error.is_timeout() {
                (StatusCode::GATEWAY_TIMEOUT, "OSS did not answer in time")
            } else {
                (StatusCode::BAD_GATEWAY, "cannot reach OSS")
            };
            tracing::info!(status = status.as_u16(), region = %region, ms = started.elapsed().as_millis() as u64, "upstream failed");
            return proxy_error(status, message);
        }
    };
    let status = answer.status();
    let mut returned = HeaderMap::new();
    for name in RETURNED_HEADERS {
        if let Some(value) = answer.headers().get(*name) {
            returned.insert(HeaderName::from_static(name), value.clone());
        }
    }
    let bytes = match answer.bytes().await {
        Ok(bytes) => bytes,
        Err(_) => return proxy_error(StatusCode::BAD_GATEWAY, "OSS's answer was cut off"),
    };
    tracing::info!(
        status = status.as_u16(),
        region = %region,
        method = %method,
        ms = started.elapsed().as_millis() as u64,
        "forwarded"
    );
    (status, returned, bytes).into_response()
}
