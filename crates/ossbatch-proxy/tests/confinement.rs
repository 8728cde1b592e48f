//! The proxy's confinement (issue #28), probed as an attacker would: raw requests over TCP (an HTTP
//! client would normalise the very paths under test), each refused by the proxy itself (its header
//! and JSON body) with nothing reaching the upstream; and the allowed calls still forwarded.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::routing::any;
use axum::Router;
use clap::Parser;
use ossbatch_proxy::{serve, Config, ProxyState};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const V4: &str =
    "OSS4-HMAC-SHA256 Credential=AKID/20251125/cn-hangzhou/oss/aliyun_v4_request,Signature=4f1c0d";

async fn start() -> (
    SocketAddr,
    Arc<AtomicUsize>,
    Arc<std::sync::Mutex<Vec<String>>>,
) {
    let count = Arc::new(AtomicUsize::new(0));
    let paths = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (seen, seen_paths) = (count.clone(), paths.clone());
    let app = Router::new().fallback(any(move |uri: axum::http::Uri| {
        let (seen, seen_paths) = (seen.clone(), seen_paths.clone());
        async move {
            seen.fetch_add(1, Ordering::SeqCst);
            seen_paths.lock().unwrap().push(uri.to_string());
            "<ok/>"
        }
    }));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let config = Config::try_parse_from([
        "ossbatch-proxy",
        "--listen",
        "127.0.0.1:0",
        "--upstream-override",
        &format!("http://{upstream}"),
        "--rate-limit-per-minute",
        "100000",
        "--rate-burst",
        "100000",
    ])
    .unwrap();
    let state = ProxyState::new(config).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, state));
    (proxy, count, paths)
}

