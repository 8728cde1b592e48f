//! The proxy under faults, on loopback only: an upstream stand-in that misbehaves on purpose (slow,
//! never answering, dropping mid-body, resetting, sending garbage or oversized answers) and clients
//! that misbehave (stalling, disconnecting mid-request, oversized bodies, floods, bursts over the
//! concurrency limit). Each fault is first run alone, then all but the burst run together for a while
//! beside a well-behaved client, sampling the proxy's memory.
//!
//!   cargo build --release -p ossbatch-proxy --examples
//!   target/release/examples/faults [MIX_SECONDS]      (default 60; scripts/test.sh runs 5)
//!
//! Prints a table (fault, expected status, observed, p99, slowest) and the proxy's peak RSS, and exits
//! 1 if any answer differs from the expected one, the well-behaved client was ever refused, or any
//! answer came later than its timeout allows (with seconds of slack: a hang, not a slow machine).
//! The upstream tells the faults apart by the `batchJobId` of a DescribeJob request, which the proxy
//! forwards unchanged. Each client kind sends from its own 127.0.0.x address, so the per-IP rate limit
//! refuses only the flood.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};

mod probes;
#[path = "../support/mod.rs"]
mod support;
use support::{memory_kib, start_proxy};

/// The proxy's timeouts in this run (seconds): short, so that a run takes seconds, not minutes.
const HEADER_TIMEOUT: u64 = 1;
pub(crate) const REQUEST_TIMEOUT: u64 = 1;
const UPSTREAM_TIMEOUT: u64 = 2;
const MAX_CONCURRENCY: usize = 32;
const BODY_LIMIT: usize = 64 * 1024;
const UPSTREAM_BODY_LIMIT: usize = 1024 * 1024;
/// Added to a timeout before an answer counts as a hang. Generous on purpose: the run must pass on a
/// slow, loaded machine; a proxy that hangs stays far beyond it.
const SLACK: Duration = Duration::from_secs(5);

/// POSTs that reached the upstream. Only the stalling, disconnecting and oversized clients send POSTs,
/// and none of them may be forwarded.
static FORWARDED_POSTS: AtomicUsize = AtomicUsize::new(0);
/// Object calls that reached the upstream, and those among them the proxy must have refused (a
/// DELETE, a `?restore`, a bucket that is no bucket name: all ask for the key `never-forwarded`).
static OBJECT_CALLS: AtomicUsize = AtomicUsize::new(0);
static FORWARDED_REFUSED: AtomicUsize = AtomicUsize::new(0);
/// The proxy's limits for the object routes in this run.
const PUT_BODY_LIMIT: usize = 128 * 1024;
const OBJECT_ANSWER_LIMIT: usize = 256 * 1024;

const RESULT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeJobResult><Job><JobId>ok</JobId></Job></DescribeJobResult>";

// ---------------------------------------------------------------------------------------------------
// The misbehaving upstream.

async fn upstream(listener: TcpListener) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(answer(stream));
    }
}

/// Reads one request (headers and Content-Length body) and returns the fault it names.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 4096];
    let header_end = loop {
        let read = stream.read(&mut buffer).await.ok()?;
        if read == 0 || data.len() > 64 * 1024 {
            return None;
        }
        data.extend_from_slice(&buffer[..read]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..header_end]).to_string();
    if head.starts_with("POST ") {
        FORWARDED_POSTS.fetch_add(1, Ordering::Relaxed);
    }
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = data.len() - header_end;
    while body < length {
        let read = stream.read(&mut buffer).await.ok()?;
        if read == 0 {
            return None;
        }
        body += read;
    }
    let target = head.split_whitespace().nth(1)?;
    probes::note_upstream_target(target);
    if !target.starts_with("/?") {
        // An object call (`/<bucket>/<key>`): the key names the fault. None may reach here that
        // the proxy should have refused.
        OBJECT_CALLS.fetch_add(1, Ordering::Relaxed);
        let key = target.split('?').next()?.rsplit('/').next()?;
        if key == "never-forwarded" {
            FORWARDED_REFUSED.fetch_add(1, Ordering::Relaxed);
        }
        return Some(key.to_string());
    }
    // A CreateJob (the timeout race's bodies) names no fault: answered as a well-behaved OSS.
    let fault = target
        .split("batchJobId=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap_or("ok");
    Some(fault.to_string())
}

