//! `ossbatch report summary` and `report retry`: the documented JSON, exit codes 0/2/3, the retry
//! manifest and its ETag, over tests/fixtures/reports (layouts ASSUMED from S3's; see its README).

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> String {
    format!(
        "{}/../../tests/fixtures/reports/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn ossbatch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ossbatch"))
        .args(args)
        .output()
        .expect("runs")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn summary_json_has_the_documented_shape_and_exit_3_when_tasks_failed() {
    let out = ossbatch(&["report", "summary", "--json", &fixture("s3-real-order.csv")]);
    assert_eq!(out.status.code(), Some(3));
    let value = json(&out);
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "assumptions",
            "failed",
            "groups",
            "layout",
            "succeeded",
            "tasks"
        ]
    );
    assert_eq!(value["tasks"], 8);
    assert_eq!(value["succeeded"], 3);
    assert_eq!(value["failed"], 5);
    let first = &value["groups"][0];
    assert_eq!(first["errorCode"], "AccessDenied");
    assert_eq!(first["httpStatus"], 403);
    assert_eq!(first["count"], 2);
    assert_eq!(
        first["sampleKeys"],
        serde_json::json!(["photos/2026/b.jpg", "photos/2026/e.jpg"])
    );
    assert!(first["cause"].as_str().unwrap().contains("RAM role"));
    let unknown = value["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["errorCode"] == "WeirdNewCode")
        .unwrap();
    assert!(unknown["cause"].is_null() && unknown["fix"].is_null());
    assert_eq!(
        value["layout"]["columns"],
        serde_json::json!([
            "bucket",
            "key",
            "versionId",
            "status",
            "httpStatus",
            "errorCode",
            "message"
        ])
    );
    assert_eq!(value["layout"]["source"], "content");
    assert!(value["assumptions"][0]
        .as_str()
        .unwrap()
        .contains("does not document"));
}

#[test]
fn summary_exit_0_when_nothing_failed_and_stdin_reads_a_report() {
    let rows = "examplebucket,a.txt,,succeeded,200,,Successful\nexamplebucket,b.txt,,succeeded,200,,Successful\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_ossbatch"))
        .args(["report", "summary", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(rows.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let value = json(&out);
    assert_eq!(
        (value["tasks"].as_u64(), value["failed"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(value["groups"], serde_json::json!([]));
}

#[test]
fn summary_exit_2_for_damage_an_unclear_layout_or_a_missing_file() {
    let damaged = ossbatch(&["report", "summary", &fixture("damaged.csv")]);
    assert_eq!(damaged.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&damaged.stderr);
    assert!(stderr.contains("damaged.csv: row 2: 4 columns"), "{stderr}");
    assert!(
        stderr.contains("damaged.csv: row 5: not valid UTF-8"),
        "{stderr}"
    );

    let unclear = ossbatch(&[
        "report",
        "summary",
        "--json",
        &fixture("no-status-column.csv"),
    ]);
    assert_eq!(unclear.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unclear.stderr);
    assert!(
        stderr.contains("no-status-column.csv: cannot tell the report's columns"),
        "{stderr}"
    );
    assert!(stderr.contains("succeeded/failed"), "{stderr}");
    assert!(unclear.stdout.is_empty());

    let missing = ossbatch(&["report", "summary", "/nonexistent/report.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    let bad_columns = ossbatch(&[
        "report",
        "summary",
        "--columns",
        "bucket,colour",
        &fixture("s3-real-order.csv"),
    ]);
    assert_eq!(bad_columns.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_columns.stderr).contains("--columns"));
}

#[test]
fn columns_name_the_layout_and_the_json_says_given() {
    let out = ossbatch(&[
        "report",
        "summary",
        "--json",
        "--columns",
        "bucket,key,versionId,status,errorCode,httpStatus,message",
        &fixture("s3-documented-order.csv"),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let value = json(&out);
    assert_eq!(value["layout"]["source"], "given");
    assert_eq!(value["groups"][0]["httpStatus"], 403);
}

#[test]
fn several_files_are_one_report_including_gzip() {
    let out = ossbatch(&[
        "report",
        "summary",
        "--json",
        &fixture("s3-real-order.csv.gz"),
        &fixture("header.csv"),
        &fixture("manifest.json"),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let value = json(&out);
    assert_eq!(value["tasks"], 16);
    assert_eq!(value["groups"][0]["count"], 4);
}

#[test]
fn retry_writes_exactly_the_failed_rows_and_prints_their_etag() {
    let dir = std::env::temp_dir().join(format!("ossbatch-retry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_file = dir.join("retry.csv");
    let out = ossbatch(&[
        "report",
        "retry",
        "--out",
        out_file.to_str().unwrap(),
        &fixture("quoted-crlf.csv"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read(&out_file).unwrap();
    assert_eq!(
        String::from_utf8(written.clone()).unwrap(),
        "examplebucket,\"reports/a,b.csv\",\nexamplebucket,\"line\r\nbreak.txt\",\nexamplebucket,plain.txt,\n"
    );
    let etag = ossbatch(&["manifest", "etag", out_file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().next().unwrap(),
        String::from_utf8_lossy(&etag.stdout).trim()
    );
    let check = ossbatch(&[
        "manifest",
        "check",
        "--fields",
        "Bucket,Key,VersionId",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // Standard output without --out; --fields chooses the columns.
    let stdout = ossbatch(&[
        "report",
        "retry",
        "--fields",
        "Bucket,Key",
        &fixture("versions.csv"),
    ]);
    assert_eq!(stdout.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&stdout.stdout),
        "examplebucket,a.txt\nexamplebucket,b.txt\nexamplebucket,c.txt\nexamplebucket,d.txt\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn retry_with_nothing_failed_is_an_empty_manifest_with_a_note_and_damage_is_exit_2() {
    let dir = std::env::temp_dir().join(format!("ossbatch-retry-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("ok.csv");
    std::fs::write(&report, "examplebucket,a.txt,,succeeded,200,,Successful\n").unwrap();
    let out = ossbatch(&["report", "retry", report.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("d41d8cd98f00b204e9800998ecf8427e\n"),
        "{stderr}"
    );
    assert!(stderr.contains("no task failed"), "{stderr}");

    let target = dir.join("retry.csv");
    let damaged = ossbatch(&[
        "report",
        "retry",
        "--out",
        target.to_str().unwrap(),
        &fixture("damaged.csv"),
    ]);
    assert_eq!(damaged.status.code(), Some(2));
    assert!(
        !target.exists(),
        "a retry manifest of a damaged report is not left behind"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
