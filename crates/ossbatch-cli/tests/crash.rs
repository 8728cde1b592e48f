//! Crash injection (issue #31): the CLI killed with SIGKILL at each step of `submit`, `snapshot` and
//! `rollback --submit` — while its request is unanswered before OSS acted on it, and after OSS acted
//! but before the answer arrived — then run again. Every job appears in the journal exactly once, no
//! job is created twice, and a snapshot resumes to the same bytes as a run never interrupted.
//!
//! The stand-in holds the chosen request (`hold-before@N` / `hold-after@N`) until its client goes away,
//! so the kill lands at that step whatever the machine's speed.

mod common;

use common::*;

/// Starts `args`, waits until the planted hold holds its request, kills the CLI (SIGKILL).
fn kill_at(standin: &StandIn, fault: &str, args: &[&str]) {
    let before = standin.held();
    standin.plant(fault);
    let mut child = standin.spawn(args);
    standin.wait_held(before);
    child.kill().unwrap();
    child.wait().unwrap();
}

/// `jobs history --json`: the journal's jobs.
fn history(standin: &StandIn) -> Vec<serde_json::Value> {
    let out = standin.ossbatch(&["jobs", "history", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value = assert_schema("jobs-history", &out);
    value["jobs"].as_array().unwrap().clone()
}

fn sample_job(description: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/createjob-sample-request.xml",
        root()
    ))
    .unwrap()
    .replace(
        "<ClientRequestToken>unique-token-123</ClientRequestToken>",
        "",
    )
    .replace("Batch job to set object tags", description)
}

