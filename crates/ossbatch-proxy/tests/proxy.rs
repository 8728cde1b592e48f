//! The proxy against a recording stand-in upstream on loopback: what is forwarded, exactly, and that
//! every refused request (other hosts, odd regions, bad methods, huge bodies, slow clients, foreign
//! origins, floods) is refused with the right status while the upstream sees nothing.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use axum::routing::any;
use axum::Router;
use clap::Parser;
use ossbatch_proxy::{serve, Config, ProxyState};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ORIGIN: &str = "https://console.example.com";

#[derive(Clone, Debug)]
struct Seen {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Seen>>>);

impl Recorder {
    fn count(&self) -> usize {
        self.0.lock().unwrap().len()
    }
    fn last(&self) -> Seen {
        self.0
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("a request reached the upstream")
    }
}

/// A stand-in OSS that records requests and answers like CreateJob does.
async fn upstream(delay: Duration) -> (SocketAddr, Recorder) {
    let recorder = Recorder::default();
    let seen = recorder.clone();
    let app = Router::new().fallback(any(move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
        let seen = seen.clone();
        async move {
            seen.0.lock().unwrap().push(Seen { method, uri, headers, body });
            tokio::time::sleep(delay).await;
            (
                [
                    ("content-type", "application/xml"),
                    ("x-oss-request-id", "5F2A00000000000000000001"),
                    ("x-oss-ec", "0002-00000902"),
                    // What OSS sends a HEAD instead of a body: its <Error>, base64.
                    ("x-oss-err", "PEVycm9yLz4="),
                    ("set-cookie", "upstream=1"),
                    ("server", "AliyunOSS"),
                ],
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateJobResult><JobId>MzRjZGU2NGQ3YTY5NGRhMTkxZmZhYzY5OTM5YTcxYWU=</JobId></CreateJobResult>",
            )
        }
    }));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, recorder)
}

async fn proxy(upstream: SocketAddr, extra: &[&str]) -> SocketAddr {
    let override_url = format!("http://{upstream}");
    let mut args = vec![
        "ossbatch-proxy",
        "--listen",
        "127.0.0.1:0",
        "--allowed-origin",
        ORIGIN,
        "--upstream-override",
        &override_url,
        "--request-timeout-secs",
        "1",
        "--header-timeout-secs",
        "1",
    ];
    args.extend_from_slice(extra);
    let config = Config::try_parse_from(args).unwrap();
    let state = ProxyState::new(config).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, state));
    addr
}

fn signed_request(
    client: &reqwest::Client,
    proxy: SocketAddr,
    path: &str,
) -> reqwest::RequestBuilder {
    signed_request_from(client, proxy, path, ORIGIN)
}

