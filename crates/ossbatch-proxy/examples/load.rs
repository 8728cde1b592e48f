//! Loopback load run: a constant 500 requests/s of signed-looking CreateJob requests for 10 s, sent once
//! straight to a stand-in upstream and once through the proxy in front of it; prints requests per
//! second, p50/p99 latency of both, the latency the proxy adds, and the proxy's peak memory.
//!
//!   cargo build --release -p ossbatch-proxy --examples
//!   target/release/examples/load [rate] [seconds]
//!
//! Traffic goes to 127.0.0.1 only, and the run stops by itself.

use std::time::{Duration, Instant};

use axum::routing::any;
use axum::Router;

mod support;
use support::{memory_kib, start_proxy};

const BODY: &str = include_str!("../../../tests/fixtures/createjob-sample-request.xml");

async fn run(url: String, rate: u64, seconds: u64) -> (Vec<Duration>, usize) {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .unwrap();
    let total = rate * seconds;
    let interval = Duration::from_nanos(1_000_000_000 / rate);
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(total as usize);
    for i in 0..total {
        let due = start + interval * i as u32;
        tokio::time::sleep_until(due.into()).await;
        let (client, url) = (client.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let sent = Instant::now();
            let response = client
                .post(&url)
                .header("authorization", "OSS4-HMAC-SHA256 Credential=AKID/20251125/cn-hangzhou/oss/aliyun_v4_request,Signature=0")
                .header("content-type", "application/xml")
                .header("x-oss-date", "20251125T053000Z")
                .header("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
                .body(BODY)
                .send()
                .await;
            let ok = matches!(&response, Ok(r) if r.status().is_success());
            if let Ok(response) = response {
                let _ = response.bytes().await;
            }
            (sent.elapsed(), ok)
        }));
    }
    let mut latencies = Vec::with_capacity(tasks.len());
    let mut failures = 0;
    for task in tasks {
        let (latency, ok) = task.await.unwrap();
        if !ok {
            failures += 1;
        }
        latencies.push(latency);
    }
    latencies.sort();
    (latencies, failures)
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rate: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(500);
    let seconds: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10);

    let upstream = Router::new().fallback(any(|| async {
        ([("content-type", "application/xml"), ("x-oss-request-id", "5F2A00000000000000000001")],
         "<CreateJobResult><JobId>MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=</JobId></CreateJobResult>")
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream_addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, upstream).await.unwrap() });

    let args: Vec<String> = [
        "--upstream-override".to_string(),
        format!("http://{upstream_addr}"),
        "--rate-limit-per-minute".into(),
        "10000000".into(),
        "--rate-burst".into(),
        "100000".into(),
    ]
    .into();
    let (mut proxy, proxy_addr) = start_proxy(&args);
    let port = proxy_addr.port();

    let (direct, direct_failures) =
        run(format!("http://{upstream_addr}/?batchJob"), rate, seconds).await;
    let started = Instant::now();
    let (proxied, proxied_failures) = run(
        format!("http://127.0.0.1:{port}/oss/cn-hangzhou/?batchJob"),
        rate,
        seconds,
    )
    .await;
    let elapsed = started.elapsed();
    let memory = memory_kib(proxy.id(), "VmHWM:");
    let _ = proxy.kill();
    let _ = proxy.wait();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "rate {rate}/s for {seconds} s; {} requests each way",
        direct.len()
    );
    println!(
        "direct:  p50 {:.3} ms, p99 {:.3} ms, failures {direct_failures}",
        ms(percentile(&direct, 0.5)),
        ms(percentile(&direct, 0.99))
    );
    println!(
        "proxied: p50 {:.3} ms, p99 {:.3} ms, failures {proxied_failures}, achieved {:.0} req/s",
        ms(percentile(&proxied, 0.5)),
        ms(percentile(&proxied, 0.99)),
        proxied.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "added by the proxy: p50 {:.3} ms, p99 {:.3} ms",
        ms(percentile(&proxied, 0.5)) - ms(percentile(&direct, 0.5)),
        ms(percentile(&proxied, 0.99)) - ms(percentile(&direct, 0.99))
    );
    if let Some(kib) = memory {
        println!("proxy peak memory (VmHWM): {:.1} MiB", kib as f64 / 1024.0);
    }
}
