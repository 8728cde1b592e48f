//! A way back, end to end on the OSS stand-in (issue #31): 520 objects with random before-images
//! (0–10 tags from OSS's whole tag alphabet, all four ACLs) in an unversioned and a versioned bucket;
//! a PutObjectTagging job and a PutObjectAcl job run with planted partial failures; the rollback jobs
//! and the direct plan (`rollback apply`, sharded for the ACLs) put every tag set and every ACL back
//! byte for byte. A snapshot taken in three shards rolls back to exactly the same jobs as one taken
//! whole; an interrupted `rollback apply` resumes.

mod common;

use common::*;

const PLAIN: &str = "rb-plain";
const VERSIONED: &str = "rb-versioned";

/// The seed (with denied prefixes planting failures) and the manifest (Bucket,Key,VersionId).
fn corpus() -> (serde_json::Value, String) {
    let mut rng = Rng(0x5EED_0131);
    let mut objects = Vec::new();
    let mut manifest = String::new();
    for i in 0..520 {
        let (bucket, version) = if i % 2 == 0 {
            (PLAIN, String::new())
        } else {
            (VERSIONED, format!("CAEQ{i:04}hiBgMDJgZCA0BYiIDc4MGZj"))
        };
        let key = format!(
            "{}/{:03}-{}",
            &bucket[3..4],
            i / 2,
            word(&mut rng, 0, 3).replace(['/', ' '], "_")
        );
        let tags = tag_set(&mut rng);
        let acl = ACLS[rng.below(4) as usize];
        let mut object = serde_json::json!({"bucket": bucket, "key": key, "body": "x", "tags": tags, "acl": acl});
        if !version.is_empty() {
            object["versionId"] = version.clone().into();
        }
        objects.push(object);
        manifest.push_str(&format!("{bucket},{key},{version}\n"));
    }
    objects
        .push(serde_json::json!({"bucket": "manifest-bucket", "key": "rb.csv", "body": manifest}));
    objects.push(serde_json::json!({"bucket": "report-bucket", "key": "keep.txt", "body": ""}));
    let denied = serde_json::json!([
        { "bucket": PLAIN, "prefix": "p/00", "action": "oss:PutObjectTagging" },
        { "bucket": VERSIONED, "prefix": "v/01", "action": "oss:PutObjectAcl" },
    ]);
    (
        serde_json::json!({ "objects": objects, "denied": denied }),
        manifest,
    )
}

fn job(operation: &str, etag: &str) -> String {
    format!(
        "<CreateJobRequest><ConfirmationRequired>false</ConfirmationRequired><Operation>{operation}</Operation>\
         <Report><Bucket>report-bucket</Bucket><Enabled>true</Enabled><Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope></Report>\
         <Manifest><Location><ETag>{etag}</ETag><Bucket>manifest-bucket</Bucket><Object>rb.csv</Object></Location>\
         <Spec><Fields>Bucket,Key,VersionId</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest>\
         <Priority>1</Priority><RoleArn>acs:ram::1:role/batch</RoleArn></CreateJobRequest>"
    )
}

