//! ossbatch-proxy: forwards signed OSS Batch Operations requests from browsers to OSS, and nothing else.
//!
//! Safe by construction, unlike URL-taking CORS proxies (cors-anywhere, CVE-2020-36851):
//! - the client names only a region, checked against an allow-list; the host is always
//!   `oss-<region>.aliyuncs.com` over HTTPS, redirects are never followed;
//! - method, path and query must be one of the API's request shapes; anything else is 404/405;
//! - only the signed headers travel (Authorization, Content-Type, Content-MD5, x-oss-*): no cookies,
//!   no hop-by-hop headers; requests arrive signed, so secrets never reach the proxy;
//! - cross-origin callers must be on an exact origin allow-list; body size, header, request and
//!   upstream time, per-IP rate and concurrency are all bounded;
//! - logs carry method, path (which names the region), status, time and a refusal's reason: never the
//!   query string (ListJobs' continuation token), Authorization, tokens or bodies.

pub mod config;
mod forward;
mod guard;
mod objects;
mod put;
pub mod refusal;
mod signed;
mod target;

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::error_handling::HandleErrorLayer;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use axum::{middleware, Extension, Router};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::{Layer, ServiceBuilder};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;

pub use config::Config;
pub use refusal::Refusal;

/// The client's address, added to each request by the accept loop.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub SocketAddr);

/// What the handlers share.
pub struct ProxyState {
    pub config: Config,
    regions: HashSet<String>,
    origins: HashSet<String>,
    client: reqwest::Client,
    /// For the streamed PUT: no total timeout (put.rs bounds it by idle deadlines).
    streaming_client: reqwest::Client,
    upstream: target::Upstream,
    limiter: DefaultKeyedRateLimiter<IpAddr>,
}

/// Marks responses the proxy made itself (not OSS's), so clients can tell them apart. Written once,
/// in the core, with the body's shape.
pub use ossbatch_core::api::response::{ProxyErrorBody, PROXY_ERROR_HEADER};

impl ProxyState {
    pub fn new(config: Config) -> Result<Arc<Self>, String> {
        let per_minute = std::num::NonZeroU32::new(config.rate_limit_per_minute.max(1))
            .unwrap_or(std::num::NonZeroU32::MIN);
        let burst = std::num::NonZeroU32::new(config.rate_burst.max(1))
            .unwrap_or(std::num::NonZeroU32::MIN);
        // Redirects are never followed. HTTPS_PROXY/NO_PROXY are honoured (reqwest's system
        // proxy): the TLS connection still ends at OSS's host, whose certificate is checked.
        let builder = || {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(Duration::from_secs(10))
                .user_agent(concat!("ossbatch-proxy/", env!("CARGO_PKG_VERSION")))
        };
        let client = builder()
            .timeout(config.upstream_timeout())
            .build()
            .map_err(|error| format!("cannot build the HTTPS client: {error}"))?;
        let streaming_client = builder()
            .build()
            .map_err(|error| format!("cannot build the HTTPS client: {error}"))?;
        let upstream = target::Upstream::new(config.upstream_override.as_deref())?;
        for region in config.regions() {
            ossbatch_core::sign::check_region(&region)
                .map_err(|error| format!("--allowed-region: {error}"))?;
        }
        Ok(Arc::new(ProxyState {
            regions: config.regions().into_iter().collect(),
            origins: config.origins().into_iter().collect(),
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
            client,
            streaming_client,
            upstream,
            config,
        }))
    }
}

