//! The `ossbatch` command's contract: output lines, JSON, exit codes 0/1/2, fmt, rules.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SAMPLE: &str = include_str!("../../../tests/fixtures/createjob-sample-request.xml");

fn ossbatch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ossbatch"))
        .args(args)
        .output()
        .expect("runs")
}

fn ossbatch_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ossbatch"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn temp_file(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ossbatch-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn valid_file_exits_0_and_prints_warnings_as_lines() {
    let file = temp_file("sample.xml", SAMPLE);
    let output = ossbatch(&["validate", &file]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("warning role_arn.account_placeholder RoleArn: "),
        "{text}"
    );
}

#[test]
fn errors_exit_1_with_one_line_each() {
    let bad = SAMPLE
        .replace("<Priority>10</Priority>", "<Priority>-5</Priority>")
        .replace("report-bucket", "Report_Bucket");
    let file = temp_file("bad.xml", &bad);
    let output = ossbatch(&["validate", &file]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.lines()
            .any(|l| l.starts_with("error priority.range Priority: ")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("error bucket.chars Report.Bucket: ")),
        "{text}"
    );
}

#[test]
fn json_output_is_an_array_of_issues() {
    let bad = SAMPLE.replace("<Priority>10</Priority>", "");
    let file = temp_file("nopriority.xml", &bad);
    let output = ossbatch(&["validate", "--json", &file]);
    assert_eq!(output.status.code(), Some(1));
    let issues: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    assert!(issues.iter().any(|i| i["code"] == "priority.missing"
        && i["severity"] == "error"
        && i["path"] == "Priority"));
    assert!(issues
        .iter()
        .all(|i| i["message"].is_string() && i["params"].is_object()));
}

#[test]
fn unparseable_file_exits_2_with_position_and_path() {
    let bad = "<CreateJobRequest>\n  <Report>\n    <Enabled>yes</Enabled>\n  </Report>\n</CreateJobRequest>";
    let file = temp_file("unparseable.xml", bad);
    let output = ossbatch(&["validate", &file]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains(":3:14: Report.Enabled: "), "{error}");
    let output = ossbatch(&["validate", "/nonexistent/job.xml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn json_job_files_are_read_too() {
    let json = r#"{"Operation":{"DeleteObjectTagging":{}},"Report":{"Enabled":false},"ClientRequestToken":"t",
        "KeyPrefixManifestGenerator":{"SourceBucket":"source-bucket"},"Priority":1,"RoleArn":"acs:ram::123:role/r"}"#;
    let file = temp_file("job.json", json);
    let output = ossbatch(&["validate", &file]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
    let typo = temp_file("typo.json", r#"{"Priorty": 1}"#);
    let output = ossbatch(&["validate", &typo]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Priorty"));
}

#[test]
fn several_files_prefix_lines_and_take_the_worst_exit() {
    let good = temp_file("good.xml", SAMPLE);
    let bad = temp_file("bad2.xml", &SAMPLE.replace("<Priority>10</Priority>", ""));
    let output = ossbatch(&["validate", &good, &bad]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output)
        .lines()
        .any(|l| l.starts_with(&format!("{bad}: error priority.missing"))));
}

#[test]
fn region_is_checked_when_given() {
    let file = temp_file("region.xml", SAMPLE);
    let output = ossbatch(&["validate", "--region", "cn-hangzhou.evil.com", &file]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("error region.format region: "));
}

#[test]
fn fmt_writes_compact_pretty_and_json() {
    let file = temp_file("fmt.xml", SAMPLE);
    let compact = stdout(&ossbatch(&["fmt", "--compact", &file]));
    assert!(compact.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateJobRequest><ConfirmationRequired>"
    ));
    assert_eq!(compact.lines().count(), 1);
    let pretty = stdout(&ossbatch(&["fmt", &file]));
    assert!(pretty.contains("\n  <Priority>10</Priority>\n"));
    let json = stdout(&ossbatch(&["fmt", "--to", "json", &file]));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["Operation"]["PutObjectTagging"]["TagSet"][0]["Key"],
        "Environment"
    );
    // And back: JSON in, XML out, identical bytes.
    let output = ossbatch_stdin(&["fmt", "--compact", "-"], &json);
    assert_eq!(stdout(&output), compact);
}

#[test]
fn rules_lists_the_catalogue() {
    let output = ossbatch(&["rules", "--json"]);
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rules.as_array().unwrap().len(), ossbatch_core_rule_count());
    assert!(stdout(&ossbatch(&["rules"])).contains("priority.range"));
}

fn ossbatch_core_rule_count() -> usize {
    stdout(&ossbatch(&["rules", "--markdown"]))
        .lines()
        .filter(|l| l.starts_with("| `"))
        .count()
}

#[test]
fn help_exists_for_each_command() {
    for command in ["validate", "fmt", "rules"] {
        let output = ossbatch(&[command, "--help"]);
        assert_eq!(output.status.code(), Some(0));
        assert!(stdout(&output).contains("Usage: ossbatch"));
    }
}

