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
