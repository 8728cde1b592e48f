//! The guards in front of forwarding: the origin allow-list and the per-IP rate limit.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::{proxy_error, proxy_error_with_retry, ClientAddr, ProxyState};

/// A browser request from an origin not on the allow-list is refused before anything else happens,
/// preflight included. Requests without an Origin header (same-origin GETs, non-browser clients) pass:
/// they are not cross-site browser requests, and CORS is about those.
pub async fn check_origin(
    State(state): State<Arc<ProxyState>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        let allowed = origin
            .to_str()
            .map(|o| state.origins_contains(o))
            .unwrap_or(false);
        if !allowed {
            tracing::info!(status = 403, "refused: origin not allowed");
            return proxy_error(StatusCode::FORBIDDEN, "this origin may not use the proxy");
        }
    }
    next.run(request).await
}

/// Token bucket per client IP; over the limit: 429 with Retry-After.
pub async fn rate_limit(
    State(state): State<Arc<ProxyState>>,
    request: Request,
    next: Next,
) -> Response {
    let ip = request
        .extensions()
        .get::<ClientAddr>()
        .map(|addr| addr.0.ip())
        .unwrap_or(std::net::IpAddr::from([0, 0, 0, 0]));
    if let Err(not_until) = state.limiter().check_key(&ip) {
        let wait = not_until.wait_time_from(governor::clock::Clock::now(
            &governor::clock::DefaultClock::default(),
        ));
        let seconds = wait.as_secs() + 1;
        tracing::info!(status = 429, "refused: rate limit");
        return proxy_error_with_retry(
            StatusCode::TOO_MANY_REQUESTS,
            format!("too many requests; retry in {seconds} s"),
            Some(seconds),
        );
    }
    next.run(request).await
}
