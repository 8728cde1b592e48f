//! Unit tests of `response` (kept apart: the module itself stays under 600 lines).

use super::*;

#[test]
fn a_proxy_body_is_flat_and_deep_json_is_not_read() {
    let body = r#"{"source": "ossbatch-proxy", "error": "busy [{\"x\"}]", "retryAfterSeconds": 1}"#;
    assert_eq!(
        ProxyErrorBody::parse(body).map(|b| b.retry_after_seconds),
        Some(Some(1))
    );
    let deep = format!("{{\"a\":{}", "[".repeat(100_000));
    assert!(ProxyErrorBody::parse(&deep).is_none());
    assert!(shallow(r#"{"a":[[1]],"b":"[[[[[[[[[[[["}"#, 3));
    assert!(!shallow("{[[[[", 3));
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn oss_error(result: Result<(), ResponseError>) -> OssError {
    match result {
        Err(ResponseError::Oss { error, .. }) => *error,
        other => panic!("not an OSS error: {other:?}"),
    }
}

fn as_error(status: u16, body: &str) -> Result<(), ResponseError> {
    parse_result_document(status, body, "Error").map(|_| ())
}

#[test]
fn a_nested_element_keeps_its_children_and_repeated_names_are_numbered() {
    let error = oss_error(as_error(400, &fixture("error-nested-element.xml")));
    let other: Vec<(&str, &str)> = error
        .other
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        other,
        [
            ("Detail.ArgumentName", "OSSAccessKeyId"),
            ("Detail.ArgumentValue", "ak"),
            ("OSSAccessKeyId", "ak"),
        ]
    );
    assert_eq!(error.ec.as_deref(), Some("0002-00000902"));
    let repeated = "<Error><Code>X</Code><Message>m</Message><Item>1</Item><Item>2</Item>\
                    <Item><Part>3</Part></Item></Error>";
    let other = oss_error(as_error(400, repeated)).other;
    assert_eq!(other.get("Item").map(String::as_str), Some("1"));
    assert_eq!(other.get("Item[2]").map(String::as_str), Some("2"));
    assert_eq!(other.get("Item[3].Part").map(String::as_str), Some("3"));
    assert_eq!(other.len(), 3);
}

#[test]
fn an_empty_answer_reads_its_error_from_the_headers() {
    let text = fixture("head-error-in-header.headers");
    let header = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(&format!("{name}: ")).map(str::to_string))
    };
    let status: u16 = header("status").unwrap().parse().unwrap();
    let headers = ErrorHeaders::from_lookup(header);
    let error = oss_error(headers.read(status, "", as_error));
    assert_eq!(error.code, "InvalidAccessKeyId");
    assert_eq!(
        error.other.get("OSSAccessKeyId").map(String::as_str),
        Some("ak")
    );
    // The document has no RequestId or EC: both come from the headers.
    assert_eq!(
        error.request_id.as_deref(),
        Some("636B68BA80DA8539399F****")
    );
    assert_eq!(error.ec.as_deref(), Some("0003-00000001"));
    // A document's own values win over the headers'; a body wins over x-oss-err.
    let own = headers.read(403, &fixture("error-invalid-access-key-id.xml"), as_error);
    let own = oss_error(own);
    assert_eq!(
        (own.request_id.as_deref(), own.ec.as_deref()),
        (Some("id-1234"), Some("0002-00000902"))
    );
    // Without the header an empty failed answer stays unexpected, and a success is untouched.
    let bare = ErrorHeaders::default().read(404, "", as_error);
    assert!(
        matches!(bare, Err(ResponseError::Unexpected { status: 404, .. })),
        "{bare:?}"
    );
    let garbage = ErrorHeaders {
        error_document: Some("%%%".into()),
        ..Default::default()
    };
    assert!(matches!(
        garbage.read(404, "", as_error),
        Err(ResponseError::Unexpected { .. })
    ));
    assert!(headers.read(200, "", |_, _| Ok(())).is_ok());
}

#[test]
fn excerpt_flattens_and_shortens() {
    assert_eq!(
        excerpt("<html>\n  <body>Bad\tGateway</body>\n</html>"),
        "<html> <body>Bad Gateway</body> </html>"
    );
    let long = "x".repeat(500);
    assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
}

#[test]
fn hints_exist_for_common_codes() {
    let hint = hint_for_code("SignatureDoesNotMatch").unwrap();
    assert!(hint.en.contains("AccessKeySecret"));
    assert!(hint.zh.contains("AccessKeySecret"));
    assert_eq!(hint_for_code("Nope"), None);
    assert_eq!(hint_for_code("TooManyJobs"), None, "not an OSS code");
    let error = OssError {
        code: "InvalidArgument".into(),
        ec: Some("0017-00001009".into()),
        ..OssError::default()
    };
    assert!(hint_for_error(&error).unwrap().en.contains("RoleArn"));
}

#[test]
fn proxy_errors_are_recognised_and_not_read_as_xml() {
    let body = serde_json::to_string(&ProxyErrorBody::new(
        "too many requests; retry in 3 s",
        Some(3),
    ))
    .unwrap();
    assert_eq!(
        parse_result_document(429, &body, "ListJobsResult").unwrap_err(),
        ResponseError::Proxy {
            status: 429,
            message: "too many requests; retry in 3 s".into(),
            retry_after_seconds: Some(3),
        }
    );
    // A JSON body that is not the proxy's stays an unexpected response.
    assert!(matches!(
        parse_result_document(502, r#"{"error":"x"}"#, "ListJobsResult").unwrap_err(),
        ResponseError::Unexpected { .. }
    ));
}