async fn answer(mut stream: TcpStream) {
    let Some(fault) = read_request(&mut stream).await else {
        return;
    };
    let ok = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nx-oss-request-id: 5F2A0000\r\nConnection: close\r\n\r\n{RESULT}",
        RESULT.len()
    );
    match fault.as_str() {
        "slow" => {
            tokio::time::sleep(Duration::from_secs(UPSTREAM_TIMEOUT + 2)).await;
            let _ = stream.write_all(ok.as_bytes()).await;
        }
        "hold" => {
            // Slow enough that a burst fills every slot, well inside the upstream timeout.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let _ = stream.write_all(ok.as_bytes()).await;
        }
        "never" | "sink" => {
            // Keeps the connection open, answering nothing, until the proxy gives up on it.
            let mut sink = [0u8; 1024];
            while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
        }
        "drop" => {
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 1000\r\n\r\n";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&RESULT.as_bytes()[..40]).await;
            // Dropped here, 960 bytes short.
        }
        "reset" => {
            // SO_LINGER 0: closing sends a TCP reset instead of an orderly FIN (and does not block,
            // which is what the deprecation warns about for non-zero lingers).
            #[allow(deprecated)]
            let _ = stream.set_linger(Some(Duration::ZERO));
        }
        "garbage" => {
            let _ = stream
                .write_all(b"\x16\x03\x01\x02\x00SSH-2.0-not-http\r\n\xff\xfe garbage\r\n\r\n")
                .await;
        }
        "oversized" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 104857600\r\n\r\n";
            let _ = stream.write_all(head.as_bytes()).await;
            let chunk = vec![b'x'; 64 * 1024];
            for _ in 0..1600 {
                if stream.write_all(&chunk).await.is_err() {
                    break;
                }
            }
        }
        "oversized-chunked" => {
            // No length announced: the limit must be enforced while reading.
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n";
            let _ = stream.write_all(head.as_bytes()).await;
            let mut chunk = format!("{:x}\r\n", 64 * 1024).into_bytes();
            chunk.extend(std::iter::repeat_n(b'x', 64 * 1024));
            chunk.extend_from_slice(b"\r\n");
            for _ in 0..1600 {
                if stream.write_all(&chunk).await.is_err() {
                    break;
                }
            }
        }
        "slow-body" => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n\r\n",
                RESULT.len()
            );
            let _ = stream.write_all(head.as_bytes()).await;
            for byte in RESULT.as_bytes() {
                if stream.write_all(&[*byte]).await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        _ => {
            let _ = stream.write_all(ok.as_bytes()).await;
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Clients. Each answer is its status ("closed" when the connection ended without one) and its time.

#[derive(Clone, Copy)]
struct Fault {
    name: &'static str,
    /// What the proxy must answer.
    expected: &'static str,
    /// How long the proxy may take before the answer counts as a hang.
    deadline: Duration,
    /// This kind's source address: 127.0.0.<last>.
    last_octet: u8,
    /// Runs in the mixed phase (the burst does not: it would make everyone else's 503 expected).
    in_mix: bool,
}

fn faults() -> Vec<Fault> {
    let upstream = Duration::from_secs(UPSTREAM_TIMEOUT) + SLACK;
    let request = Duration::from_secs(REQUEST_TIMEOUT) + SLACK;
    let header = Duration::from_secs(HEADER_TIMEOUT) + SLACK;
    let fault = |name, expected, deadline, last_octet| Fault {
        name,
        expected,
        deadline,
        last_octet,
        in_mix: true,
    };
    vec![
        fault("well-behaved", "200", SLACK, 10),
        fault("upstream slow", "504", upstream, 11),
        fault("upstream never answers", "504", upstream, 12),
        fault("upstream drops mid-body", "502", SLACK, 13),
        fault("upstream resets", "502", SLACK, 14),
        fault("upstream sends garbage", "502", SLACK, 15),
        fault("upstream oversized (Content-Length)", "502", SLACK, 16),
        fault("upstream oversized (chunked)", "502", SLACK, 17),
        fault("upstream body trickles", "504", upstream, 18),
        fault("client stalls in headers", "closed", header, 19),
        fault("client stalls in body", "408", request, 20),
        fault("client disconnects mid-body", "closed", SLACK, 21),
        fault("client body over the limit", "413", SLACK, 22),
        fault("client floods", "429", SLACK, 23),
        // The object routes of issue #22 (/oss/<region>/b/<bucket>/<key>).
        fault("object: well-behaved GET", "200", SLACK, 30),
        fault("object: upstream never answers", "504", upstream, 31),
        fault("object: upstream drops mid-body", "502", SLACK, 32),
        fault("object: answer over the object limit", "502", SLACK, 33),
        fault("object: HEAD, upstream resets", "502", SLACK, 34),
        fault(
            "object: PUT over the PUT limit (declared)",
            "413",
            SLACK,
            35,
        ),
        fault("object: PUT over the PUT limit (chunked)", "413", SLACK, 36),
        fault("object: PUT stalls in body", "408", request, 37),
        fault(
            "object: refused routes (DELETE, ?restore, bad bucket)",
            "404",
            SLACK,
            38,
        ),
        fault("object: unsigned GET", "403", SLACK, 39),
        Fault {
            name: "burst over the concurrency limit",
            expected: "503",
            deadline: SLACK,
            last_octet: 0,
            in_mix: false,
        },
    ]
}

pub(crate) async fn connect(proxy: SocketAddr, last_octet: u8) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(
        IpAddr::V4(Ipv4Addr::new(127, 0, 0, last_octet)),
        0,
    ))?;
    socket.connect(proxy).await
}