/// The whole service: `/oss/<region>/` forwarding behind the guards, `/healthz`, and the static builder.
pub fn router(state: Arc<ProxyState>) -> Router {
    let origins: Vec<HeaderValue> = state
        .origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST, Method::GET, Method::PUT, Method::HEAD])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("content-md5"),
            HeaderName::from_static("x-oss-date"),
            HeaderName::from_static("x-oss-content-sha256"),
            HeaderName::from_static("x-oss-security-token"),
            header::RANGE,
        ])
        .expose_headers([
            HeaderName::from_static("x-oss-request-id"),
            HeaderName::from_static("x-oss-ec"),
            HeaderName::from_static("x-oss-err"),
            HeaderName::from_static(PROXY_ERROR_HEADER),
            header::RETRY_AFTER,
            header::ETAG,
            header::CONTENT_RANGE,
            header::LAST_MODIFIED,
            HeaderName::from_static("x-oss-restore"),
            HeaderName::from_static("x-oss-storage-class"),
            HeaderName::from_static("x-oss-version-id"),
            HeaderName::from_static("x-oss-object-length"),
        ])
        .max_age(Duration::from_secs(600));

    let oss = Router::new()
        .route("/oss/{region}/", any(forward::forward))
        .route("/oss/{region}/b/{*object}", any(objects::forward_object))
        .layer(
            ServiceBuilder::new()
                // Outermost first: refuse foreign origins and floods before anything else runs.
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    guard::check_origin,
                ))
                .layer(cors)
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    guard::rate_limit,
                ))
                .layer(HandleErrorLayer::new(|error: tower::BoxError| async move {
                    if error.is::<tower::load_shed::error::Overloaded>() {
                        Refusal::new(
                            StatusCode::SERVICE_UNAVAILABLE,
                            "busy",
                            "the proxy is busy; retry in 1 s",
                        )
                        .retry_after(1)
                    } else {
                        Refusal::new(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "internal error",
                            "internal error",
                        )
                    }
                }))
                .load_shed()
                .concurrency_limit(state.config.max_concurrency)
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    guard::deadline,
                )),
        )
        .with_state(state.clone());

    let static_files = state
        .config
        .static_dir
        .as_ref()
        .map(|dir| ServeDir::new(dir).append_index_html_on_directories(true));
    // One span per request with the method and the path only: the query (a continuation token, a
    // job id) stays out of the log, as do headers and bodies.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &axum::extract::Request| {
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        })
        .on_response(
            DefaultOnResponse::new()
                .level(tracing::Level::INFO)
                .latency_unit(LatencyUnit::Millis),
        );
    Router::new()
        .merge(oss)
        .route("/healthz", get(|| async { "ok" }))
        .fallback(move |request: axum::extract::Request| {
            let static_files = static_files.clone();
            async move {
                // Anything under /oss that is not a known request shape is refused, never served.
                if request.uri().path() == "/oss" || request.uri().path().starts_with("/oss/") {
                    return forward::not_an_oss_request().await.into_response();
                }
                match static_files {
                    Some(files) if matches!(*request.method(), Method::GET | Method::HEAD) => {
                        match tower::ServiceExt::oneshot(files, request).await {
                            Ok(response) => with_page_policy(response.into_response()),
                            Err(_) => Refusal::not_found("not found", "not found").into_response(),
                        }
                    }
                    _ => Refusal::not_found("not found", "not found").into_response(),
                }
            }
        })
        .layer(trace)
}

/// What the builder's pages may do, sent with every file the proxy serves. The pages hold credentials
/// in the tab, so: only their own scripts and wasm (no inline script, so injected markup cannot run),
/// only their own stylesheets, no plugins, no `<base>`, no form posts, and no other page may frame
/// them. Requests may go to any http(s) origin: the Submit panel's "Proxy URL" may name another proxy
/// than the one serving the page (docs/decisions.md). The widget is held to the same script and style
/// rules in the embed tests (tests/embed/host-server.mjs).
pub const PAGE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";

fn with_page_policy(mut response: axum::response::Response) -> axum::response::Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Accepts connections on `listener` and serves them, with a header read timeout per request and a
/// maximum connection age.
pub async fn serve(listener: TcpListener, state: Arc<ProxyState>) -> std::io::Result<()> {
    if let Some(upstream) = &state.config.upstream_override {
        tracing::warn!(
            "!!! --upstream-override is set: requests go to {upstream} instead of OSS. This is for tests only. !!!"
        );
    }
    let app = router(state.clone());
    let header_timeout = Duration::from_secs(state.config.header_timeout_secs);
    let max_age = Duration::from_secs(state.config.connection_max_age_secs);
    loop {
        let (stream, addr) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                tracing::warn!("accept failed: {error}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(Extension(ClientAddr(addr)).layer(app.clone()));
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .keep_alive(true);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            // Slow or stalled clients are cut off by the header and request timeouts; no connection,
            // however busy or idle, outlives the maximum age.
            let _ = tokio::time::timeout(max_age, connection).await;
        });
    }
}

impl ProxyState {
    pub(crate) fn origins_contains(&self, origin: &str) -> bool {
        self.origins.contains(origin)
    }

    pub(crate) fn region_allowed(&self, region: &str) -> bool {
        self.regions.contains(region)
    }

    pub(crate) fn limiter(&self) -> &DefaultKeyedRateLimiter<IpAddr> {
        &self.limiter
    }

    pub(crate) fn client(&self) -> &reqwest::Client {
        &self.client
    }

    pub(crate) fn streaming_client(&self) -> &reqwest::Client {
        &self.streaming_client
    }

    pub(crate) fn upstream(&self) -> &target::Upstream {
        &self.upstream
    }
}