fn snapshot(standin: &StandIn, out: &std::path::Path, job: &std::path::Path, shard: Option<&str>) {
    let mut args = vec![
        "snapshot",
        "--concurrency",
        "8",
        "--out",
        path(out),
        path(job),
    ];
    if let Some(shard) = shard {
        args.splice(1..1, ["--shard", shard]);
    }
    let out = standin.ossbatch(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Runs the job to its end (some tasks fail: exit 3) and fetches its report: the CSV files.
fn run_job(standin: &StandIn, job: &std::path::Path, report: &std::path::Path) -> Vec<String> {
    let created = standin.ossbatch(&["submit", "--json", path(job)]);
    assert_eq!(created.status.code(), Some(0), "{}", stderr(&created));
    let id: serde_json::Value = serde_json::from_slice(&created.stdout).unwrap();
    let id = id["jobId"].as_str().unwrap().to_string();
    let waited = standin.ossbatch(&["jobs", "wait", &id, "--interval", "50ms"]);
    assert_eq!(
        waited.status.code(),
        Some(3),
        "planted failures: {}",
        stderr(&waited)
    );
    let fetched = standin.ossbatch(&["report", "fetch", &id, "--out", path(report)]);
    assert_eq!(fetched.status.code(), Some(0), "{}", stderr(&fetched));
    stdout(&fetched)
        .lines()
        .filter(|l| l.ends_with(".csv"))
        .map(String::from)
        .collect()
}

/// `rollback` (with `--submit` when asked) over `before`; its rollback.json.
fn rollback(
    standin: &StandIn,
    reports: &[String],
    max_jobs: &str,
    submit: bool,
    rdir: &std::path::Path,
    before: &std::path::Path,
) -> (serde_json::Value, String) {
    let mut args: Vec<&str> = vec!["rollback"];
    for csv in reports {
        args.extend(["--report", csv.as_str()]);
    }
    args.extend(["--max-jobs", max_jobs]);
    if submit {
        args.push("--submit");
    }
    args.extend(["--out", path(rdir), path(before)]);
    let out = standin.ossbatch(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let index = serde_json::from_str(&std::fs::read_to_string(rdir.join("rollback.json")).unwrap())
        .unwrap();
    let index = assert_schema_value("rollback", index);
    (index, stdout(&out))
}

/// Confirms and waits for every job `rollback --submit` printed (JobId, tab, file).
fn run_rollback_jobs(standin: &StandIn, printed: &str) -> usize {
    let mut count = 0;
    for line in printed.lines().filter(|l| l.contains('\t')) {
        let job_id = line.split('\t').next().unwrap();
        let confirmed = standin.ossbatch(&["jobs", "confirm", job_id]);
        assert_eq!(confirmed.status.code(), Some(0), "{}", stderr(&confirmed));
        let done = standin.ossbatch(&["jobs", "wait", job_id, "--interval", "50ms"]);
        assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
        count += 1;
    }
    count
}

fn objects_in(index: &serde_json::Value) -> u64 {
    let jobs: u64 = index["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["objects"].as_u64().unwrap())
        .sum();
    jobs + index["direct"]["objects"].as_u64().unwrap()
}

fn read(p: &std::path::Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn tag_sets_and_acls_come_back_byte_for_byte_in_versioned_and_unversioned_buckets() {
    let (seed, manifest) = corpus();
    let dir = work_dir("rollback-both");
    let (standin, etag) = start_with_manifest(&dir, &seed, "rb.csv", &manifest);
    let tagging = dir.join("tagging.xml");
    std::fs::write(&tagging, job("<PutObjectTagging><TagSet><Tag><Key>stage</Key><Value>done</Value></Tag></TagSet></PutObjectTagging>", &etag)).unwrap();
    let acl = dir.join("acl.xml");
    std::fs::write(
        &acl,
        job(
            "<PutObjectAcl><ObjectAcl>private</ObjectAcl></PutObjectAcl>",
            &etag,
        ),
    )
    .unwrap();

    // Before-images of both, then both jobs, each with 10 planted failures.
    let (before_tags, before_acls) = (dir.join("before-tags"), dir.join("before-acls"));
    snapshot(&standin, &before_tags, &tagging, None);
    snapshot(&standin, &before_acls, &acl, None);
    let tag_report = run_job(&standin, &tagging, &dir.join("report-tags"));
    let acl_report = run_job(&standin, &acl, &dir.join("report-acls"));
    let changed = dir.join("changed");
    snapshot(&standin, &changed, &tagging, None);
    assert_ne!(
        read(&changed.join("objects.jsonl")),
        read(&before_tags.join("objects.jsonl")),
        "the job changed the tags"
    );

    // Tags: four jobs, the rest (most tag sets are distinct) in the direct plan.
    let rdir = dir.join("rollback-tags");
    let (index, printed) = rollback(&standin, &tag_report, "4", true, &rdir, &before_tags);
    assert_eq!(
        objects_in(&index),
        510,
        "the 10 failed tasks changed nothing"
    );
    assert_eq!(index["jobs"].as_array().unwrap().len(), 4);
    assert!(index["direct"]["objects"].as_u64().unwrap() > 400);
    assert_eq!(run_rollback_jobs(&standin, &printed), 4);
    let applied = standin.ossbatch(&["rollback", "apply", "--concurrency", "8", path(&rdir)]);
    assert_eq!(applied.status.code(), Some(0), "{}", stderr(&applied));
    // Interrupted mid-record (the last half and a cut line lost): resumed, the rest done again.
    let record = read(&rdir.join("applied.jsonl"));
    let lines: Vec<&str> = record.lines().collect();
    let kept = lines[..100].join("\n") + "\n" + &lines[100][..10];
    std::fs::write(rdir.join("applied.jsonl"), kept).unwrap();
    let resumed = standin.ossbatch(&["rollback", "apply", path(&rdir)]);
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    assert!(
        stderr(&resumed).contains(&format!("resuming: 100 of {}", lines.len())),
        "{}",
        stderr(&resumed)
    );
    let again = standin.ossbatch(&["rollback", "apply", path(&rdir)]);
    assert!(
        stdout(&again).starts_with("0 objects restored, 0 not restored"),
        "{}",
        stdout(&again)
    );

    // ACLs: two jobs, the other two ACL values directly, in two shards.
    let rdir = dir.join("rollback-acls");
    let (index, printed) = rollback(&standin, &acl_report, "2", true, &rdir, &before_acls);
    assert_eq!(objects_in(&index), 510);
    assert!(index["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|j| j["operation"] == "PutObjectAcl"));
    assert_eq!(run_rollback_jobs(&standin, &printed), 2);
    for shard in ["1/2", "2/2"] {
        let applied = standin.ossbatch(&["rollback", "apply", "--shard", shard, path(&rdir)]);
        assert_eq!(applied.status.code(), Some(0), "{}", stderr(&applied));
    }
    let direct = rows(&rdir.join("direct.jsonl")).len();
    let recorded = rows(&rdir.join("applied-1-of-2.jsonl")).len()
        + rows(&rdir.join("applied-2-of-2.jsonl")).len();
    assert_eq!(
        recorded, direct,
        "the two shards are the direct plan, each object once"
    );

    // Every object as it was, byte for byte.
    for (before, job) in [(&before_tags, &tagging), (&before_acls, &acl)] {
        let after = dir.join(format!(
            "after-{}",
            before.file_name().unwrap().to_string_lossy()
        ));
        snapshot(&standin, &after, job, None);
        assert_eq!(
            read(&after.join("objects.jsonl")),
            read(&before.join("objects.jsonl"))
        );
    }

    // A snapshot in three shards rolls back to the same jobs and direct plan as the whole.
    let parts = dir.join("parts");
    for k in 1..=3 {
        snapshot(&standin, &parts, &tagging, Some(&format!("{k}/3")));
    }
    let (whole_dir, parts_dir) = (dir.join("from-whole"), dir.join("from-parts"));
    let (whole, _) = rollback(&standin, &[], "4", false, &whole_dir, &before_tags);
    let (sharded, _) = rollback(&standin, &[], "4", false, &parts_dir, &parts);
    assert_eq!(whole["jobs"], sharded["jobs"]);
    assert_eq!(whole["direct"], sharded["direct"]);
    assert_eq!(
        read(&whole_dir.join("direct.jsonl")),
        read(&parts_dir.join("direct.jsonl"))
    );
    // The builder's single-file form (the summary line, then the rows) reads as the directory does.
    let mut summary: serde_json::Value =
        serde_json::from_str(&read(&before_tags.join("snapshot.json"))).unwrap();
    summary["files"][0]["name"] = "(this file)".into();
    let single = dir.join("snapshot.jsonl");
    std::fs::write(
        &single,
        format!("{summary}\n{}", read(&before_tags.join("objects.jsonl"))),
    )
    .unwrap();
    let file_dir = dir.join("from-file");
    let (from_file, _) = rollback(&standin, &[], "4", false, &file_dir, &single);
    assert_eq!(whole["jobs"], from_file["jobs"]);
    assert_eq!(
        read(&whole_dir.join("direct.jsonl")),
        read(&file_dir.join("direct.jsonl"))
    );
    // Two of the three parts are not a whole: refused, not a silent partial rollback.
    std::fs::remove_file(parts.join("snapshot-2-of-3.json")).unwrap();
    let partial = standin.ossbatch(&["rollback", "--out", path(&dir.join("x")), path(&parts)]);
    assert_eq!(partial.status.code(), Some(2));
    assert!(
        stderr(&partial).contains("missing 2/3"),
        "{}",
        stderr(&partial)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_direct_plan_object_that_cannot_be_restored_is_listed_and_exits_3() {
    let dir = work_dir("rollback-apply-fail");
    let seed = serde_json::json!({"objects": [{"bucket": PLAIN, "key": "here", "body": "x"}]});
    let standin = start_on_seed(&dir, &seed);
    let rdir = dir.join("r");
    std::fs::create_dir_all(&rdir).unwrap();
    std::fs::write(
        rdir.join("rollback.json"),
        r#"{"jobs": [], "direct": {"file": "direct.jsonl", "objects": 2}, "source": {"jobId": "", "snapshot": ""}}"#,
    )
    .unwrap();
    std::fs::write(
        rdir.join("direct.jsonl"),
        format!(
            "{{\"bucket\":\"{PLAIN}\",\"key\":\"here\",\"versionId\":\"\",\"tags\":[[\"a\",\"1\"]]}}\n\
             {{\"bucket\":\"{PLAIN}\",\"key\":\"gone\",\"versionId\":\"\",\"acl\":\"private\"}}\n"
        ),
    )
    .unwrap();
    let out = standin.ossbatch(&["rollback", "apply", path(&rdir)]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not restored: rb-plain/gone"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("NoSuchKey"), "{}", stderr(&out));
    let record = rows(&rdir.join("applied.jsonl"));
    assert_eq!(record[0]["outcome"], "restored");
    assert_eq!(record[1]["outcome"], "failed");
    // A line naming both a tag set and an ACL is bad input, named by its line.
    std::fs::write(
        rdir.join("direct.jsonl"),
        format!("{{\"bucket\":\"{PLAIN}\",\"key\":\"here\",\"tags\":[],\"acl\":\"private\"}}\n"),
    )
    .unwrap();
    let out = standin.ossbatch(&["rollback", "apply", path(&rdir)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("direct.jsonl:1:"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}