#[test]
fn policy_prints_one_json_object_with_the_three_documents() {
    let job = temp_file("policy.xml", SAMPLE);
    let output = ossbatch(&["policy", &job]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("one JSON object");
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["callerPolicy", "permissionPolicy", "trustPolicy"]);
    assert_eq!(value["trustPolicy"]["Version"], "1");
    assert!(String::from_utf8_lossy(&output.stderr).contains("<buckets-named-in-the-manifest>"));
    // --manifest names the target buckets; --explain adds one line per statement.
    let csv = temp_file("policy.csv", "data-1,a\ndata-2,b\ndata-1,c\n");
    let output = ossbatch(&["policy", "--explain", "--manifest", &csv, &job]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        value["permissionPolicy"]["Statement"][0]["Resource"],
        serde_json::json!(["acs:oss:*:*:data-1/*", "acs:oss:*:*:data-2/*"])
    );
    let statements = value["permissionPolicy"]["Statement"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(
        value["explanations"]["permissionPolicy"]
            .as_array()
            .unwrap()
            .len(),
        statements
    );
    assert_eq!(
        ossbatch(&["policy", "/no/such/file.xml"]).status.code(),
        Some(2)
    );
}

#[test]
fn manifest_check_reports_rows_and_exits_like_validate() {
    let csv = temp_file("bad.csv", "b-1,a.txt\nB_1,b.txt\nb-1,\nb-1,a.txt\n");
    let output = ossbatch(&["manifest", "check", &csv]);
    assert_eq!(output.status.code(), Some(1));
    let lines = stdout(&output);
    assert!(
        lines.contains("error bucket.chars Row[2].Bucket: "),
        "{lines}"
    );
    assert!(
        lines.contains("error manifest_file.key_empty Row[3].Key: "),
        "{lines}"
    );
    assert!(
        lines.contains("warning manifest_file.duplicate_row Row[4]: "),
        "{lines}"
    );
    let good = temp_file("good.csv", "b-1,a.txt\nb-1,b.txt,v1\n");
    let output = ossbatch(&[
        "manifest",
        "check",
        "--fields",
        "Bucket,Key,VersionId",
        "--json",
        &good,
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["rows"], 2);
    assert_eq!(value["issues"][0]["path"], "Row[1]");
    assert_eq!(value["issues"][0]["code"], "manifest_file.columns");
    // Standard input, and a warning alone exits 0.
    let output = ossbatch_stdin(&["manifest", "check", "--bucket", "b-1", "-"], "b-2,k\n");
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("warning manifest_file.other_bucket Row[1].Bucket: "));
    assert_eq!(
        ossbatch(&["manifest", "check", "--fields", "Bucket", &good])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        ossbatch(&["manifest", "check", "/no/such.csv"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn manifest_etag_equals_md5sum_for_random_files() {
    // A small deterministic generator: no timing, no randomness from the machine.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for (index, size) in [0usize, 1, 63, 64, 65, 1000, 1 << 20, (3 << 20) + 7]
        .into_iter()
        .enumerate()
    {
        let bytes: Vec<u8> = (0..size)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        let dir = std::env::temp_dir().join(format!("ossbatch-etag-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("random-{index}.bin"));
        std::fs::write(&path, &bytes).unwrap();
        let path = path.to_string_lossy().into_owned();
        let ours = stdout(&ossbatch(&["manifest", "etag", &path]));
        let md5sum = Command::new("md5sum")
            .arg(&path)
            .output()
            .expect("md5sum runs");
        let theirs = String::from_utf8_lossy(&md5sum.stdout)
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        assert_eq!(ours, format!("{theirs}\n"), "{size} bytes");
        assert_eq!(ours.trim().len(), 32);
    }
}

#[test]
fn fmt_to_ossutil_and_go() {
    let job = temp_file("copy.xml", SAMPLE);
    let ossutil = stdout(&ossbatch(&[
        "fmt",
        "--to",
        "ossutil",
        "--region",
        "cn-shanghai",
        &job,
    ]));
    assert!(ossutil.ends_with(
        "ossutil api create-job --create-job-request file://job.xml --region cn-shanghai\n"
    ));
    assert!(ossutil.contains("<RoleArn>arn:acs:ram::uid:role/BatchOperationRole</RoleArn>"));
    let go = stdout(&ossbatch(&["fmt", "--to", "go", &job]));
    assert!(go.contains("client.CreateJob(context.TODO(), &oss.CreateJobRequest{"));
    assert!(go.contains("WithRegion(\"<region-id>\")"));
}

#[test]
fn lang_zh_gives_chinese_messages_with_the_same_codes_paths_and_exit_status() {
    let file = temp_file(
        "lang.xml",
        "<CreateJobRequest><Priority>-1</Priority></CreateJobRequest>",
    );
    let english = ossbatch(&["validate", "--json", &file]);
    let chinese = ossbatch(&["--lang", "zh", "validate", "--json", &file]);
    assert_eq!(english.status.code(), Some(1));
    assert_eq!(chinese.status.code(), Some(1));
    let read = |output: &Output| -> Vec<serde_json::Value> {
        serde_json::from_str(&stdout(output)).expect("a JSON array")
    };
    let (english, chinese) = (read(&english), read(&chinese));
    assert_eq!(english.len(), chinese.len());
    for (en, zh) in english.iter().zip(&chinese) {
        assert_eq!((&en["code"], &en["path"]), (&zh["code"], &zh["path"]));
        let message = zh["message"].as_str().unwrap();
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{message}"
        );
    }
    let priority = chinese
        .iter()
        .find(|i| i["code"] == "priority.range")
        .unwrap();
    assert_eq!(
        priority["message"],
        "Priority：Priority 为 0 到 2147483647 之间的整数。当前为 -1。"
    );
    // Read errors and the rule list too; an unknown language is refused.
    let broken = temp_file("broken.xml", "<CreateJobRequest><Priority>x</Priority>");
    let output = ossbatch(&["validate", "--lang", "zh", &broken]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("第 1 行"));
    assert!(stdout(&ossbatch(&["rules", "--lang", "zh"])).contains("存储空间名称"));
    assert!(!ossbatch(&["--lang", "fr", "rules"]).status.success());
}
