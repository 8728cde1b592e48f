//! `ossbatch snapshot` against the OSS stand-in (issue #31): before-images of 500 objects with random
//! tag sets drawn from OSS's whole tag alphabet (letters of any script, digits, spaces and
//! `+ - = . _ : /`, empty values) and all four ACLs are exactly what the objects hold, order kept; the
//! three shards together are the whole, each row once; a run cut in the middle of a line and resumed
//! writes the same bytes as one never interrupted.

mod common;

use std::collections::BTreeMap;

use common::*;

type Image = (Vec<(String, String)>, String);

/// The seed and each object's before-image.
fn corpus() -> (serde_json::Value, String, BTreeMap<String, Image>) {
    let mut rng = Rng(0x5EED_0031);
    let mut objects = Vec::new();
    let mut images = BTreeMap::new();
    let mut manifest = String::new();
    for i in 0..500 {
        let key = format!("s/{i:03}-{}", word(&mut rng, 0, 3).replace(['/', ' '], "_"));
        let tags = tag_set(&mut rng);
        let acl = ACLS[rng.below(4) as usize].to_string();
        objects.push(serde_json::json!({"bucket": "snap-data", "key": key, "body": "x", "tags": tags, "acl": acl}));
        let quoted = if key.contains([',', '"']) {
            format!("\"{}\"", key.replace('"', "\"\""))
        } else {
            key.clone()
        };
        manifest.push_str(&format!("snap-data,{quoted}\n"));
        images.insert(key, (tags, acl));
    }
    manifest.push_str("snap-data,s/missing\n");
    objects.push(
        serde_json::json!({"bucket": "manifest-bucket", "key": "snap.csv", "body": manifest}),
    );
    (serde_json::json!({ "objects": objects }), manifest, images)
}

fn job(operation: &str, etag: &str) -> String {
    format!(
        "<CreateJobRequest><ConfirmationRequired>true</ConfirmationRequired><Operation>{operation}</Operation>\
         <Report><Enabled>false</Enabled></Report><Manifest><Location><ETag>{etag}</ETag><Bucket>manifest-bucket</Bucket><Object>snap.csv</Object></Location>\
         <Spec><Fields>Bucket,Key</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest>\
         <Priority>1</Priority><RoleArn>acs:ram::1:role/batch</RoleArn></CreateJobRequest>"
    )
}

