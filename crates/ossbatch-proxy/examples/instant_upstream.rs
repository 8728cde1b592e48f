//! A loopback upstream that answers every object call at once, for the live-path benchmark of
//! `ossbatch plan` beside the official Python SDK (docs/benchmarks.md, issue #30): HeadObject 200 with
//! a storage class, `?acl` an AccessControlPolicy, `?tagging` a TagSet of two tags, `?lifecycle` 404
//! NoSuchLifecycle, `?batchJob` an empty ListJobs result, any other GET the file MANIFEST (the job's
//! manifest, for `ossbatch snapshot`; empty without it). Signatures are not checked: this measures
//! the clients, not a server.
//!
//!   target/release/examples/instant_upstream PORT [MANIFEST]

use axum::body::Body;
use axum::http::{Method, Request, Response, StatusCode};
use axum::routing::any;
use axum::Router;

const ACL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessControlPolicy><Owner><ID>1</ID><DisplayName>1</DisplayName></Owner><AccessControlList><Grant>default</Grant></AccessControlList></AccessControlPolicy>";
const TAGGING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tagging><TagSet><Tag><Key>team</Key><Value>data</Value></Tag><Tag><Key>stage</Key><Value>raw</Value></Tag></TagSet></Tagging>";
const NO_RULES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchLifecycle</Code><Message>No Row found in Lifecycle Table.</Message></Error>";
const NO_JOBS: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListJobsResult></ListJobsResult>";

/// The manifest's bytes and its ETag (as OSS writes it: upper-case hex MD5 in quotes).
static MANIFEST: std::sync::OnceLock<(Vec<u8>, String)> = std::sync::OnceLock::new();

async fn answer(request: Request<Body>) -> Response<Body> {
    let query = request.uri().query().unwrap_or("").to_string();
    let has = |name: &str| query.split('&').any(|p| p.split('=').next() == Some(name));
    let (status, body) = if request.method() == Method::HEAD {
        (StatusCode::OK, &b""[..])
    } else if has("acl") {
        (StatusCode::OK, ACL.as_bytes())
    } else if has("tagging") {
        (StatusCode::OK, TAGGING.as_bytes())
    } else if has("lifecycle") {
        (StatusCode::NOT_FOUND, NO_RULES.as_bytes())
    } else if has("batchJob") {
        (StatusCode::OK, NO_JOBS.as_bytes())
    } else {
        (
            StatusCode::OK,
            MANIFEST
                .get()
                .map_or(&b""[..], |(bytes, _)| bytes.as_slice()),
        )
    };
    let etag = MANIFEST.get().map_or("", |(_, etag)| etag.as_str());
    Response::builder()
        .status(status)
        .header("etag", etag)
        .header("x-oss-request-id", "5C3D9175B6FC201293AD4890")
        .header("x-oss-storage-class", "Standard")
        .header("content-type", "application/xml")
        .body(Body::from(body))
        .expect("a response")
}

#[tokio::main]
async fn main() {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    if let Some(path) = std::env::args().nth(2) {
        let bytes = std::fs::read(&path).expect("the manifest file");
        let mut md5 = ossbatch_core::manifest_file::Etag::new();
        md5.update(&bytes);
        let etag = format!("\"{}\"", md5.finish().to_ascii_uppercase());
        MANIFEST.set((bytes, etag)).expect("set once");
    }
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("bind 127.0.0.1");
    println!(
        "listening on http://{}",
        listener.local_addr().expect("an address")
    );
    let app = Router::new().fallback(any(answer));
    axum::serve(listener, app).await.expect("serve");
}
