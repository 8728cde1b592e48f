//! The guards in front of forwarding: the origin allow-list, the per-IP rate limit and the backstop
//! deadline.

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

/// A backstop over every forwarded call but the streamed PUT (put.rs bounds that one by idle
/// deadlines): the handlers bound the body's read (request timeout, 408) and OSS's answer (upstream
/// timeout, 504) themselves; this fires only past both and a margin, so it never races them, and it
/// answers through [`Refusal`] like everything else.
pub async fn deadline(
    State(state): State<Arc<ProxyState>>,
    request: Request,
    next: Next,
) -> Result<Response, Refusal> {
    if request.method() == axum::http::Method::PUT {
        return Ok(next.run(request).await);
    }
    let limit = std::time::Duration::from_secs(
        state.config.request_timeout_secs + state.config.upstream_timeout_secs + 5,
    );
    tokio::time::timeout(limit, next.run(request))
        .await
        .map_err(|_| {
            Refusal::new(
                StatusCode::GATEWAY_TIMEOUT,
                "request timeout",
                "the request did not finish in time",
            )
        })
}