/// Sends `request` (raw bytes), optionally stops after `send_only` bytes and waits or hangs up, and
/// reads the status line of the answer.
async fn exchange(proxy: SocketAddr, last_octet: u8, request: Vec<u8>, then: After) -> String {
    let Ok(mut stream) = connect(proxy, last_octet).await else {
        return "connect failed".into();
    };
    if stream.write_all(&request).await.is_err() {
        return "closed".into();
    }
    if matches!(then, After::HangUp) {
        return "closed".into();
    }
    let mut answer = Vec::new();
    let mut buffer = [0u8; 8192];
    // Reads until the status line is in (or the proxy closes); bounded by the caller's deadline.
    loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(read) => {
                answer.extend_from_slice(&buffer[..read]);
                if answer.windows(2).any(|w| w == b"\r\n") {
                    break;
                }
            }
        }
    }
    let text = String::from_utf8_lossy(&answer);
    match text.split_whitespace().nth(1) {
        Some(status) if text.starts_with("HTTP/1.1 ") => status.to_string(),
        _ if answer.is_empty() => "closed".into(),
        _ => format!("garbled: {}", text.chars().take(30).collect::<String>()),
    }
}

#[derive(Clone, Copy)]
enum After {
    Read,
    HangUp,
}

fn describe(fault: &str) -> Vec<u8> {
    format!(
        "GET /oss/cn-hangzhou/?batchJob&batchJobId={fault} HTTP/1.1\r\nHost: proxy\r\nAuthorization: OSS4-HMAC-SHA256 Credential=AKID/20251125/cn-hangzhou/oss/aliyun_v4_request,Signature=0\r\nx-oss-date: 20251125T053000Z\r\nConnection: close\r\n\r\n"
    )
    .into_bytes()
}

/// The signature headers of every signed request here (the proxy checks that they are there; OSS,
/// not the proxy, checks them).
pub(crate) const SIGNED: &str = "Authorization: OSS4-HMAC-SHA256 Credential=AKID/20251125/cn-hangzhou/oss/aliyun_v4_request,Signature=0\r\nx-oss-date: 20251125T053000Z\r\n";

