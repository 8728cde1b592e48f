//! The proxy's own answers: every request it does not forward, and every OSS answer it cannot pass
//! on, is a [`Refusal`]. One type, one response shape (the core's `ProxyErrorBody` with
//! `x-ossbatch-proxy-error: 1`), one log line with the same fields every time.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::{ProxyErrorBody, PROXY_ERROR_HEADER};

/// Why the proxy answered itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    /// A short, stable reason for the log (`region not allowed`, `rate limit`, …); never request
    /// data, so the log holds no query string, token or key.
    pub reason: &'static str,
    /// What the client is told (the body's `error`).
    pub message: String,
    /// Seconds the client should wait (`Retry-After` and `retryAfterSeconds`).
    pub retry_after: Option<u64>,
    /// The methods this resource takes (`Allow`, for 405).
    pub allow: Option<String>,
}

impl Refusal {
    pub fn new(status: StatusCode, reason: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            reason,
            message: message.into(),
            retry_after: None,
            allow: None,
        }
    }

    pub fn retry_after(mut self, seconds: u64) -> Refusal {
        self.retry_after = Some(seconds);
        self
    }

    pub fn allow(mut self, methods: impl Into<String>) -> Refusal {
        self.allow = Some(methods.into());
        self
    }

    pub fn not_found(reason: &'static str, message: impl Into<String>) -> Refusal {
        Refusal::new(StatusCode::NOT_FOUND, reason, message)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        // The request's method and path are in the span TraceLayer opened (lib.rs).
        tracing::info!(
            status = self.status.as_u16(),
            reason = self.reason,
            retry_after = self.retry_after,
            "refused"
        );
        let body = serde_json::to_string(&ProxyErrorBody::new(self.message, self.retry_after))
            .unwrap_or_else(|_| String::from("{}"));
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
        let headers = response.headers_mut();
        headers.insert(
            HeaderName::from_static(PROXY_ERROR_HEADER),
            HeaderValue::from_static("1"),
        );
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(allow) = self.allow.and_then(|a| HeaderValue::from_str(&a).ok()) {
            headers.insert(header::ALLOW, allow);
        }
        response
    }
}
