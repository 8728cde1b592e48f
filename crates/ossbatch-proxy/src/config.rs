//! Configuration by flags and environment variables (`ossbatch-proxy --help`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

#[derive(Parser, Debug, Clone)]
#[command(
    name = "ossbatch-proxy",
    version,
    about = "Forwards signed OSS Batch Operations requests from the ossbatch builder to OSS, and serves the builder.",
    long_about = "Forwards signed OSS Batch Operations requests (CreateJob: POST /oss/<region>/?batchJob) to \
https://oss-<region>.aliyuncs.com, for regions on an allow-list only, and a job's own object calls (listing and reading \
its report, checking objects, uploading a retry manifest: /oss/<region>/b/<bucket>/<key>) to \
https://<bucket>.oss-<region>.aliyuncs.com for valid bucket names only. The client never names a host, URL or port. \
Only the signed headers are forwarded; unsigned object requests are refused; secrets never reach the proxy (requests \
arrive signed). Also serves the built builder (--static-dir), so one command runs the whole builder."
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "OSSBATCH_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Directory of the built builder (Trunk's dist/) to serve at /.
    #[arg(long, env = "OSSBATCH_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,

    /// Origins allowed to call the proxy cross-origin (exact match, e.g. https://console.example.com);
    /// repeat or separate with commas. The proxy's own origin is always allowed.
    #[arg(
        long = "allowed-origin",
        env = "OSSBATCH_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    pub allowed_origins: Vec<String>,

    /// The origin browsers use to reach this proxy when it is not http://<listen> (behind a reverse proxy).
    #[arg(long, env = "OSSBATCH_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,

    /// Regions requests may go to; default: the regions where Batch Operations is offered.
    #[arg(
        long = "allowed-region",
        env = "OSSBATCH_ALLOWED_REGIONS",
        value_delimiter = ','
    )]
    pub allowed_regions: Vec<String>,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "OSSBATCH_BODY_LIMIT", default_value_t = 64 * 1024)]
    pub body_limit: usize,

    /// Largest answer accepted from OSS, in bytes (more is cut off with 502: a ListJobs page of 1000
    /// jobs is far smaller; anything bigger is not a job API answer and would only cost memory).
    #[arg(long, env = "OSSBATCH_UPSTREAM_BODY_LIMIT", default_value_t = 8 * 1024 * 1024)]
    pub upstream_body_limit: usize,

    /// Largest object a client may upload through the proxy (PUT of the retry manifest), in bytes;
    /// streamed to OSS, never held whole.
    #[arg(long, env = "OSSBATCH_PUT_BODY_LIMIT", default_value_t = 256 * 1024 * 1024)]
    pub put_body_limit: u64,

    /// Largest object answer (GET) passed back, in bytes: read larger reports in Range pieces.
    #[arg(long, env = "OSSBATCH_OBJECT_ANSWER_LIMIT", default_value_t = 16 * 1024 * 1024)]
    pub object_answer_limit: usize,

    /// Seconds a client has to send a request's headers.
    #[arg(long, env = "OSSBATCH_HEADER_TIMEOUT", default_value_t = 10)]
    pub header_timeout_secs: u64,

    /// Seconds a client has to send the whole request (slow bodies are cut off with 408).
    #[arg(long, env = "OSSBATCH_REQUEST_TIMEOUT", default_value_t = 15)]
    pub request_timeout_secs: u64,

    /// Seconds to wait for OSS before answering 504.
    #[arg(long, env = "OSSBATCH_UPSTREAM_TIMEOUT", default_value_t = 30)]
    pub upstream_timeout_secs: u64,

    /// Seconds any one connection may stay open, keep-alive included; then it is closed.
    #[arg(long, env = "OSSBATCH_CONNECTION_MAX_AGE", default_value_t = 300)]
    pub connection_max_age_secs: u64,

    /// Requests per minute one client IP may send to /oss/ (then 429 with Retry-After).
    #[arg(long, env = "OSSBATCH_RATE_LIMIT", default_value_t = 120)]
    pub rate_limit_per_minute: u32,

    /// Burst of requests one client IP may send at once.
    #[arg(long, env = "OSSBATCH_RATE_BURST", default_value_t = 20)]
    pub rate_burst: u32,

    /// Requests forwarded at the same time (more are refused with 503).
    #[arg(long, env = "OSSBATCH_MAX_CONCURRENCY", default_value_t = 256)]
    pub max_concurrency: usize,

    /// FOR TESTS ONLY: send requests to this base URL (e.g. http://127.0.0.1:9000) instead of
    /// https://oss-<region>.aliyuncs.com. Logged loudly at startup and on every request.
    #[arg(long, env = "OSSBATCH_UPSTREAM_OVERRIDE")]
    pub upstream_override: Option<String>,
}

impl Config {
    pub fn regions(&self) -> Vec<String> {
        if self.allowed_regions.is_empty() {
            ossbatch_core::regions::batch_operations_region_ids()
                .map(str::to_string)
                .collect()
        } else {
            self.allowed_regions
                .iter()
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect()
        }
    }

    /// Every origin allowed: the configured ones plus the proxy's own.
    pub fn origins(&self) -> Vec<String> {
        let mut origins: Vec<String> = self
            .allowed_origins
            .iter()
            .map(|o| o.trim().trim_end_matches('/').to_string())
            .filter(|o| !o.is_empty())
            .collect();
        if let Some(public) = &self.public_origin {
            origins.push(public.trim_end_matches('/').to_string());
        }
        let port = self.listen.port();
        origins.push(format!("http://{}", self.listen));
        if self.listen.ip().is_loopback() || self.listen.ip().is_unspecified() {
            origins.push(format!("http://localhost:{port}"));
            origins.push(format!("http://127.0.0.1:{port}"));
        }
        origins.sort();
        origins.dedup();
        origins
    }

    pub fn upstream_timeout(&self) -> Duration {
        Duration::from_secs(self.upstream_timeout_secs)
    }
}
