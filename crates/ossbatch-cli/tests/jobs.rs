//! `ossbatch submit`, `jobs …` and `report fetch` / `report summary --job` against the OSS stand-in
//! (tests/oss-standin: every signature checked by the official SDK's signer): credentials from the
//! environment, the derived ClientRequestToken, transition checks before sending, `wait`'s exit table,
//! errors with every field OSS sent, secrets never printed.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use common::*;

fn job_file(name: &str, edit: impl Fn(&str) -> String) -> String {
    let xml = std::fs::read_to_string(format!(
        "{}/tests/fixtures/createjob-sample-request.xml",
        root()
    ))
    .unwrap();
    let dir = std::env::temp_dir().join(format!("ossbatch-cli-jobs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, edit(&xml)).unwrap();
    path.to_string_lossy().into_owned()
}

/// The sample job without its ClientRequestToken, with `description`.
fn without_token(description: &str) -> impl Fn(&str) -> String + '_ {
    move |xml: &str| {
        xml.replace(
            "<ClientRequestToken>unique-token-123</ClientRequestToken>",
            "",
        )
        .replace("Batch job to set object tags", description)
    }
}

#[test]
fn submit_derives_its_token_so_a_rerun_creates_no_second_job_and_refuses_invalid_jobs() {
    let standin = StandIn::start(&[]);
    let file = job_file("rerun.xml", without_token("rerun me"));
    let first = standin.ossbatch(&["submit", &file]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let again = standin.ossbatch(&["submit", &file]);
    assert_eq!(
        stdout(&again),
        stdout(&first),
        "the same request, the same token, the same job"
    );
    let other = job_file("other.xml", without_token("another job"));
    assert_ne!(
        stdout(&standin.ossbatch(&["submit", &other])),
        stdout(&first)
    );

    let json = standin.ossbatch(&["submit", "--json", &file]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["jobId"].as_str().unwrap(), stdout(&first).trim());
    assert!(value["clientRequestToken"]
        .as_str()
        .unwrap()
        .starts_with("ossbatch-"));

    let invalid = job_file("invalid.xml", |xml| {
        xml.replace("<Priority>10</Priority>", "<Priority>-1</Priority>")
    });
    let before = stdout(&standin.ossbatch(&["jobs", "list", "--json"]));
    let refused = standin.ossbatch(&["submit", &invalid]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("Priority"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        stdout(&standin.ossbatch(&["jobs", "list", "--json"])),
        before,
        "nothing was sent"
    );
}

#[test]
fn missing_credentials_and_bad_flags_are_bad_input() {
    let standin = StandIn::start(&[]);
    let file = job_file("creds.xml", |x| x.to_string());
    let no_secret = standin.ossbatch_with(&["submit", &file], &[("OSS_ACCESS_KEY_ID", KEY)]);
    assert_eq!(no_secret.status.code(), Some(2));
    assert!(
        stderr(&no_secret).contains("OSS_ACCESS_KEY_SECRET"),
        "{}",
        stderr(&no_secret)
    );
    let bad = standin.ossbatch(&["jobs", "wait", "x", "--timeout", "soon"]);
    assert_eq!(bad.status.code(), Some(2));
    // Global flags before the subcommand too.
    let before = Command::new(env!("CARGO_BIN_EXE_ossbatch"))
        .args([
            "--endpoint",
            &standin.url,
            "--region",
            "cn-hangzhou",
            "jobs",
            "list",
            "--json",
        ])
        .env("OSS_ACCESS_KEY_ID", KEY)
        .env("OSS_ACCESS_KEY_SECRET", SECRET)
        .output()
        .unwrap();
    assert_eq!(before.status.code(), Some(0), "{}", stderr(&before));
}

#[test]
fn wait_exits_by_its_table() {
    let standin = StandIn::start(&[]);
    let complete = job_file("complete.xml", without_token("all good"));
    let out = standin.ossbatch(&["submit", "--wait", "--interval", "100ms", &complete]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Complete: 10/10 tasks, 0 failed"),
        "{}",
        stderr(&out)
    );

    let partial = job_file("partial.xml", without_token("some fail [partial]"));
    let out = standin.ossbatch(&["submit", "--wait", "--interval", "100ms", &partial]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let job_id = stdout(&out).split(':').next().unwrap().to_string();
    let within = standin.ossbatch(&[
        "jobs",
        "wait",
        &job_id,
        "--max-failed",
        "30%",
        "--interval",
        "100ms",
        "--json",
    ]);
    assert_eq!(within.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&within.stdout).unwrap();
    assert_eq!(value["outcome"], "complete");
    assert_eq!(value["job"]["ProgressSummary"]["NumberOfTasksFailed"], 3);

    let failing = job_file("failing.xml", without_token("breaks [fail]"));
    assert_eq!(
        standin
            .ossbatch(&["submit", "--wait", "--interval", "100ms", &failing])
            .status
            .code(),
        Some(4)
    );

    let waiting = job_file("waiting.xml", |xml| {
        without_token("waits")(xml).replace(
            "<ConfirmationRequired>false</ConfirmationRequired>",
            "<ConfirmationRequired>true</ConfirmationRequired>",
        )
    });
    let created = standin.ossbatch(&["submit", &waiting]);
    let job_id = stdout(&created).trim().to_string();
    let timed_out = standin.ossbatch(&[
        "jobs",
        "wait",
        &job_id,
        "--timeout",
        "1s",
        "--interval",
        "200ms",
    ]);
    assert_eq!(timed_out.status.code(), Some(6));
    assert!(
        stderr(&timed_out).contains("waiting for confirmation: confirm it within 14 days before"),
        "{}",
        stderr(&timed_out)
    );
    let cancelled = standin.ossbatch(&["jobs", "cancel", &job_id, "--reason", "not needed"]);
    assert_eq!(cancelled.status.code(), Some(0), "{}", stderr(&cancelled));
    assert_eq!(
        standin
            .ossbatch(&["jobs", "wait", &job_id, "--interval", "100ms"])
            .status
            .code(),
        Some(5)
    );

    // --confirm confirms a job that waits for confirmation, then waits for it.
    let confirm = job_file("confirm.xml", |xml| {
        without_token("confirm me")(xml).replace(
            "<ConfirmationRequired>false</ConfirmationRequired>",
            "<ConfirmationRequired>true</ConfirmationRequired>",
        )
    });
    let out = standin.ossbatch(&[
        "submit",
        "--confirm",
        "--wait",
        "--interval",
        "100ms",
        &confirm,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("confirmed job"), "{}", stderr(&out));
}

#[test]
fn transitions_are_checked_before_sending_and_list_sends_statuses_joined() {
    let standin = StandIn::start(&[]);
    let file = job_file("transitions.xml", without_token("running"));
    let job_id = stdout(&standin.ossbatch(&["submit", &file]))
        .trim()
        .to_string();
    // (Each DescribeJob moves a stand-in job one step, as time would: Active, then Complete.)
    let priority = standin.ossbatch(&["jobs", "priority", &job_id, "42", "--json"]);
    assert_eq!(priority.status.code(), Some(0), "{}", stderr(&priority));
    let value: serde_json::Value = serde_json::from_slice(&priority.stdout).unwrap();
    assert_eq!(value["priority"], 42);
    let refused = standin.ossbatch(&["jobs", "confirm", &job_id]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a job that is not waiting cannot be confirmed: {}",
        stderr(&refused)
    );
    let ended = standin.ossbatch(&["jobs", "priority", &job_id, "7"]);
    assert_eq!(
        ended.status.code(),
        Some(2),
        "an ended job keeps its priority: {}",
        stderr(&ended)
    );
    let listed = standin.ossbatch(&[
        "--verbose",
        "jobs",
        "list",
        "--status",
        "Active",
        "--status",
        "Complete",
        "--json",
    ]);
    assert!(
        stderr(&listed).contains("batchJobStatuses=Active%7CComplete"),
        "{}",
        stderr(&listed)
    );
    let value: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(value["jobs"].is_array() && value.as_object().unwrap().contains_key("nextToken"));
    let described = standin.ossbatch(&["jobs", "describe", &job_id, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&described.stdout).unwrap();
    assert_eq!(value["job"]["JobId"], job_id.as_str());
}

#[test]
fn errors_keep_every_field_oss_sent_and_secrets_stay_out_of_the_output() {
    let standin = StandIn::start(&[]);
    let wrong = standin.ossbatch_with(
        &["jobs", "describe", "abc", "--json"],
        &[
            ("OSS_ACCESS_KEY_ID", KEY),
            ("OSS_ACCESS_KEY_SECRET", "wrong-secret"),
        ],
    );
    assert_eq!(wrong.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&wrong.stdout).unwrap();
    assert_eq!(value["status"], 403);
    assert_eq!(value["error"]["Code"], "SignatureDoesNotMatch");
    assert!(value["error"]["StringToSign"]
        .as_str()
        .unwrap()
        .starts_with("OSS4-HMAC-SHA256\n"));
    assert!(
        stderr(&wrong).contains("the AccessKey secret is what differs"),
        "{}",
        stderr(&wrong)
    );

    let sts = standin.ossbatch_with(
        &["--verbose", "jobs", "list"],
        &[
            ("OSS_ACCESS_KEY_ID", STS.0),
            ("OSS_ACCESS_KEY_SECRET", STS.1),
            ("OSS_SESSION_TOKEN", STS.2),
        ],
    );
    assert_eq!(sts.status.code(), Some(0), "{}", stderr(&sts));
    let printed = format!("{}{}", stdout(&sts), stderr(&sts));
    assert!(
        printed.contains("Signature=<redacted>")
            && printed.contains("x-oss-security-token: <redacted>"),
        "{printed}"
    );
    for secret in [STS.1, STS.2] {
        assert!(!printed.contains(secret), "a secret was printed");
    }
}

#[test]
fn report_fetch_and_summary_read_the_report_of_a_job_from_oss() {
    let seed = std::env::temp_dir().join(format!("ossbatch-cli-seed-{}.json", std::process::id()));
    std::fs::write(&seed, serde_json::json!({
        "objects": [
            { "bucket": "manifest-bucket", "key": "manifest.csv", "body": "data-bucket,a.txt\ndata-bucket,gone.txt\n" },
            { "bucket": "data-bucket", "key": "a.txt", "body": "a" },
            { "bucket": "report-bucket", "key": "x", "body": "" },
        ]
    }).to_string()).unwrap();
    let standin = StandIn::start(&["--objects", seed.to_str().unwrap()]);
    let file = job_file("report.xml", |xml| {
        without_token("with a report")(xml)
            .replace("<ETag>d41d8cd98f00b204e9800998ecf8427e</ETag>", "")
            .replace(
                "<Prefix>batch-reports/</Prefix>",
                "<Prefix>reports</Prefix>",
            )
    });
    let out = standin.ossbatch(&["submit", "--wait", "--interval", "100ms", &file]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "one task fails: {}",
        stderr(&out)
    );
    // submit --wait ends with the failure groups of the job's report (on standard error).
    assert!(
        stderr(&out).contains("NoSuchKey · HTTP 404") && stderr(&out).contains("e.g. gone.txt"),
        "{}",
        stderr(&out)
    );
    let job_id = stdout(&out).split(':').next().unwrap().to_string();
    let summary = standin.ossbatch(&["report", "summary", "--job", &job_id, "--json"]);
    assert_eq!(summary.status.code(), Some(3), "{}", stderr(&summary));
    let value: serde_json::Value = serde_json::from_slice(&summary.stdout).unwrap();
    assert_eq!(
        (value["tasks"].as_u64(), value["failed"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(value["groups"][0]["errorCode"], "NoSuchKey");
    assert_eq!(value["groups"][0]["sampleKeys"][0], "gone.txt");
    let dir = std::env::temp_dir().join(format!("ossbatch-cli-fetch-{}", std::process::id()));
    let fetched = standin.ossbatch(&["report", "fetch", &job_id, "--out", dir.to_str().unwrap()]);
    assert_eq!(fetched.status.code(), Some(0), "{}", stderr(&fetched));
    let files: Vec<String> = stdout(&fetched).lines().map(String::from).collect();
    assert_eq!(
        files.len(),
        3,
        "manifest.json and one results file per status: {files:?}"
    );
    assert!(files[0].ends_with("manifest.json"));
    // The fetched files read the same offline.
    let mut args = vec!["report", "summary", "--json"];
    args.extend(files.iter().map(String::as_str));
    let offline: serde_json::Value =
        serde_json::from_slice(&standin.ossbatch(&args).stdout).unwrap();
    for key in ["tasks", "succeeded", "failed", "groups", "layout"] {
        assert_eq!(offline[key], value[key], "{key}");
    }
    std::fs::remove_dir_all(&dir).ok();
    let _ = std::io::stdout().flush();
}

#[test]
fn v1_sts_paging_confirm_and_cancel() {
    let standin = StandIn::start(&[]);
    let v1 = job_file("v1.xml", without_token("signed with v1"));
    let created = standin.ossbatch(&["--signature-version", "v1", "submit", &v1]);
    assert_eq!(created.status.code(), Some(0), "{}", stderr(&created));
    let job_id = stdout(&created).trim().to_string();
    assert_eq!(
        standin
            .ossbatch(&["jobs", "describe", &job_id, "--signature-version", "v1"])
            .status
            .code(),
        Some(0)
    );
    let sts = job_file("sts.xml", without_token("signed with an STS token"));
    let env = [
        ("OSS_ACCESS_KEY_ID", STS.0),
        ("OSS_ACCESS_KEY_SECRET", STS.1),
        ("OSS_SESSION_TOKEN", STS.2),
    ];
    assert_eq!(
        standin.ossbatch_with(&["submit", &sts], &env).status.code(),
        Some(0)
    );
    let without_token_env = [
        ("OSS_ACCESS_KEY_ID", STS.0),
        ("OSS_ACCESS_KEY_SECRET", STS.1),
    ];
    assert_eq!(
        standin
            .ossbatch_with(&["jobs", "list"], &without_token_env)
            .status
            .code(),
        Some(1),
        "STS keys need their token"
    );

    let one: serde_json::Value = serde_json::from_slice(
        &standin
            .ossbatch(&["jobs", "list", "--max-keys", "1", "--json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(one["jobs"].as_array().unwrap().len(), 1);
    assert!(one["nextToken"].is_string());
    let all: serde_json::Value = serde_json::from_slice(
        &standin
            .ossbatch(&["jobs", "list", "--max-keys", "1", "--all", "--json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(all["jobs"].as_array().unwrap().len(), 2);
    assert!(all["nextToken"].is_null());

    let suspended = job_file("suspended.xml", |xml| {
        without_token("confirm by hand")(xml).replace(
            "<ConfirmationRequired>false</ConfirmationRequired>",
            "<ConfirmationRequired>true</ConfirmationRequired>",
        )
    });
    let job_id = stdout(&standin.ossbatch(&["submit", &suspended]))
        .trim()
        .to_string();
    let confirmed = standin.ossbatch(&["jobs", "confirm", &job_id, "--json"]);
    assert_eq!(confirmed.status.code(), Some(0), "{}", stderr(&confirmed));
    let value: serde_json::Value = serde_json::from_slice(&confirmed.stdout).unwrap();
    assert_eq!(value["status"], "Ready");
    let cancelled = standin.ossbatch(&["jobs", "cancel", &job_id, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&cancelled.stdout).unwrap();
    assert_eq!(value["status"], "Cancelling", "{}", stderr(&cancelled));
    let status = || {
        let described: serde_json::Value = serde_json::from_slice(
            &standin
                .ossbatch(&["jobs", "describe", &job_id, "--json"])
                .stdout,
        )
        .unwrap();
        described["job"]["Status"].as_str().unwrap().to_string()
    };
    // Through Cancelling to Cancelled (each look moves a stand-in job one step).
    assert_eq!(
        (status(), status()),
        ("Cancelling".to_string(), "Cancelled".to_string())
    );
}

#[test]
fn retries_are_safe_a_429_is_waited_out_and_a_lost_answer_creates_one_job() {
    let standin = StandIn::start(&[]);
    standin.plant("429");
    let listed = standin.ossbatch(&["jobs", "list"]);
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    assert!(
        stderr(&listed).contains("OSS answered 429; retrying in 1 s"),
        "{}",
        stderr(&listed)
    );
    standin.plant("500");
    let file = job_file("lost.xml", without_token("answer lost once"));
    let created = standin.ossbatch(&["submit", &file]);
    assert_eq!(created.status.code(), Some(0), "{}", stderr(&created));
    assert!(
        stderr(&created).contains("OSS answered 500"),
        "{}",
        stderr(&created)
    );
    assert_eq!(standin.count_jobs("answer lost once"), 1);
}

#[test]
fn a_wait_that_is_killed_and_run_again_creates_no_second_job_and_a_running_job_times_out() {
    let standin = StandIn::start(&[]);
    let file = job_file("slow.xml", without_token("still running [slow]"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_ossbatch"))
        .args([
            "submit",
            "--wait",
            "--interval",
            "100ms",
            &file,
            "--endpoint",
            &standin.url,
            "--region",
            "cn-hangzhou",
        ])
        .env("OSS_ACCESS_KEY_ID", KEY)
        .env("OSS_ACCESS_KEY_SECRET", SECRET)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let first = line
        .trim()
        .strip_prefix("created job ")
        .expect("the job was created")
        .to_string();
    let again = standin.ossbatch(&["submit", &file]);
    assert_eq!(stdout(&again).trim(), first);
    assert_eq!(standin.count_jobs("still running [slow]"), 1);
    let timed_out = standin.ossbatch(&[
        "jobs",
        "wait",
        &first,
        "--timeout",
        "1s",
        "--interval",
        "100ms",
        "--json",
    ]);
    assert_eq!(timed_out.status.code(), Some(6));
    let value: serde_json::Value = serde_json::from_slice(&timed_out.stdout).unwrap();
    assert_eq!(
        (value["outcome"].as_str(), value["job"]["Status"].as_str()),
        (Some("timeout"), Some("Active"))
    );
    // With the default interval (longer than the timeout): one last look at the deadline, never
    // a give-up before it (issue #28: it exited 6 at once).
    let started = std::time::Instant::now();
    let at_deadline = standin.ossbatch(&["jobs", "wait", &first, "--timeout", "3s"]);
    let took = started.elapsed();
    assert_eq!(at_deadline.status.code(), Some(6));
    assert!(
        took >= std::time::Duration::from_secs(3) && took < std::time::Duration::from_millis(4500),
        "jobs wait --timeout 3s returned after {took:?}"
    );
}

#[test]
fn clear_lines_for_an_unreachable_endpoint_a_refusal_and_a_header_changed_on_the_way() {
    let standin = StandIn::start(&["--key", "denied-CliKey:CliDeniedSecret0123"]);
    let unreachable = Command::new(env!("CARGO_BIN_EXE_ossbatch"))
        .args([
            "jobs",
            "list",
            "--endpoint",
            "http://127.0.0.1:9",
            "--region",
            "cn-hangzhou",
        ])
        .env("OSS_ACCESS_KEY_ID", KEY)
        .env("OSS_ACCESS_KEY_SECRET", SECRET)
        .output()
        .unwrap();
    assert_eq!(unreachable.status.code(), Some(1));
    assert!(
        stderr(&unreachable).contains("cannot reach OSS at 127.0.0.1:9"),
        "{}",
        stderr(&unreachable)
    );
    let denied = standin.ossbatch_with(
        &["jobs", "list"],
        &[
            ("OSS_ACCESS_KEY_ID", "denied-CliKey"),
            ("OSS_ACCESS_KEY_SECRET", "CliDeniedSecret0123"),
        ],
    );
    assert_eq!(denied.status.code(), Some(1));
    assert!(
        stderr(&denied).starts_with("OSS answered 403 AccessDenied:"),
        "{}",
        stderr(&denied)
    );

    // V1 signs Content-Type: an edge that rewrote it is named by the first differing line.
    standin.plant("header:Content-Type=text/plain");
    let file = job_file("edge.xml", without_token("through an edge"));
    let changed = standin.ossbatch(&["--signature-version", "v1", "submit", &file]);
    assert_eq!(changed.status.code(), Some(1));
    let text = stderr(&changed);
    assert!(text.contains("SignatureDoesNotMatch"), "{text}");
    assert!(text.contains("first difference, line 3: ossbatch signed \"application/xml\", OSS computed \"text/plain\""), "{text}");
    assert!(
        text.contains("a proxy, CDN or gateway on the way added, removed or changed it"),
        "{text}"
    );
    for output in [&unreachable, &denied, &changed] {
        let all = format!("{}{}", stdout(output), stderr(output));
        assert!(
            !all.contains(SECRET) && !all.contains("CliDeniedSecret0123"),
            "a secret was printed"
        );
    }
}

#[test]
fn every_json_output_has_its_documented_schema() {
    let seed = std::env::temp_dir().join(format!(
        "ossbatch-cli-schema-seed-{}.json",
        std::process::id()
    ));
    std::fs::write(&seed, serde_json::json!({
        "objects": [
            { "bucket": "manifest-bucket", "key": "manifest.csv", "body": "data-bucket,a.txt\ndata-bucket,gone.txt\n" },
            { "bucket": "data-bucket", "key": "a.txt", "body": "a" },
        ]
    }).to_string()).unwrap();
    let standin = StandIn::start(&["--objects", seed.to_str().unwrap()]);
    let file = job_file("schema.xml", |xml| {
        without_token("schemas")(xml)
            .replace("<ETag>d41d8cd98f00b204e9800998ecf8427e</ETag>", "")
            .replace(
                "<Prefix>batch-reports/</Prefix>",
                "<Prefix>reports</Prefix>",
            )
    });
    let submitted = assert_schema("submit", &standin.ossbatch(&["submit", "--json", &file]));
    let job_id = submitted["jobId"].as_str().unwrap().to_string();
    // (Each DescribeJob moves a stand-in job one step: the priority is changed while it runs.)
    assert_schema(
        "jobs-priority",
        &standin.ossbatch(&["jobs", "priority", &job_id, "5", "--json"]),
    );
    assert_schema("jobs-list", &standin.ossbatch(&["jobs", "list", "--json"]));
    assert_schema(
        "jobs-describe",
        &standin.ossbatch(&["jobs", "describe", &job_id, "--json"]),
    );
    assert_schema(
        "jobs-wait",
        &standin.ossbatch(&["jobs", "wait", &job_id, "--interval", "100ms", "--json"]),
    );
    assert_schema(
        "report-summary",
        &standin.ossbatch(&["report", "summary", "--job", &job_id, "--json"]),
    );
    let waiting = job_file("schema-confirm.xml", |xml| {
        without_token("schema confirm")(xml).replace(
            "<ConfirmationRequired>false</ConfirmationRequired>",
            "<ConfirmationRequired>true</ConfirmationRequired>",
        )
    });
    let waiting_id = stdout(&standin.ossbatch(&["submit", &waiting]))
        .trim()
        .to_string();
    assert_schema(
        "jobs-status",
        &standin.ossbatch(&["jobs", "confirm", &waiting_id, "--json"]),
    );
    assert_schema(
        "jobs-status",
        &standin.ossbatch(&["jobs", "cancel", &waiting_id, "--json"]),
    );
    let refused = standin.ossbatch_with(
        &["jobs", "describe", "x", "--json"],
        &[
            ("OSS_ACCESS_KEY_ID", KEY),
            ("OSS_ACCESS_KEY_SECRET", "wrong"),
        ],
    );
    assert_schema("error", &refused);
    assert_schema(
        "error",
        &standin.ossbatch(&["jobs", "describe", "no-such-job", "--json"]),
    );
    let missing = standin.ossbatch_with(&["jobs", "list", "--json"], &[]);
    assert_eq!(
        assert_schema("error", &missing)["error"]["Code"],
        "BadInput"
    );
    // A schema that is too loose would pass anything: each one refuses another command's output.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{}/docs/schemas/cli/jobs-list.schema.json", root()))
            .unwrap(),
    )
    .unwrap();
    assert!(!jsonschema::validator_for(&schema)
        .unwrap()
        .is_valid(&submitted));
}

#[test]
fn the_journal_records_each_submission_once_with_every_status_seen_and_history_lists_it() {
    let standin = StandIn::start(&[]);
    let file = job_file("journaled.xml", without_token("journaled [slow]"));
    let first = stdout(&standin.ossbatch(&["submit", &file]));
    let again = stdout(&standin.ossbatch(&["submit", &file]));
    assert_eq!(first, again, "the same token, the same job");
    let job_id = first.trim().to_string();
    let described = standin.ossbatch(&["jobs", "describe", &job_id]);
    assert_eq!(described.status.code(), Some(0));
    let journal = std::fs::read_to_string(standin.home.join("journal.jsonl")).unwrap();
    assert!(!journal.contains(SECRET), "no secret in the journal");
    let events: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        events[0]["event"], "submitting",
        "recorded before it was sent"
    );
    assert!(events[0]["request"]
        .as_str()
        .unwrap()
        .contains("<CreateJobRequest>"));
    assert_eq!(events[1]["event"], "created");
    assert_eq!(events[1]["jobId"], job_id.as_str());
    let history = standin.ossbatch(&["jobs", "history", "--json", "--sync"]);
    assert_eq!(history.status.code(), Some(0), "{}", stderr(&history));
    let value: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    let jobs = value["jobs"].as_array().unwrap();
    assert_eq!(
        jobs.len(),
        1,
        "two submissions of one token are one job: {value:#}"
    );
    assert_eq!(jobs[0]["jobId"], job_id.as_str());
    let statuses: Vec<&str> = jobs[0]["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert!(
        !statuses.is_empty() && statuses.windows(2).all(|w| w[0] != w[1]),
        "{statuses:?}"
    );
    assert_eq!(jobs[0]["unlisted"], false);
    let text = stdout(&standin.ossbatch(&["jobs", "history"]));
    assert!(text.starts_with(&job_id), "{text}");
}