/// Sends `head` (request line and headers, without the blank line) and returns the whole answer.
async fn raw(proxy: SocketAddr, head: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(proxy).await.unwrap();
    let request = format!(
        "{head}\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .unwrap()
        .unwrap();
    String::from_utf8_lossy(&answer).to_string()
}

/// The proxy's header and JSON type (and its JSON body, except on HEAD, which has none).
fn is_refusal(answer: &str, head: bool) -> bool {
    let lower = answer.to_ascii_lowercase();
    lower.contains("\r\nx-ossbatch-proxy-error: 1\r\n")
        && lower.contains("\r\ncontent-type: application/json\r\n")
        && (head || answer.contains("\"source\":\"ossbatch-proxy\""))
}

#[tokio::test]
async fn every_escape_from_the_listed_calls_is_refused_and_nothing_reaches_oss() {
    let (proxy, count, _) = start().await;
    let signed = format!("Authorization: {V4}");
    let object = "/oss/cn-hangzhou/b/data-bucket";
    let mut probes: Vec<(String, String)> = Vec::new();
    // Dot-segments in every spelling, where a URL library would resolve them after the check.
    for key in [
        "k/.%2e",
        "k/%2e.",
        "k/.%2E",
        "k/%2E%2E",
        "k/..",
        "k/.",
        "k/%2e",
        ".%2e",
        "%2e.",
        "reports/.%2e/secret.csv",
        "reports/%2e%2e/%2e%2e/x",
        "a%2F..",
        "a%2f%2e%2e/b",
    ] {
        probes.push((format!("GET {object}/{key} HTTP/1.1"), signed.clone()));
        probes.push((format!("GET {object}/{key}?acl HTTP/1.1"), signed.clone()));
        probes.push((format!("PUT {object}/{key} HTTP/1.1"), signed.clone()));
        probes.push((
            format!("HEAD {object}/{key}?tagging HTTP/1.1"),
            signed.clone(),
        ));
    }
    // Backslashes (raw and encoded), NUL and control bytes, malformed escapes, non-UTF-8.
    for key in [
        "k\\..\\x",
        "k%5C..%5Cx",
        "k%5c",
        "k%00",
        "k%0D%0Ax",
        "k%7f",
        "k%",
        "k%2",
        "k%g1",
        "k%ff",
    ] {
        probes.push((format!("GET {object}/{key} HTTP/1.1"), signed.clone()));
    }
    // Headers that turn an allowed call into another.
    for header in [
        "x-oss-copy-source: /other-bucket/secret",
        "x-oss-symlink-target: secret",
        "x-oss-rename-source: secret",
        "x-oss-object-acl: public-read",
        "x-oss-forbid-overwrite: false",
        "x-oss-meta-a: b",
        "x-oss-storage-class: Archive",
    ] {
        probes.push((
            format!("PUT {object}/k.csv HTTP/1.1"),
            format!("{signed}\r\n{header}"),
        ));
    }
    probes.push((
        format!("GET {object}/k.jpg HTTP/1.1"),
        format!("{signed}\r\nx-oss-process: image/resize,w_10"),
    ));
    probes.push((
        "POST /oss/cn-hangzhou/?batchJob HTTP/1.1".into(),
        format!("{signed}\r\nx-oss-copy-source: /b/k"),
    ));
    // Anything but an OSS signature.
    for authorization in [
        "Authorization: Basic dXNlcjpwYXNz",
        "Authorization: Bearer abc.def",
        "Authorization: ",
        "Authorization: OSS4-HMAC-SHA256",
        "Authorization: AWS4-HMAC-SHA256 Credential=a/b,Signature=c",
        "Authorization: OSS id",
    ] {
        probes.push((format!("GET {object}/k.csv HTTP/1.1"), authorization.into()));
        probes.push((
            "POST /oss/cn-hangzhou/?batchJob HTTP/1.1".into(),
            authorization.into(),
        ));
        probes.push((
            "GET /oss/cn-hangzhou/?batchJob HTTP/1.1".into(),
            authorization.into(),
        ));
    }
    probes.push((
        "GET /oss/cn-hangzhou/?batchJob HTTP/1.1".into(),
        String::new(),
    ));
    probes.push((
        format!("GET {object}/k.csv?x-oss-signature=a HTTP/1.1"),
        String::new(),
    ));
    // Queries a URL library would rewrite, or that name another call.
    for query in [
        "acl&tagging",
        "versionId=a b",
        "versionId=%0a",
        "uploads",
        "x-oss-process=a",
    ] {
        probes.push((format!("GET {object}/k?{query} HTTP/1.1"), signed.clone()));
    }
    for (line, headers) in &probes {
        let head = if headers.is_empty() {
            line.clone()
        } else {
            format!("{line}\r\n{headers}")
        };
        let answer = raw(proxy, &head, "").await;
        assert!(
            answer.starts_with("HTTP/1.1 4") || answer.starts_with("HTTP/1.1 5"),
            "{line} | {headers}: {answer}"
        );
        // What hyper itself refuses as malformed HTTP never reaches the proxy's handlers; anything
        // the proxy answers carries its mark.
        if !answer.starts_with("HTTP/1.1 400") {
            let head = line.starts_with("HEAD ");
            assert!(is_refusal(&answer, head), "{line} | {headers}: {answer}");
        }
    }
    assert_eq!(
        count.load(Ordering::SeqCst),
        0,
        "a refused request reached OSS"
    );
}

#[tokio::test]
async fn allowed_calls_still_travel_in_one_encoding() {
    let (proxy, count, paths) = start().await;
    let signed = format!("Authorization: {V4}\r\nx-oss-date: 20251125T053000Z");
    for (line, expected) in [
        (
            "GET /oss/cn-hangzhou/b/data-bucket/a..b/..c/c.. HTTP/1.1",
            "/data-bucket/a..b/..c/c..",
        ),
        (
            "GET /oss/cn-hangzhou/b/data-bucket/%E4%B8%AD%20x.csv?tagging HTTP/1.1",
            "/data-bucket/%E4%B8%AD%20x.csv?tagging",
        ),
        (
            "HEAD /oss/cn-hangzhou/b/data-bucket/r//job%3D/x?versionId=CAEQ%3D HTTP/1.1",
            "/data-bucket/r//job%3D/x?versionId=CAEQ%3D",
        ),
        (
            "GET /oss/cn-hangzhou/b/data-bucket/?list-type=2&prefix=a/b HTTP/1.1",
            "/data-bucket/?list-type=2&prefix=a/b",
        ),
        (
            "GET /oss/cn-hangzhou/b/data-bucket/?lifecycle HTTP/1.1",
            "/data-bucket/?lifecycle",
        ),
        (
            "GET /oss/cn-hangzhou/?batchJob&batchJobId=MzRj%3D HTTP/1.1",
            "/?batchJobId=MzRj%3D",
        ),
    ] {
        let answer = raw(proxy, &format!("{line}\r\n{signed}"), "").await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{line}: {answer}");
        let last = paths.lock().unwrap().last().cloned().unwrap();
        if expected.starts_with("/?") {
            assert_eq!(last, "/?batchJob&batchJobId=MzRj%3D");
        } else {
            assert_eq!(last, expected);
        }
    }
    // A presigned GET (no Authorization) is a signed request too.
    let presigned = "GET /oss/cn-hangzhou/b/data-bucket/k.csv?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=AKID%2F20251125%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20251125T053000Z&x-oss-expires=60&x-oss-signature=ab12 HTTP/1.1";
    assert!(raw(proxy, presigned, "").await.starts_with("HTTP/1.1 200"));
    assert_eq!(count.load(Ordering::SeqCst), 7);
}