fn signed_request_from(
    client: &reqwest::Client,
    proxy: SocketAddr,
    path: &str,
    origin: &str,
) -> reqwest::RequestBuilder {
    client
        .post(format!("http://{proxy}{path}"))
        .header("origin", origin)
        .header("authorization", "OSS4-HMAC-SHA256 Credential=AKID/20251125/cn-hangzhou/oss/aliyun_v4_request,Signature=abc")
        .header("content-type", "application/xml")
        .header("content-md5", "zK9fUrst1S0MKr39uQ5Tgw==")
        .header("x-oss-date", "20251125T053000Z")
        .header("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
        .header("x-oss-security-token", "sts-token")
        .header("cookie", "session=secret")
        .header("x-forwarded-for", "10.0.0.1")
        .header("referer", "https://console.example.com/page")
        .body("<CreateJobRequest></CreateJobRequest>")
}

#[tokio::test]
async fn forwards_a_create_job_with_the_signed_headers_only() {
    let (upstream_addr, seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(upstream_addr, &[]).await;
    let client = reqwest::Client::new();
    let response = signed_request(&client, proxy, "/oss/cn-hangzhou/?batchJob")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["x-oss-request-id"],
        "5F2A00000000000000000001"
    );
    assert_eq!(response.headers()["access-control-allow-origin"], ORIGIN);
    let exposed = response.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(exposed.contains("x-oss-request-id"), "{exposed}");
    assert!(
        response.headers().get("set-cookie").is_none(),
        "upstream cookies are not passed back"
    );
    assert!(response.text().await.unwrap().contains("<JobId>MzRj"));

    let request = seen.last();
    assert_eq!(request.method, Method::POST);
    assert_eq!(request.uri.to_string(), "/?batchJob");
    assert_eq!(request.body, "<CreateJobRequest></CreateJobRequest>");
    for (name, value) in [
        ("authorization", "OSS4-HMAC-SHA256 Credential=AKID/20251125/cn-hangzhou/oss/aliyun_v4_request,Signature=abc"),
        ("content-type", "application/xml"),
        ("content-md5", "zK9fUrst1S0MKr39uQ5Tgw=="),
        ("x-oss-date", "20251125T053000Z"),
        ("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
        ("x-oss-security-token", "sts-token"),
    ] {
        assert_eq!(request.headers[name], value, "{name} is forwarded unchanged");
    }
    for name in ["cookie", "origin", "referer", "x-forwarded-for"] {
        assert!(
            request.headers.get(name).is_none(),
            "{name} must not be forwarded"
        );
    }
}

#[tokio::test]
async fn refuses_other_hosts_regions_and_paths_and_forwards_nothing() {
    let (upstream_addr, seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(upstream_addr, &[]).await;
    let client = reqwest::Client::new();
    for path in [
        "/oss/cn-hangzhou.evil.com/?batchJob",
        "/oss/evil.com/?batchJob",
        "/oss/127.0.0.1/?batchJob",
        "/oss/us-east-1/?batchJob",
        "/oss/oss-cn-hangzhou/?batchJob",
        "/oss/cn-hangzhou%2F..%2Fx/?batchJob",
        "/oss/cn-hangzhou/x?batchJob",
        "/oss/cn-hangzhou/?batchJob&x=1",
        "/oss/cn-hangzhou/?batchJobId=1",
        "/oss/cn-hangzhou/?batchJob&batchJobId=a&batchJobId=b",
        "/oss/cn-hangzhou/?batchJobStatus&batchJobId=a",
        "/oss/cn-hangzhou/?batchJobPriority&batchJobId=a&targetPriority=1&host=evil.com",
        "/oss/cn-hangzhou/",
        "/oss/?batchJob",
        "/oss/https:%2F%2Fevil.com/?batchJob",
        "/https://oss-cn-hangzhou.aliyuncs.com/?batchJob",
    ] {
        let response = signed_request(&client, proxy, path).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(response.headers()["x-ossbatch-proxy-error"], "1");
    }
    // Raw request lines a URL-taking proxy would follow: absolute-form targets and dot segments.
    for line in [
        "POST http://evil.com/?batchJob HTTP/1.1",
        "POST /oss/../oss/cn-hangzhou/?batchJob HTTP/1.1",
        "POST /oss/cn-hangzhou/../../?batchJob HTTP/1.1",
        "CONNECT evil.com:443 HTTP/1.1",
    ] {
        let answer = raw(
            proxy,
            &format!("{line}\r\nHost: evil.com\r\nContent-Length: 0\r\n\r\n"),
        )
        .await;
        let status = answer.split_whitespace().nth(1).unwrap_or("");
        assert!(
            status == "404" || status == "400" || status == "405",
            "{line} -> {answer}"
        );
    }
    assert_eq!(seen.count(), 0, "nothing may reach the upstream");
}

#[tokio::test]
async fn refuses_bad_methods_with_allow() {
    let (upstream_addr, seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(upstream_addr, &[]).await;
    let client = reqwest::Client::new();
    for method in [Method::PUT, Method::DELETE, Method::PATCH] {
        let response = client
            .request(
                method.clone(),
                format!("http://{proxy}/oss/cn-hangzhou/?batchJob"),
            )
            .header("origin", ORIGIN)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405, "{method}");
        assert_eq!(response.headers()["allow"], "POST, GET");
    }
    assert_eq!(seen.count(), 0);
}

#[tokio::test]
async fn refuses_huge_bodies() {
    let (upstream_addr, seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(upstream_addr, &[]).await;
    let client = reqwest::Client::new();
    let response = signed_request(&client, proxy, "/oss/cn-hangzhou/?batchJob")
        .body(vec![b'x'; 64 * 1024 + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let at_limit = signed_request(&client, proxy, "/oss/cn-hangzhou/?batchJob")
        .body(vec![b'x'; 64 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(at_limit.status(), 200);
    assert_eq!(
        seen.count(),
        1,
        "only the request within the limit was forwarded"
    );
}

async fn raw(proxy: SocketAddr, text: &str) -> String {
    let mut stream = TcpStream::connect(proxy).await.unwrap();
    stream.write_all(text.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer)).await;
    match read {
        Ok(Ok(n)) => String::from_utf8_lossy(&answer[..n]).into_owned(),
        _ => String::new(),
    }
}

#[tokio::test]
async fn cuts_off_slow_clients() {
    let (upstream_addr, seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(upstream_addr, &[]).await;
    // A body that never finishes: 408 after the request timeout (1 s here).
    let mut stream = TcpStream::connect(proxy).await.unwrap();
    let head = format!(
        "POST /oss/cn-hangzhou/?batchJob HTTP/1.1\r\nHost: x\r\nOrigin: {ORIGIN}\r\nAuthorization: OSS AKID:c2ln\r\nContent-Length: 100\r\n\r\n<Create"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    let mut answer = vec![0u8; 2048];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .unwrap()
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]).to_string();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(4));
    // Headers that never finish: the connection is closed after the header timeout.
    let mut stream = TcpStream::connect(proxy).await.unwrap();
    stream
        .write_all(b"POST /oss/cn-hangzhou/?batchJob HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let mut buffer = [0u8; 512];
    let closed = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer)).await;
    assert!(
        matches!(closed, Ok(Ok(_)) | Ok(Err(_))),
        "the slow connection is closed within the timeout"
    );
    assert_eq!(seen.count(), 0);
}

#[tokio::test]
async fn refuses_disallowed_origins_and_answers_preflight() {
    let (upstream_addr, seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(upstream_addr, &[]).await;
    let client = reqwest::Client::new();
    for origin in [
        "https://evil.example",
        "https://console.example.com.evil.example",
        "null",
        "http://console.example.com",
    ] {
        let response = signed_request_from(&client, proxy, "/oss/cn-hangzhou/?batchJob", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{origin}");
        let preflight = client
            .request(
                Method::OPTIONS,
                format!("http://{proxy}/oss/cn-hangzhou/?batchJob"),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
            .await
            .unwrap();
        assert_eq!(preflight.status(), 403, "preflight from {origin}");
    }
    assert_eq!(seen.count(), 0);
    let preflight = client
        .request(Method::OPTIONS, format!("http://{proxy}/oss/cn-hangzhou/?batchJob"))
        .header("origin", ORIGIN)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "authorization,content-md5,content-type,x-oss-date,x-oss-content-sha256,x-oss-security-token")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(preflight.headers()["access-control-allow-origin"], ORIGIN);
    let allowed = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for name in [
        "authorization",
        "content-md5",
        "x-oss-date",
        "x-oss-security-token",
    ] {
        assert!(allowed.contains(name), "{name} in {allowed}");
    }
    assert_eq!(
        seen.count(),
        0,
        "a preflight is answered by the proxy itself"
    );
}

#[tokio::test]
async fn rate_limits_each_client_ip() {
    let (upstream_addr, seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(
        upstream_addr,
        &["--rate-limit-per-minute", "6", "--rate-burst", "3"],
    )
    .await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let response = signed_request(&client, proxy, "/oss/cn-hangzhou/?batchJob")
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
        if response.status() == 429 {
            let retry: u64 = response.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!((1..=60).contains(&retry), "{retry}");
        }
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    assert_eq!(seen.count(), 3);
}

#[tokio::test]
async fn forwards_for_all_fourteen_batch_operations_regions_by_default() {
    let (upstream_addr, seen) = upstream(Duration::ZERO).await;
    // A rate limit that cannot interfere with 14 requests in a row.
    let proxy = proxy(upstream_addr, &["--rate-burst", "100"]).await;
    let client = reqwest::Client::new();
    let regions: Vec<&str> = ossbatch_core::regions::batch_operations_region_ids().collect();
    assert_eq!(regions.len(), 14);
    for region in documented_regions() {
        assert!(regions.contains(&region), "{region}");
        let response = signed_request(&client, proxy, &format!("/oss/{region}/?batchJob"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{region}");
    }
    assert_eq!(seen.count(), 14);
    // Anything else is still refused, and nothing more is forwarded.
    for region in [
        "us-east-1",
        "cn-hangzhou-finance",
        "eu-central-2",
        "cn-hongkong.evil.com",
    ] {
        let response = signed_request(&client, proxy, &format!("/oss/{region}/?batchJob"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{region}");
    }
    assert_eq!(seen.count(), 14);
}

#[tokio::test]
async fn a_rate_limited_answer_is_recognisable_and_says_how_long_to_wait() {
    let (upstream_addr, _seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(
        upstream_addr,
        &["--rate-limit-per-minute", "1", "--rate-burst", "1"],
    )
    .await;
    let client = reqwest::Client::new();
    let first = signed_request(&client, proxy, "/oss/cn-hangzhou/?batchJob")
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 200);
    let limited = signed_request(&client, proxy, "/oss/cn-hangzhou/?batchJob")
        .send()
        .await
        .unwrap();
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["x-ossbatch-proxy-error"], "1");
    let exposed = limited.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        exposed.contains("retry-after") && exposed.contains("x-ossbatch-proxy-error"),
        "{exposed}"
    );
    let retry: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body = limited.text().await.unwrap();
    // The core reads it as the proxy's answer, never as a malformed OSS document.
    match ossbatch_core::api::response::parse_result_document(429, &body, "ListJobsResult") {
        Err(ossbatch_core::ResponseError::Proxy {
            status,
            message,
            retry_after_seconds,
        }) => {
            assert_eq!(status, 429);
            assert_eq!(retry_after_seconds, Some(retry));
            assert_eq!(message, format!("too many requests; retry in {retry} s"));
        }
        other => panic!("{other:?} from {body}"),
    }
}

#[tokio::test]
async fn upstream_failures_are_clear_proxy_errors() {
    // Nothing listens on this port.
    let closed = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let proxy_addr = proxy(closed, &[]).await;
    let client = reqwest::Client::new();
    let response = signed_request(&client, proxy_addr, "/oss/cn-hangzhou/?batchJob")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 502);
    assert_eq!(response.headers()["x-ossbatch-proxy-error"], "1");
    assert!(response.text().await.unwrap().contains("cannot reach OSS"));

    let (slow, _) = upstream(Duration::from_secs(3)).await;
    let proxy_addr = proxy(slow, &["--upstream-timeout-secs", "1"]).await;
    let response = signed_request(&client, proxy_addr, "/oss/cn-hangzhou/?batchJob")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 504);
}

#[tokio::test]
async fn serves_the_builder_and_health() {
    let dir = std::env::temp_dir().join(format!("ossbatch-proxy-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<main id=\"app\"></main>").unwrap();
    let (upstream_addr, _) = upstream(Duration::ZERO).await;
    let proxy = proxy(upstream_addr, &["--static-dir", dir.to_str().unwrap()]).await;
    let page = reqwest::get(format!("http://{proxy}/")).await.unwrap();
    assert_eq!(page.status(), 200);
    // The page runs only its own scripts and styles and cannot be framed.
    let policy = page.headers()["content-security-policy"].to_str().unwrap();
    for directive in [
        "script-src 'self' 'wasm-unsafe-eval';",
        "style-src 'self';",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    assert!(page.text().await.unwrap().contains("id=\"app\""));
    assert_eq!(
        reqwest::get(format!("http://{proxy}/healthz"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "ok"
    );
    assert_eq!(
        reqwest::get(format!("http://{proxy}/missing.js"))
            .await
            .unwrap()
            .status(),
        404
    );
}

#[test]
fn logs_never_contain_authorization_tokens_or_bodies() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (upstream_addr, _) = runtime.block_on(upstream(Duration::ZERO));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ossbatch-proxy"))
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--allowed-origin",
            ORIGIN,
        ])
        .args(["--upstream-override", &format!("http://{upstream_addr}")])
        .env("RUST_LOG", "trace")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut ready = false;
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            ready = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(ready, "the proxy started");
    let body = "<CreateJobRequest><Description>BODYSECRET</Description></CreateJobRequest>";
    let request = format!(
        "POST /oss/cn-hangzhou/?batchJob HTTP/1.1\r\nHost: x\r\nOrigin: {ORIGIN}\r\nAuthorization: OSS4-HMAC-SHA256 Credential=AKIDSECRET/x,Signature=SIGSECRET\r\nx-oss-security-token: TOKENSECRET\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let send = |request: &str| {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    };
    let answer = send(&request);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // ListJobs' continuation token and a job id travel in the query: the log has the path only.
    let listing = "GET /oss/cn-hangzhou/?batchJob&continuation-token=CONTINUATIONSECRET&max-keys=5 HTTP/1.1\r\nHost: x\r\nAuthorization: OSS4-HMAC-SHA256 Credential=AKIDSECRET/x,Signature=SIGSECRET\r\nConnection: close\r\n\r\n";
    assert!(send(listing).starts_with("HTTP/1.1 200"));
    let refused = "GET /oss/mars-1/?batchJob&batchJobId=JOBIDSECRET HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert!(send(refused).starts_with("HTTP/1.1 404"));
    std::thread::sleep(Duration::from_millis(200));
    child.kill().unwrap();
    let _ = child.wait();
    let mut logs = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    // TraceLayer's span and answer line, and one refusal line with its fields.
    assert!(
        logs.contains("method=POST path=/oss/cn-hangzhou/"),
        "{logs}"
    );
    assert!(logs.contains("status=200"), "{logs}");
    assert!(
        logs.contains("refused status=404 reason=\"region not allowed\""),
        "{logs}"
    );
    assert!(
        logs.contains("for tests only"),
        "the override is logged loudly: {logs}"
    );
    // And on every forwarded request (the README says so): the CreateJob and the listing.
    assert_eq!(
        logs.matches("upstream override in use (tests only)")
            .count(),
        2,
        "{logs}"
    );
    for secret in [
        "SIGSECRET",
        "AKIDSECRET",
        "TOKENSECRET",
        "BODYSECRET",
        "CONTINUATIONSECRET",
        "JOBIDSECRET",
    ] {
        assert!(
            !logs.contains(secret),
            "{secret} leaked into the logs:\n{logs}"
        );
    }
}

#[tokio::test]
async fn forwards_the_four_job_management_shapes_with_their_query_unchanged() {
    let (upstream_addr, seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(upstream_addr, &[]).await;
    let client = reqwest::Client::new();
    for (method, query) in [
        (Method::GET, "batchJob&batchJobId=MzRj%3D"),
        (Method::GET, "batchJob&batchJobStatuses=Active%7CSuspended&continuation-token=abc/def%2B%3D%3D&max-keys=50"),
        (Method::GET, "batchJob"),
        (Method::POST, "batchJobStatus&batchJobId=MzRj%3D&requestedJobStatus=Ready&statusUpdateReason=ok%20go"),
        (Method::POST, "batchJobPriority&batchJobId=MzRj%3D&targetPriority=7"),
    ] {
        let response = client
            .request(method.clone(), format!("http://{proxy}/oss/cn-hangzhou/?{query}"))
            .header("origin", ORIGIN)
            .header("authorization", "OSS4-HMAC-SHA256 Credential=AKID/x,Signature=0")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{method} {query}");
        let request = seen.last();
        assert_eq!(request.method, method);
        assert_eq!(request.uri.to_string(), format!("/?{query}"), "the query is forwarded byte for byte");
    }
    let wrong = client
        .get(format!(
            "http://{proxy}/oss/cn-hangzhou/?batchJobPriority&batchJobId=a&targetPriority=1"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 405);
    assert_eq!(seen.count(), 5);
}

/// The documented list, kept apart from the code under test (tests/fixtures/batch-operations-regions.txt).
fn documented_regions() -> Vec<&'static str> {
    include_str!("../../../tests/fixtures/batch-operations-regions.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

#[tokio::test]
async fn an_oversized_upstream_answer_is_refused_not_held() {
    let app = Router::new().fallback(any(|| async { "x".repeat(2 * 1024 * 1024) }));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let big = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let proxy_addr = proxy(big, &["--upstream-body-limit", "1048576"]).await;
    let client = reqwest::Client::new();
    let response = signed_request(&client, proxy_addr, "/oss/cn-hangzhou/?batchJob")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 502);
    assert_eq!(response.headers()["x-ossbatch-proxy-error"], "1");
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("over 1048576 bytes"));
}

/// The object calls after a job (issue #22): path-style to the override (the stand-in), the key as the
/// client encoded it, Range forwarded, the object headers returned; nothing else passes.
#[tokio::test]
async fn forwards_the_object_calls_of_a_job_and_refuses_every_other_object_request() {
    let (upstream, seen) = upstream(Duration::ZERO).await;
    let proxy = proxy(upstream, &["--put-body-limit", "1000"]).await;
    let client = reqwest::Client::new();
    let signed = |method: Method, path: &str| {
        client
            .request(method, format!("http://{proxy}{path}"))
            .header("origin", ORIGIN)
            .header("authorization", "OSS4-HMAC-SHA256 Credential=AKID/20251125/cn-hangzhou/oss/aliyun_v4_request,Signature=abc")
            .header("x-oss-date", "20251125T053000Z")
            .header("cookie", "session=secret")
    };
    for (method, path, expected) in [
        (
            Method::GET,
            "/oss/cn-hangzhou/b/report-bucket/?list-type=2&max-keys=100&prefix=reports/",
            "/report-bucket/?list-type=2&max-keys=100&prefix=reports/",
        ),
        (
            Method::GET,
            "/oss/cn-hangzhou/b/report-bucket/reports//job-a%3D/results/x%20y.csv",
            "/report-bucket/reports//job-a%3D/results/x%20y.csv",
        ),
        (
            Method::HEAD,
            "/oss/cn-hangzhou/b/data-bucket/a.jpg?versionId=v1",
            "/data-bucket/a.jpg?versionId=v1",
        ),
        (
            Method::GET,
            "/oss/cn-hangzhou/b/data-bucket/a.jpg?tagging",
            "/data-bucket/a.jpg?tagging",
        ),
        (
            Method::GET,
            "/oss/cn-hangzhou/b/data-bucket/a.jpg?acl",
            "/data-bucket/a.jpg?acl",
        ),
    ] {
        let before = seen.count();
        let answer = signed(method.clone(), path)
            .header("range", "bytes=0-9")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "{method} {path}");
        assert_eq!(answer.headers()["x-oss-err"], "PEVycm9yLz4=");
        assert_eq!(answer.headers()["x-oss-ec"], "0002-00000902");
        let exposed = answer.headers()["access-control-expose-headers"]
            .to_str()
            .unwrap()
            .to_ascii_lowercase();
        assert!(
            exposed.contains("x-oss-err") && exposed.contains("x-oss-ec"),
            "{exposed}"
        );
        assert_eq!(seen.count(), before + 1);
        let last = seen.last();
        assert_eq!(last.method, method);
        assert_eq!(last.uri.to_string(), expected);
        assert!(last.headers.get("cookie").is_none());
        assert_eq!(
            last.headers.get("range").map(|v| v.to_str().unwrap()),
            (method == Method::GET).then_some("bytes=0-9")
        );
    }
    let put = signed(
        Method::PUT,
        "/oss/cn-hangzhou/b/manifest-bucket/retries/job.csv",
    )
    .header("content-md5", "zK9fUrst1S0MKr39uQ5Tgw==")
    .body("b-1,k\n")
    .send()
    .await
    .unwrap();
    assert_eq!(put.status(), 200);
    assert_eq!(seen.last().body.as_ref(), b"b-1,k\n");
    assert_eq!(
        seen.last().headers["content-md5"],
        "zK9fUrst1S0MKr39uQ5Tgw=="
    );

    let before = seen.count();
    for (method, path, status) in [
        (
            Method::GET,
            "/oss/cn-hangzhou/b/report-bucket/?list-type=1",
            404,
        ),
        (Method::GET, "/oss/cn-hangzhou/b/report-bucket/?delete", 404),
        (Method::DELETE, "/oss/cn-hangzhou/b/data-bucket/a.jpg", 404),
        (
            Method::POST,
            "/oss/cn-hangzhou/b/data-bucket/a.jpg?restore",
            404,
        ),
        (Method::PUT, "/oss/cn-hangzhou/b/data-bucket/a.jpg?acl", 404),
        (Method::GET, "/oss/cn-hangzhou/b/Bad_Bucket/a.jpg", 404),
        (Method::GET, "/oss/cn-hangzhou/b/evil.com%2F/a.jpg", 404),
        (
            Method::GET,
            "/oss/cn-hangzhou/b/data-bucket/a/../../other",
            404,
        ),
        (Method::GET, "/oss/mars-1/b/data-bucket/a.jpg", 404),
        (Method::GET, "/oss/cn-hangzhou/b/data-bucket", 404),
    ] {
        let answer = signed(method.clone(), path).send().await.unwrap();
        assert_eq!(answer.status().as_u16(), status, "{method} {path}");
    }
    // Unsigned: never fetched on the proxy's own account.
    let unsigned = client
        .get(format!(
            "http://{proxy}/oss/cn-hangzhou/b/data-bucket/a.jpg"
        ))
        .header("origin", ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 403);
    // Over the PUT limit: declared, and streamed without a length.
    let declared = signed(Method::PUT, "/oss/cn-hangzhou/b/manifest-bucket/big.csv")
        .body(vec![b'x'; 2000])
        .send()
        .await
        .unwrap();
    assert_eq!(declared.status(), 413);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..10).map(|_| Ok(vec![b'y'; 300])).collect();
    let streamed = signed(Method::PUT, "/oss/cn-hangzhou/b/manifest-bucket/big.csv")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(streamed.status(), 413);
    // The streamed PUT was cut off mid-body: the upstream never got a whole request.
    assert_eq!(
        seen.count(),
        before,
        "a refused object request reached the upstream"
    );
}