/// One object call through `/oss/cn-hangzhou/b/<path>`, with `body` (a Content-Length when not empty).
async fn object(
    proxy: SocketAddr,
    fault: &Fault,
    method: &str,
    path: &str,
    body: &str,
    signed: bool,
) -> Vec<(String, Duration)> {
    let started = Instant::now();
    let signature = if signed { SIGNED } else { "" };
    let length = if body.is_empty() {
        String::new()
    } else {
        format!("Content-Length: {}\r\n", body.len())
    };
    let request = format!(
        "{method} /oss/cn-hangzhou/b/{path} HTTP/1.1\r\nHost: proxy\r\n{signature}{length}Connection: close\r\n\r\n{body}"
    );
    let status = exchange(proxy, fault.last_octet, request.into_bytes(), After::Read).await;
    vec![(status, started.elapsed())]
}

fn post_with_body(declared: usize, sent: usize) -> Vec<u8> {
    let mut request = format!(
        "POST /oss/cn-hangzhou/?batchJob HTTP/1.1\r\nHost: proxy\r\n{SIGNED}Content-Type: application/xml\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    request.extend(std::iter::repeat_n(b'x', sent));
    request
}

/// One attempt of a fault; the burst is several at once (from as many addresses, so that only the
/// concurrency limit can refuse them), reported one by one.
async fn attempt(proxy: SocketAddr, fault: &Fault) -> Vec<(String, Duration)> {
    let started = Instant::now();
    let single = |status: String| vec![(status, started.elapsed())];
    let upstream_fault = |id: &'static str| async move {
        single(exchange(proxy, fault.last_octet, describe(id), After::Read).await)
    };
    match fault.name {
        "well-behaved" => upstream_fault("ok").await,
        "upstream slow" => upstream_fault("slow").await,
        "upstream never answers" => upstream_fault("never").await,
        "upstream drops mid-body" => upstream_fault("drop").await,
        "upstream resets" => upstream_fault("reset").await,
        "upstream sends garbage" => upstream_fault("garbage").await,
        "upstream oversized (Content-Length)" => upstream_fault("oversized").await,
        "upstream oversized (chunked)" => upstream_fault("oversized-chunked").await,
        "upstream body trickles" => upstream_fault("slow-body").await,
        "client stalls in headers" => {
            let partial = b"GET /oss/cn-hangzhou/?batchJob&batchJobId=ok HTTP/1.1\r\nHost: pr";
            single(exchange(proxy, fault.last_octet, partial.to_vec(), After::Read).await)
        }
        "client stalls in body" => single(
            exchange(
                proxy,
                fault.last_octet,
                post_with_body(1000, 10),
                After::Read,
            )
            .await,
        ),
        "client disconnects mid-body" => {
            let request = post_with_body(1000, 10);
            single(exchange(proxy, fault.last_octet, request, After::HangUp).await)
        }
        "client body over the limit" => {
            let request = post_with_body(BODY_LIMIT + 1, BODY_LIMIT + 1);
            single(exchange(proxy, fault.last_octet, request, After::Read).await)
        }
        "object: well-behaved GET" => object(proxy, fault, "GET", "data-bucket/ok", "", true).await,
        "object: upstream never answers" => {
            object(proxy, fault, "GET", "data-bucket/never", "", true).await
        }
        "object: upstream drops mid-body" => {
            object(proxy, fault, "GET", "data-bucket/drop", "", true).await
        }
        "object: answer over the object limit" => {
            object(proxy, fault, "GET", "data-bucket/oversized", "", true).await
        }
        "object: HEAD, upstream resets" => {
            object(proxy, fault, "HEAD", "data-bucket/reset", "", true).await
        }
        "object: PUT over the PUT limit (declared)" => {
            let body = "x".repeat(PUT_BODY_LIMIT + 1);
            object(
                proxy,
                fault,
                "PUT",
                "manifest-bucket/never-forwarded",
                &body,
                true,
            )
            .await
        }
        "object: PUT over the PUT limit (chunked)" => {
            // No length announced: the limit is enforced while the body streams through.
            let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
            let mut request = format!(
                "PUT /oss/cn-hangzhou/b/manifest-bucket/sink HTTP/1.1\r\nHost: proxy\r\n{SIGNED}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            );
            for _ in 0..3 {
                request.push_str(&chunk);
            }
            request.push_str("0\r\n\r\n");
            single(exchange(proxy, fault.last_octet, request.into_bytes(), After::Read).await)
        }
        "object: PUT stalls in body" => {
            let request = format!(
                "PUT /oss/cn-hangzhou/b/manifest-bucket/sink HTTP/1.1\r\nHost: proxy\r\n{SIGNED}Content-Length: 1000\r\nConnection: close\r\n\r\nxxxxxxxxxx"
            );
            single(exchange(proxy, fault.last_octet, request.into_bytes(), After::Read).await)
        }
        "object: refused routes (DELETE, ?restore, bad bucket)" => {
            let mut statuses = Vec::new();
            for (method, path) in [
                ("DELETE", "data-bucket/never-forwarded"),
                ("POST", "data-bucket/never-forwarded?restore"),
                ("GET", "Bad_Bucket/never-forwarded"),
                ("GET", "evil.com%2F/never-forwarded"),
                ("PUT", "data-bucket/never-forwarded?acl"),
            ] {
                statuses.extend(object(proxy, fault, method, path, "", true).await);
            }
            let all_404 = statuses.iter().all(|(s, _)| s == "404");
            let slowest = statuses.iter().map(|(_, t)| *t).max().unwrap_or_default();
            let status = if all_404 {
                "404".to_string()
            } else {
                format!("{:?}", statuses.iter().map(|(s, _)| s).collect::<Vec<_>>())
            };
            vec![(status, slowest)]
        }
        "object: unsigned GET" => object(proxy, fault, "GET", "data-bucket/ok", "", false).await,
        "client floods" => {
            // Past the burst allowance at once; the 429s are what this kind is about.
            let sends =
                (0..40).map(|_| exchange(proxy, fault.last_octet, describe("ok"), After::Read));
            let statuses = futures_join_all(sends).await;
            let status = if statuses.iter().any(|s| s == "429") {
                "429".to_string()
            } else {
                format!("no 429 in {statuses:?}")
            };
            single(status)
        }
        "burst over the concurrency limit" => {
            let sends = (0..(MAX_CONCURRENCY as u8 * 3)).map(|i| async move {
                let started = Instant::now();
                let status = exchange(proxy, 100 + i, describe("hold"), After::Read).await;
                (status, started.elapsed())
            });
            let answers = futures_join_all(sends).await;
            let refused = answers.iter().filter(|(s, _)| s == "503").count();
            let served = answers.iter().filter(|(s, _)| s == "200").count();
            // Exactly the overflow is refused, the rest served; reported as one line.
            let status = if refused > 0 && served > 0 && refused + served == answers.len() {
                "503".to_string()
            } else {
                format!("{served} served, {refused} refused of {}", answers.len())
            };
            let slowest = answers.iter().map(|(_, t)| *t).max().unwrap_or_default();
            vec![(status, slowest)]
        }
        other => panic!("unknown fault {other}"),
    }
}

async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.expect("a client task"));
    }
    out
}