#[test]
fn before_images_are_exact_shards_cover_the_whole_and_a_resumed_run_writes_the_same_bytes() {
    let (seed, manifest, images) = corpus();
    let dir = work_dir("main");
    let (standin, etag) = start_with_manifest(&dir, &seed, "snap.csv", &manifest);
    let tagging = dir.join("tagging.xml");
    std::fs::write(&tagging, job("<PutObjectTagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></PutObjectTagging>", &etag)).unwrap();
    let acl = dir.join("acl.xml");
    std::fs::write(
        &acl,
        job(
            "<PutObjectAcl><ObjectAcl>private</ObjectAcl></PutObjectAcl>",
            &etag,
        ),
    )
    .unwrap();

    // The whole: every object's tag set exactly, order kept; the missing one said so.
    let whole = dir.join("whole");
    let out = standin.ossbatch(&[
        "snapshot",
        "--concurrency",
        "8",
        "--out",
        whole.to_str().unwrap(),
        tagging.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let read = rows(&whole.join("objects.jsonl"));
    assert_eq!(read.len(), images.len() + 1);
    for row in &read {
        let key = row["key"].as_str().unwrap();
        match images.get(key) {
            Some((tags, _)) => {
                let got: Vec<(String, String)> =
                    serde_json::from_value(row["tags"].clone()).unwrap();
                assert_eq!(&got, tags, "{key}");
            }
            None => assert_eq!(row["missing"], "key", "{key}"),
        }
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(whole.join("snapshot.json")).unwrap())
            .unwrap();
    let bytes = std::fs::read(whole.join("objects.jsonl")).unwrap();
    let md5 = stdout(&standin.ossbatch(&[
        "manifest",
        "etag",
        whole.join("objects.jsonl").to_str().unwrap(),
    ]));
    assert_eq!(summary["files"][0]["md5"].as_str(), Some(md5.trim()));
    assert_eq!(summary["objects"], images.len() + 1);
    assert_schema_value("snapshot", summary.clone());

    // The plan's reads saved as a snapshot: the same rows, byte for byte (no object read twice).
    let from_plan = dir.join("from-plan");
    let out = standin.ossbatch(&[
        "plan",
        "--snapshot",
        from_plan.to_str().unwrap(),
        tagging.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "the missing row: {}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(from_plan.join("objects.jsonl")).unwrap(),
        bytes
    );
    let planned: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(from_plan.join("snapshot.json")).unwrap())
            .unwrap();
    assert_schema_value("snapshot", planned.clone());
    assert_eq!(planned["files"], summary["files"]);
    assert_eq!(planned["jobSha256"], summary["jobSha256"]);
    assert!(
        !String::from_utf8_lossy(&bytes).contains(SECRET),
        "no secret in a snapshot"
    );

    // ACLs: all four values as the objects hold them.
    let acls = dir.join("acls");
    let out = standin.ossbatch(&[
        "snapshot",
        "--out",
        acls.to_str().unwrap(),
        acl.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for row in rows(&acls.join("objects.jsonl")) {
        if let Some((_, expected)) = images.get(row["key"].as_str().unwrap()) {
            assert_eq!(row["acl"].as_str(), Some(expected.as_str()));
        }
    }

    // Three shards: disjoint, together the whole.
    let mut union: Vec<String> = Vec::new();
    for k in 1..=3 {
        let out = standin.ossbatch(&[
            "snapshot",
            "--shard",
            &format!("{k}/3"),
            "--out",
            whole.to_str().unwrap(),
            tagging.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = std::fs::read_to_string(whole.join(format!("objects-{k}-of-3.jsonl"))).unwrap();
        assert!(!text.is_empty(), "shard {k} holds objects");
        union.extend(text.lines().map(String::from));
    }
    let mut expected: Vec<String> = String::from_utf8(bytes.clone())
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    union.sort();
    expected.sort();
    assert_eq!(union, expected, "each row once, none missing");

    // Cut in the middle of a line, then resumed: the same bytes.
    let cut = dir.join("cut");
    std::fs::create_dir_all(&cut).unwrap();
    let half = bytes.len() / 2;
    std::fs::write(cut.join("objects.jsonl"), &bytes[..half]).unwrap();
    assert_ne!(bytes[half - 1], b'\n', "the cut falls inside a line");
    let out = standin.ossbatch(&[
        "snapshot",
        "--resume",
        "--out",
        cut.to_str().unwrap(),
        tagging.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("resuming after"), "{}", stderr(&out));
    assert_eq!(std::fs::read(cut.join("objects.jsonl")).unwrap(), bytes);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_shard_is_bad_input() {
    let dir = work_dir("bad");
    let file = dir.join("job.xml");
    std::fs::write(
        &file,
        job(
            "<DeleteObjectTagging></DeleteObjectTagging>",
            "d41d8cd98f00b204e9800998ecf8427e",
        ),
    )
    .unwrap();
    let standin = StandIn::start(&[]);
    let out = standin.ossbatch(&[
        "snapshot",
        "--shard",
        "4/3",
        "--out",
        dir.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("K must be 1 to N"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_rollback_puts_every_tag_set_back_after_a_job_with_planted_failures() {
    let (mut seed, _, images) = corpus();
    // 60 objects, and a prefix the job's role may not tag: those tasks fail and those objects do not
    // change (the report says so; the rollback leaves them out).
    let objects: Vec<serde_json::Value> = seed["objects"].as_array().unwrap()[..60].to_vec();
    let manifest: String = objects
        .iter()
        .map(|o| format!("snap-data,{}\n", o["key"].as_str().unwrap()))
        .collect();
    let mut all = objects.clone();
    all.push(serde_json::json!({"bucket": "manifest-bucket", "key": "snap.csv", "body": manifest}));
    all.push(serde_json::json!({"bucket": "report-bucket", "key": "keep.txt", "body": ""}));
    seed["objects"] = all.into();
    seed["denied"] = serde_json::json!([{ "bucket": "snap-data", "prefix": "s/00", "action": "oss:PutObjectTagging" }]);
    let dir = work_dir("rollback");
    let (standin, etag) = start_with_manifest(&dir, &seed, "snap.csv", &manifest);
    let job_path = dir.join("job.xml");
    std::fs::write(&job_path, job("<PutObjectTagging><TagSet><Tag><Key>stage</Key><Value>done</Value></Tag></TagSet></PutObjectTagging>", &etag)
        .replace("<Report><Enabled>false</Enabled></Report>", "<Report><Bucket>report-bucket</Bucket><Enabled>true</Enabled><Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope></Report>")
        .replace("<ConfirmationRequired>true</ConfirmationRequired>", "<ConfirmationRequired>false</ConfirmationRequired>")).unwrap();

    let before = dir.join("before");
    let out = standin.ossbatch(&[
        "snapshot",
        "--out",
        before.to_str().unwrap(),
        job_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let created = standin.ossbatch(&["submit", "--json", job_path.to_str().unwrap()]);
    let id: serde_json::Value = serde_json::from_slice(&created.stdout).unwrap();
    let id = id["jobId"].as_str().unwrap().to_string();
    let waited = standin.ossbatch(&["jobs", "wait", &id, "--interval", "50ms"]);
    assert_eq!(
        waited.status.code(),
        Some(3),
        "some tasks failed: {}",
        stderr(&waited)
    );
    let report = dir.join("report");
    let fetched = standin.ossbatch(&["report", "fetch", &id, "--out", report.to_str().unwrap()]);
    assert_eq!(fetched.status.code(), Some(0), "{}", stderr(&fetched));
    let csvs: Vec<String> = stdout(&fetched)
        .lines()
        .filter(|l| l.ends_with(".csv"))
        .map(String::from)
        .collect();

    let rdir = dir.join("rollback");
    let mut args = vec!["rollback".to_string()];
    for csv in &csvs {
        args.extend(["--report".to_string(), csv.clone()]);
    }
    // Every distinct before-image its own job here (the direct plan beyond --max-jobs is carried out
    // by `rollback apply`).
    args.extend(
        [
            "--max-jobs",
            "100",
            "--submit",
            "--out",
            rdir.to_str().unwrap(),
            before.to_str().unwrap(),
        ]
        .map(String::from),
    );
    let rolled = standin.ossbatch(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(rolled.status.code(), Some(0), "{}", stderr(&rolled));
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(rdir.join("rollback.json")).unwrap())
            .unwrap();
    let jobs = index["jobs"].as_array().unwrap();
    let changed: u64 = jobs.iter().map(|j| j["objects"].as_u64().unwrap()).sum();
    assert_eq!(
        changed, 50,
        "the 10 objects whose tasks failed did not change"
    );
    assert_eq!(index["direct"]["objects"], 0);
    assert!(
        jobs.iter().any(|j| j["operation"] == "DeleteObjectTagging"),
        "objects that had no tags"
    );
    for line in stdout(&rolled).lines().filter(|l| l.contains('\t')) {
        let job_id = line.split('\t').next().unwrap();
        let confirmed = standin.ossbatch(&["jobs", "confirm", job_id]);
        assert_eq!(confirmed.status.code(), Some(0), "{}", stderr(&confirmed));
        let done = standin.ossbatch(&["jobs", "wait", job_id, "--interval", "50ms"]);
        assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    }
    // Every object's tag set as it was before the job, byte for byte.
    let after = dir.join("after");
    let out = standin.ossbatch(&[
        "snapshot",
        "--out",
        after.to_str().unwrap(),
        job_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(after.join("objects.jsonl")).unwrap(),
        std::fs::read_to_string(before.join("objects.jsonl")).unwrap()
    );
    assert!(images.len() >= 60);
    let _ = std::fs::remove_dir_all(&dir);
}
