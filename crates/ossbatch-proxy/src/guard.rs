//! The guards in front of forwarding: the origin allow-list and the per-IP rate limit.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::refusal::Refusal;
use crate::{ClientAddr, ProxyState};

/// A browser request from an origin not on the allow-list is refused before anything else happens,
/// preflight included. Requests without an Origin header (same-origin GETs, non-browser clients) pass:
/// they are not cross-site browser requests, and CORS is about those.
pub async fn check_origin(
    State(state): State<Arc<ProxyState>>,
    request: Request,
    next: Next,
) -> Result<Response, Refusal> {
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        let allowed = origin
            .to_str()
            .map(|o| state.origins_contains(o))
            .unwrap_or(false);
        if !allowed {
            return Err(Refusal::new(
                StatusCode::FORBIDDEN,
                "origin not allowed",
                "this origin may not use the proxy",
            ));
        }
    }
    Ok(next.run(request).await)
}

/// Token bucket per client IP; over the limit: 429 with Retry-After.
pub async fn rate_limit(
    State(state): State<Arc<ProxyState>>,
    request: Request,
    next: Next,
) -> Result<Response, Refusal> {
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
        return Err(Refusal::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate limit",
            format!("too many requests; retry in {seconds} s"),
        )
        .retry_after(seconds));
    }
    Ok(next.run(request).await)
}