// ---------------------------------------------------------------------------------------------------
// The run.

#[derive(Default)]
struct Tally {
    statuses: BTreeMap<String, usize>,
    times: Vec<Duration>,
    late: usize,
}

fn start(upstream: SocketAddr, put_body_limit: usize) -> (std::process::Child, SocketAddr) {
    let flag = |name: &str, value: String| [name.to_string(), value];
    let args: Vec<String> = [
        flag("--upstream-override", format!("http://{upstream}")),
        flag("--header-timeout-secs", HEADER_TIMEOUT.to_string()),
        flag("--request-timeout-secs", REQUEST_TIMEOUT.to_string()),
        flag("--upstream-timeout-secs", UPSTREAM_TIMEOUT.to_string()),
        flag("--max-concurrency", MAX_CONCURRENCY.to_string()),
        flag("--body-limit", BODY_LIMIT.to_string()),
        flag("--upstream-body-limit", UPSTREAM_BODY_LIMIT.to_string()),
        flag("--put-body-limit", put_body_limit.to_string()),
        flag("--object-answer-limit", OBJECT_ANSWER_LIMIT.to_string()),
        // 10 a second per address with a burst of 20: every kind but the flood stays under it.
        flag("--rate-limit-per-minute", "600".into()),
        flag("--rate-burst", "20".into()),
    ]
    .concat();
    start_proxy(&args)
}