#[test]
fn submit_killed_at_each_step_then_run_again_creates_each_job_once() {
    let standin = StandIn::start(&[]);
    let dir = work_dir("crash-submit");
    // CreateJob held before it acts (no job yet) and after (job created, answer lost); then, with
    // --wait, the first DescribeJob held (the job created and journaled).
    let cases = [
        ("hold-before@1", "crash before CreateJob", false),
        ("hold-after@1", "crash after CreateJob", false),
        ("hold-before@2", "crash while waiting [slow]", true),
    ];
    for (fault, description, wait) in cases {
        let file = dir.join(format!("{}.xml", description.replace(' ', "-")));
        std::fs::write(&file, sample_job(description)).unwrap();
        let mut args = vec!["submit"];
        if wait {
            args.extend(["--wait", "--timeout", "1s", "--interval", "50ms"]);
        }
        args.push(path(&file));
        kill_at(&standin, fault, &args);
        let again = standin.ossbatch(&["submit", path(&file)]);
        assert_eq!(again.status.code(), Some(0), "{fault}: {}", stderr(&again));
        assert_eq!(standin.count_jobs(description), 1, "{fault}: one job");
        let entries: Vec<_> = history(&standin)
            .into_iter()
            .filter(|e| e["description"] == description)
            .collect();
        assert_eq!(entries.len(), 1, "{fault}: journaled once: {entries:?}");
        assert_eq!(
            entries[0]["jobId"].as_str(),
            stdout(&again).lines().next(),
            "{fault}: with the JobId OSS gave"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_snapshot_killed_mid_run_resumes_to_the_same_bytes() {
    let dir = work_dir("crash-snapshot");
    let mut rng = Rng(0x5EED_C0DE);
    let mut objects = Vec::new();
    let mut manifest = String::new();
    for i in 0..1300 {
        let key = format!("c/{i:04}");
        let tags: Vec<(String, String)> = (0..rng.below(4))
            .map(|t| {
                (
                    format!("k{t}{}", word(&mut rng, 0, 3)),
                    word(&mut rng, 0, 4),
                )
            })
            .collect();
        objects.push(
            serde_json::json!({"bucket": "crash-data", "key": key, "body": "x", "tags": tags}),
        );
        manifest.push_str(&format!("crash-data,{key}\n"));
    }
    objects
        .push(serde_json::json!({"bucket": "manifest-bucket", "key": "c.csv", "body": manifest}));
    let seed = serde_json::json!({ "objects": objects });
    let (standin, etag) = start_with_manifest(&dir, &seed, "c.csv", &manifest);
    let job = sample_job("snapshot me")
        .replace("d41d8cd98f00b204e9800998ecf8427e", &etag)
        .replace("manifest.csv", "c.csv");
    std::fs::write(dir.join("job.xml"), job).unwrap();
    let job = dir.join("job.xml");

    let whole = dir.join("whole");
    let out = standin.ossbatch(&["snapshot", "--out", path(&whole), path(&job)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = std::fs::read(whole.join("objects.jsonl")).unwrap();

    // Killed with a read of the second round held (two reads an object: HeadObject and
    // GetObjectTagging): the first round (1,024 objects) is on disk.
    let cut = dir.join("cut");
    kill_at(
        &standin,
        "hold-before@2300",
        &["snapshot", "--out", path(&cut), path(&job)],
    );
    let partial = std::fs::read(cut.join("objects.jsonl")).unwrap();
    assert!(
        !partial.is_empty() && partial.len() < expected.len(),
        "killed mid-run: {} of {} bytes",
        partial.len(),
        expected.len()
    );
    assert!(expected.starts_with(&partial));
    let resumed = standin.ossbatch(&["snapshot", "--resume", "--out", path(&cut), path(&job)]);
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    assert_eq!(std::fs::read(cut.join("objects.jsonl")).unwrap(), expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rollback_submit_killed_at_each_step_then_run_again_creates_each_job_once() {
    let dir = work_dir("crash-rollback");
    // Three before-images (two tag sets and none): three rollback jobs, six requests (an upload and
    // a CreateJob each).
    let sets = [
        serde_json::json!([]),
        serde_json::json!([["a", "1"]]),
        serde_json::json!([["b", ""], ["中", "x y"]]),
    ];
    let mut objects = Vec::new();
    let mut manifest = String::new();
    for i in 0..30 {
        let key = format!("r/{i:02}");
        objects.push(serde_json::json!({"bucket": "crash-data", "key": key, "body": "x", "tags": sets[i % 3]}));
        manifest.push_str(&format!("crash-data,{key}\n"));
    }
    objects
        .push(serde_json::json!({"bucket": "manifest-bucket", "key": "r.csv", "body": manifest}));
    let seed = serde_json::json!({ "objects": objects });
    let (standin, etag) = start_with_manifest(&dir, &seed, "r.csv", &manifest);
    let job = sample_job("the original")
        .replace("d41d8cd98f00b204e9800998ecf8427e", &etag)
        .replace("manifest.csv", "r.csv");
    std::fs::write(dir.join("job.xml"), job).unwrap();
    let before = dir.join("before");
    let out = standin.ossbatch(&[
        "snapshot",
        "--out",
        path(&before),
        path(&dir.join("job.xml")),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let rdir = dir.join("rollback");
    let args = ["rollback", "--submit", "--out", path(&rdir), path(&before)];
    for step in 1..=6 {
        for hold in ["hold-before", "hold-after"] {
            kill_at(&standin, &format!("{hold}@{step}"), &args);
            let again = standin.ossbatch(&args);
            assert_eq!(
                again.status.code(),
                Some(0),
                "{hold}@{step}: {}",
                stderr(&again)
            );
        }
    }
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(rdir.join("rollback.json")).unwrap())
            .unwrap();
    assert_eq!(index["jobs"].as_array().unwrap().len(), 3);
    let entries = history(&standin);
    assert_eq!(
        entries.len(),
        3,
        "each rollback job journaled once: {entries:#?}"
    );
    for entry in &entries {
        let description = entry["description"].as_str().unwrap();
        assert!(description.starts_with("Rollback "), "{description}");
        assert_eq!(
            standin.count_jobs(description),
            1,
            "created once: {description}"
        );
        assert!(entry["jobId"].is_string());
        assert!(entry["snapshot"].as_str().unwrap().ends_with("before"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
