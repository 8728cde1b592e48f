//! The probes of issue #28, run after the fault table: the proxy's confinement (escapes from the
//! listed calls, each refused by the proxy itself, none reaching the upstream), the request-timeout
//! race (bodies ending around the deadline: 200 or the proxy's own 408, never a bare one), and a
//! long upload (64 MiB at 2 MB/s through a proxy whose upstream timeout is 2 s: it completes).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::{connect, REQUEST_TIMEOUT, SIGNED};

/// Requests for the bucket `confine-bucket` or a key naming `confine` that reached the upstream:
/// every one of them the proxy had to refuse.
pub static CONFINEMENT_LEAKS: AtomicUsize = AtomicUsize::new(0);

/// Sends `request` and returns the whole answer (status line, headers, body).
async fn whole_answer(proxy: SocketAddr, last_octet: u8, request: &[u8]) -> String {
    let Ok(mut stream) = connect(proxy, last_octet).await else {
        return "connect failed".into();
    };
    if stream.write_all(request).await.is_err() {
        return "closed".into();
    }
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).to_string()
}

fn marked(answer: &str) -> bool {
    answer
        .to_ascii_lowercase()
        .contains("\r\nx-ossbatch-proxy-error: 1\r\n")
}

/// Each escape class; `Err` lists the probes not refused by the proxy's own answer.
pub async fn confinement(proxy: SocketAddr) -> Result<usize, Vec<String>> {
    let object = "/oss/cn-hangzhou/b/confine-bucket";
    let signed_get = |path: &str| format!("GET {path} HTTP/1.1\r\nHost: p\r\n{SIGNED}");
    let mut probes = vec![
        signed_get(&format!("{object}/k/.%2e")),
        signed_get(&format!("{object}/k/%2e.?acl")),
        format!("PUT {object}/k/.%2E HTTP/1.1\r\nHost: p\r\n{SIGNED}Content-Length: 0\r\n"),
        signed_get(&format!("{object}/reports/.%2e/.%2e/confine.csv")),
        signed_get(&format!("{object}/k%5C..%5Cconfine")),
        signed_get(&format!("{object}/k%00confine")),
        signed_get(&format!("{object}/a%2F..%2F..%2Fconfine")),
        format!("PUT {object}/k.csv HTTP/1.1\r\nHost: p\r\n{SIGNED}x-oss-copy-source: /other/secret\r\nContent-Length: 0\r\n"),
        format!("GET {object}/k.jpg HTTP/1.1\r\nHost: p\r\n{SIGNED}x-oss-process: image/info\r\n"),
    ];
    for authorization in ["Basic dXNlcjpwYXNz", "Bearer abc", ""] {
        probes.push(format!(
            "GET {object}/k.csv HTTP/1.1\r\nHost: p\r\nAuthorization: {authorization}\r\n"
        ));
        probes.push(format!(
            "GET /oss/cn-hangzhou/?batchJob&batchJobId=confine HTTP/1.1\r\nHost: p\r\nAuthorization: {authorization}\r\n"
        ));
    }
    let mut failures = Vec::new();
    for probe in &probes {
        let request = format!("{probe}Connection: close\r\n\r\n");
        let answer = whole_answer(proxy, 41, request.as_bytes()).await;
        let refused = answer.starts_with("HTTP/1.1 4") && marked(&answer);
        if !refused {
            failures.push(format!(
                "{} -> {}",
                probe.lines().next().unwrap_or(""),
                answer.lines().next().unwrap_or("no answer")
            ));
        }
    }
    if failures.is_empty() {
        Ok(probes.len())
    } else {
        Err(failures)
    }
}

/// `count` job POSTs whose last body byte arrives from 300 ms before to 300 ms after the request
/// timeout, 20 at a time from their own addresses. Returns (200s, the proxy's 408s, anything else).
pub async fn timeout_race(proxy: SocketAddr, count: usize) -> (usize, usize, Vec<String>) {
    let timeout_ms = REQUEST_TIMEOUT as i64 * 1000;
    let (mut ok, mut refused, mut other) = (0, 0, Vec::new());
    for batch in 0..count.div_ceil(20) {
        let sends = (0..20).filter(|i| batch * 20 + i < count).map(|i| async move {
            let n = batch * 20 + i;
            let offset_ms = (n as i64 * 37) % 600 - 300;
            let last_byte_at = Duration::from_millis((timeout_ms + offset_ms) as u64);
            let body = "<CreateJobRequest/>";
            let head = format!(
                "POST /oss/cn-hangzhou/?batchJob HTTP/1.1\r\nHost: p\r\n{SIGNED}Content-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let Ok(mut stream) = connect(proxy, 150 + i as u8).await else {
                return "connect failed".to_string();
            };
            let started = Instant::now();
            let (first, last) = body.split_at(body.len() - 1);
            if stream.write_all(head.as_bytes()).await.is_err()
                || stream.write_all(first.as_bytes()).await.is_err()
            {
                return "closed".into();
            }
            tokio::time::sleep(last_byte_at.saturating_sub(started.elapsed())).await;
            let _ = stream.write_all(last.as_bytes()).await;
            let mut answer = Vec::new();
            let _ = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer))
                .await;
            String::from_utf8_lossy(&answer).to_string()
        });
        for answer in futures_util::future::join_all(sends).await {
            if answer.starts_with("HTTP/1.1 200") {
                ok += 1;
            } else if answer.starts_with("HTTP/1.1 408") && marked(&answer) {
                refused += 1;
            } else {
                other.push(answer.lines().next().unwrap_or("no answer").to_string());
            }
        }
    }
    (ok, refused, other)
}

/// A `megabytes` MiB PutObject sent at `rate` bytes a second in 64 KiB pieces; the status line and
/// the time it took.
pub async fn slow_upload(proxy: SocketAddr, megabytes: usize, rate: usize) -> (String, Duration) {
    let length = megabytes * 1024 * 1024;
    let head = format!(
        "PUT /oss/cn-hangzhou/b/manifest-bucket/slow-upload HTTP/1.1\r\nHost: p\r\n{SIGNED}Content-Length: {length}\r\nConnection: close\r\n\r\n"
    );
    let started = Instant::now();
    let Ok(mut stream) = connect(proxy, 60).await else {
        return ("connect failed".into(), started.elapsed());
    };
    if stream.write_all(head.as_bytes()).await.is_err() {
        return ("closed".into(), started.elapsed());
    }
    let piece = vec![b'm'; 64 * 1024];
    let mut sent = 0;
    while sent < length {
        let due = Duration::from_secs_f64(sent as f64 / rate as f64);
        tokio::time::sleep(due.saturating_sub(started.elapsed())).await;
        let n = piece.len().min(length - sent);
        if stream.write_all(&piece[..n]).await.is_err() {
            break;
        }
        sent += n;
    }
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer).to_string();
    (
        answer.lines().next().unwrap_or("no answer").to_string(),
        started.elapsed(),
    )
}

/// Counts a request the upstream received that the confinement probes aimed at.
pub fn note_upstream_target(target: &str) {
    if target.contains("confine") {
        CONFINEMENT_LEAKS.fetch_add(1, Ordering::Relaxed);
    }
}

pub fn leaks() -> usize {
    CONFINEMENT_LEAKS.load(Ordering::Relaxed)
}