#[tokio::main]
async fn main() {
    let mix_seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(60);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream_addr = listener.local_addr().unwrap();
    tokio::spawn(upstream(listener));
    let (mut child, proxy) = start(upstream_addr, PUT_BODY_LIMIT);
    let pid = child.id();
    let tallies: Arc<Mutex<BTreeMap<&'static str, Tally>>> = Arc::default();
    let record = |tallies: &Arc<Mutex<BTreeMap<&'static str, Tally>>>,
                  fault: &Fault,
                  answers: Vec<(String, Duration)>| {
        let mut tallies = tallies.lock().unwrap();
        let tally = tallies.entry(fault.name).or_default();
        for (status, time) in answers {
            *tally.statuses.entry(status).or_default() += 1;
            if time > fault.deadline {
                tally.late += 1;
            }
            tally.times.push(time);
        }
    };

    // Phase 1: each fault alone, a few times.
    for fault in faults() {
        for _ in 0..3 {
            let answers = tokio::time::timeout(fault.deadline + SLACK, attempt(proxy, &fault))
                .await
                .unwrap_or_else(|_| vec![("no answer (hang)".into(), fault.deadline + SLACK)]);
            record(&tallies, &fault, answers);
        }
    }
    let rss_before_mix = memory_kib(pid, "VmRSS:").unwrap_or(0);

    // Phase 2: every fault but the burst at once, each in a loop, for mix_seconds.
    let stop = Arc::new(AtomicBool::new(false));
    let mut loops = Vec::new();
    for fault in faults().into_iter().filter(|f| f.in_mix) {
        let (stop, tallies) = (stop.clone(), tallies.clone());
        loops.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let answers = tokio::time::timeout(fault.deadline + SLACK, attempt(proxy, &fault))
                    .await
                    .unwrap_or_else(|_| vec![("no answer (hang)".into(), fault.deadline + SLACK)]);
                record(&tallies, &fault, answers);
                // Under the rate limit for every kind but the flood, which refills its burst.
                // The refused routes send five requests an attempt: paced to stay under it too.
                let pause = match fault.name {
                    "client floods" => 4000,
                    "object: refused routes (DELETE, ?restore, bad bucket)" => 1000,
                    _ => 150,
                };
                tokio::time::sleep(Duration::from_millis(pause)).await;
            }
        }));
    }
    let mut rss_samples = Vec::new();
    let mix_started = Instant::now();
    while mix_started.elapsed() < Duration::from_secs(mix_seconds) {
        tokio::time::sleep(Duration::from_millis(250)).await;
        rss_samples.push(memory_kib(pid, "VmRSS:").unwrap_or(0));
    }
    stop.store(true, Ordering::Relaxed);
    for handle in loops {
        let _ = handle.await;
    }
    // The race probe's POSTs are whole and forwarded: count the stalled ones before it runs.
    let forwarded = FORWARDED_POSTS.load(Ordering::Relaxed);
    // Phase 3: the probes of issue #28, on the same proxy (the long upload on one of its own, with a
    // PUT limit above 64 MiB).
    let confinement = probes::confinement(proxy).await;
    let (race_ok, race_refused, race_other) = probes::timeout_race(proxy, 200).await;
    let (mut upload_child, upload_proxy) = start(upstream_addr, 80 * 1024 * 1024);
    let (upload_status, upload_time) = probes::slow_upload(upload_proxy, 64, 2_000_000).await;
    let _ = upload_child.kill();
    let _ = upload_child.wait();

    let peak = memory_kib(pid, "VmHWM:").unwrap_or(0);
    let rss_after = memory_kib(pid, "VmRSS:").unwrap_or(0);
    let alive = child.try_wait().ok().flatten().is_none();
    let _ = child.kill();
    let _ = child.wait();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut failed = !alive;
    println!("| fault | expected | observed | answers | p99 | slowest |");
    println!("|---|---|---|---:|---:|---:|");
    let tallies = tallies.lock().unwrap();
    for fault in faults() {
        let Some(tally) = tallies.get(fault.name) else {
            continue;
        };
        let mut times = tally.times.clone();
        times.sort();
        let p99 = times[((times.len() as f64 * 0.99) as usize).min(times.len() - 1)];
        let observed: Vec<String> = tally
            .statuses
            .iter()
            .map(|(status, count)| format!("{status} ×{count}"))
            .collect();
        let wrong = tally.statuses.keys().any(|s| s != fault.expected) || tally.late > 0;
        failed |= wrong;
        println!(
            "| {} | {} | {}{} | {} | {:.0} ms | {:.0} ms |",
            fault.name,
            fault.expected,
            observed.join(", "),
            if tally.late > 0 {
                format!(" ({} late)", tally.late)
            } else {
                String::new()
            },
            times.len(),
            ms(p99),
            ms(*times.last().unwrap()),
        );
    }
    let mib = |kib: u64| kib as f64 / 1024.0;
    let quarter = rss_samples.len() / 4;
    let first = rss_samples[..quarter.max(1)]
        .iter()
        .copied()
        .max()
        .unwrap_or(0);
    let last = rss_samples[rss_samples.len() - quarter.max(1)..]
        .iter()
        .copied()
        .max()
        .unwrap_or(0);
    println!();
    println!(
        "proxy memory: peak RSS (VmHWM) {:.1} MiB; RSS {:.1} MiB before the {mix_seconds} s mix, max {:.1} MiB in its first quarter, max {:.1} MiB in its last quarter, {:.1} MiB after; proxy {}",
        mib(peak),
        mib(rss_before_mix),
        mib(first),
        mib(last),
        mib(rss_after),
        if alive { "still running" } else { "DIED" }
    );
    println!("incomplete, stalled or oversized requests forwarded to the upstream: {forwarded}");
    failed |= forwarded > 0;
    let refused_forwarded = FORWARDED_REFUSED.load(Ordering::Relaxed);
    println!(
        "object calls that reached the upstream: {}, of them ones the proxy must refuse: {refused_forwarded}",
        OBJECT_CALLS.load(Ordering::Relaxed)
    );
    failed |= refused_forwarded > 0 || OBJECT_CALLS.load(Ordering::Relaxed) == 0;
    match &confinement {
        Ok(count) => {
            println!("confinement: {count} escape probes, each refused by the proxy's own answer")
        }
        Err(failures) => println!("confinement: NOT REFUSED: {failures:?}"),
    }
    let leaks = probes::leaks();
    println!("confinement probes that reached the upstream: {leaks}");
    failed |= confinement.is_err() || leaks > 0;
    println!(
        "request-timeout race: 200 bodies ending within 300 ms of the deadline: {race_ok} forwarded (200), {race_refused} refused by the proxy (408 with its header), others: {race_other:?}"
    );
    failed |= !race_other.is_empty() || race_ok + race_refused != 200;
    println!(
        "long upload: 64 MiB PUT at 2 MB/s through a proxy with a {UPSTREAM_TIMEOUT} s upstream timeout: {upload_status} in {:.1} s",
        upload_time.as_secs_f64()
    );
    failed |= !upload_status.starts_with("HTTP/1.1 200");
    if failed {
        println!(
            "FAILED: an answer differs from the expected one, came too late, a bad request was forwarded, or the proxy died"
        );
        std::process::exit(1);
    }
}
