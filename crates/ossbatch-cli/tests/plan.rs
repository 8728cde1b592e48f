//! `ossbatch plan` against the OSS stand-in (issue #30): on a generated corpus of more than a
//! thousand objects with planted defects, the rows the plan predicts to fail are exactly the rows
//! the stand-in's report then lists as failed, for each operation (precision and recall 100 %); the
//! running job on the same prefix is named; the fixed manifest's job completes with no failure; the
//! `--json` output holds to its schema; `submit --plan` refuses a changed manifest.
//!
//! The stand-in's outcomes come from OSS's documents (tests/oss-standin/objects.py), not from the
//! plan's code: a disagreement fails here.

mod common;

use std::collections::BTreeMap;

use common::*;

const CLASSES: [&str; 5] = ["Standard", "IA", "Archive", "ColdArchive", "Standard"];
const ACLS: [&str; 4] = ["default", "private", "public-read", "public-read-write"];

/// The corpus: the stand-in's seed (objects, lifecycle) and the manifest rows.
struct Corpus {
    seed: serde_json::Value,
    manifest: String,
}

fn corpus() -> Corpus {
    let mut rng = Rng(0x5EED_0030);
    let mut objects = Vec::new();
    let mut rows = Vec::new();
    let row = |rows: &mut Vec<String>, bucket: &str, key: &str, version: &str| {
        let quoted = if key.contains([',', '"']) {
            format!("\"{}\"", key.replace('"', "\"\""))
        } else {
            key.to_string()
        };
        rows.push(format!("{bucket},{quoted},{version}"));
    };
    for i in 0..1000 {
        let class = CLASSES[rng.below(5) as usize];
        let archived = matches!(class, "Archive" | "ColdArchive");
        let restore = match (archived, rng.below(3)) {
            (true, 1) => Some("ongoing"),
            (true, 2) => Some("done"),
            _ => None,
        };
        // 0 to 9 tags: with the job's two, some pass the limit of 10.
        let tags: Vec<(String, String)> = (0..rng.below(10))
            .map(|t| (format!("k{t}"), format!("v{}", rng.below(3))))
            .collect();
        let key = if i % 50 == 7 {
            format!("p/dir{i}/")
        } else {
            format!("p/{i:04}.dat")
        };
        let versioned = i % 40 == 3;
        objects.push(serde_json::json!({
            "bucket": "plan-data", "key": key, "body": "x".repeat((i % 7) as usize),
            "storageClass": class, "tags": tags, "acl": ACLS[rng.below(4) as usize],
            "versionId": if versioned { Some("v1") } else { None }, "restore": restore,
        }));
        // A version the object does not have, on some versioned objects.
        let version = if versioned && i % 80 == 3 { "v2" } else { "" };
        row(&mut rows, "plan-data", &key, version);
        if i % 67 == 5 {
            row(&mut rows, "plan-data", &key, version); // a duplicate row
        }
    }
    for i in 0..30 {
        row(&mut rows, "plan-data", &format!("p/missing-{i}.dat"), "");
    }
    // Keys with a space, written URL-encoded in the manifest: the other encoding exists.
    for i in 0..20 {
        let key = format!("p/with space {i}.dat");
        objects.push(serde_json::json!({"bucket": "plan-data", "key": key, "body": "s"}));
        row(&mut rows, "plan-data", &key.replace(' ', "%20"), "");
    }
    for i in 0..3 {
        row(&mut rows, "plan-nobucket", &format!("p/{i}.dat"), "");
    }
    let manifest = rows.join("\n") + "\n";
    objects.push(
        serde_json::json!({"bucket": "manifest-bucket", "key": "plan.csv", "body": manifest}),
    );
    objects.push(serde_json::json!({"bucket": "report-bucket", "key": "keep.txt", "body": ""}));
    let lifecycle = r#"<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration><Rule><ID>expire-stage-done</ID><Prefix>p/</Prefix><Status>Enabled</Status><Tag><Key>stage</Key><Value>done</Value></Tag><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>"#;
    Corpus {
        seed: serde_json::json!({ "objects": objects, "lifecycle": { "plan-data": lifecycle } }),
        manifest,
    }
}

fn job_xml(operation: &str, object: &str, etag: &str, description: &str) -> String {
    format!(
        "<CreateJobRequest><ConfirmationRequired>false</ConfirmationRequired><Operation>{operation}</Operation>\
         <Report><Bucket>report-bucket</Bucket><Enabled>true</Enabled><Prefix>reports</Prefix><ReportScope>AllTasks</ReportScope></Report>\
         <Manifest><Location><ETag>{etag}</ETag><Bucket>manifest-bucket</Bucket><Object>{object}</Object></Location>\
         <Spec><Fields>Bucket,Key,VersionId</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest>\
         <Description>{description}</Description><Priority>10</Priority><RoleArn>acs:ram::1:role/batch</RoleArn></CreateJobRequest>"
    )
}

/// (bucket, key, version) → how many rows, of the rows a CSV lists with `status`.
type Rows = BTreeMap<(String, String, String), u32>;

fn count(rows: impl Iterator<Item = (String, String, String)>) -> Rows {
    let mut counted = Rows::new();
    for row in rows {
        *counted.entry(row).or_default() += 1;
    }
    counted
}

fn csv_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// Runs the job and reads its report: the failed rows.
fn failed_in_report(standin: &StandIn, job: &std::path::Path, dir: &std::path::Path) -> Rows {
    let created = standin.ossbatch(&["submit", "--json", job.to_str().unwrap()]);
    assert_eq!(created.status.code(), Some(0), "{}", stderr(&created));
    let id: serde_json::Value = serde_json::from_slice(&created.stdout).unwrap();
    let id = id["jobId"].as_str().unwrap().to_string();
    let waited = standin.ossbatch(&["jobs", "wait", &id, "--interval", "50ms"]);
    assert!(
        matches!(waited.status.code(), Some(0 | 3)),
        "{}",
        stderr(&waited)
    );
    let out = dir.join("report");
    let fetched = standin.ossbatch(&["report", "fetch", &id, "--out", out.to_str().unwrap()]);
    assert_eq!(fetched.status.code(), Some(0), "{}", stderr(&fetched));
    let mut failed = Vec::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            for row in csv_rows(&path) {
                if row[3] == "failed" {
                    failed.push((row[0].clone(), row[1].clone(), row[2].clone()));
                }
            }
        }
    }
    count(failed.into_iter())
}

struct Case {
    name: &'static str,
    operation: &'static str,
}

const CASES: [Case; 5] = [
    Case {
        name: "put-tagging",
        operation: "<PutObjectTagging><TagSet><Tag><Key>stage</Key><Value>done</Value></Tag><Tag><Key>owner</Key><Value>ops</Value></Tag></TagSet></PutObjectTagging>",
    },
    Case {
        name: "add-tagging",
        operation: "<AddObjectTagging><TagSet><Tag><Key>stage</Key><Value>done</Value></Tag><Tag><Key>owner</Key><Value>ops</Value></Tag></TagSet></AddObjectTagging>",
    },
    Case {
        name: "delete-tagging",
        operation: "<DeleteObjectTagging></DeleteObjectTagging>",
    },
    Case {
        name: "put-acl",
        operation: "<PutObjectAcl><ObjectAcl>private</ObjectAcl></PutObjectAcl>",
    },
    Case {
        name: "restore",
        operation: "<RestoreObject><Days>1</Days><Tier>Standard</Tier></RestoreObject>",
    },
];

#[test]
fn the_rows_predicted_to_fail_are_exactly_the_rows_that_fail_for_every_operation() {
    let corpus = corpus();
    let lines = corpus.manifest.lines().count();
    assert!(lines > 1000, "{lines} rows");
    for case in &CASES {
        let dir = work_dir(case.name);
        let seed_path = dir.join("seed.json");
        let (standin, etag) = start_with_manifest(&dir, &corpus.seed, "plan.csv", &corpus.manifest);
        let job = dir.join("job.xml");
        std::fs::write(&job, job_xml(case.operation, "plan.csv", &etag, case.name)).unwrap();
        let tag_job = case.name.ends_with("tagging") && case.name != "delete-tagging";
        if case.name == "put-tagging" {
            // A job waiting for confirmation over the same prefix: a running job the plan must name.
            let other = dir.join("other.xml");
            std::fs::write(&other, "<CreateJobRequest><ConfirmationRequired>true</ConfirmationRequired><Operation><DeleteObjectTagging></DeleteObjectTagging></Operation><Report><Enabled>false</Enabled></Report><KeyPrefixManifestGenerator><SourceBucket>plan-data</SourceBucket><Prefix>p/</Prefix></KeyPrefixManifestGenerator><Priority>1</Priority><RoleArn>acs:ram::1:role/batch</RoleArn></CreateJobRequest>").unwrap();
            let made = standin.ossbatch(&["submit", other.to_str().unwrap()]);
            assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
        }
        let rows_path = dir.join("rows.csv");
        let fixed_path = dir.join("fixed.csv");
        let planned = standin.ossbatch(&[
            "plan",
            "--json",
            "--concurrency",
            "8",
            "--rows",
            rows_path.to_str().unwrap(),
            "--fix-manifest",
            fixed_path.to_str().unwrap(),
            job.to_str().unwrap(),
        ]);
        let summary = assert_schema("plan", &planned);
        let expected_exit = if case.name == "put-tagging" { 4 } else { 3 };
        assert_eq!(
            planned.status.code(),
            Some(expected_exit),
            "{}: {}",
            case.name,
            stderr(&planned)
        );
        if case.name == "put-tagging" {
            let collisions = summary["collisions"].as_array().unwrap();
            assert_eq!(collisions.len(), 1, "{summary:#}");
            assert_eq!(collisions[0]["how"], "manifest-in-prefix");
            assert_eq!(collisions[0]["status"], "Suspended");
        }
        if tag_job {
            let rule = summary["lifecycle"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h["ruleId"] == "expire-stage-done")
                .unwrap_or_else(|| {
                    panic!("{}: the lifecycle rule is named: {summary:#}", case.name)
                });
            assert_eq!(
                (rule["action"].as_str(), rule["days"].as_u64()),
                (Some("Expiration"), Some(3))
            );
            assert!(rule["objects"].as_u64().unwrap() > 100);
        }
        assert_eq!(summary["targets"].as_u64(), Some(lines as u64));
        assert_eq!(
            summary["cost"]["total"],
            serde_json::Value::Null,
            "no source prices a batch job"
        );
        // One line per target (`bucket,key,versionId,prediction,code`), no header.
        let predicted_rows = csv_rows(&rows_path);
        assert_eq!(predicted_rows.len(), lines);
        assert!(predicted_rows
            .iter()
            .all(|r| r.len() == 5 && ["succeed", "fail", "warn"].contains(&r[3].as_str())));
        let predicted = count(
            predicted_rows
                .iter()
                .filter(|r| r[3] == "fail")
                .map(|r| (r[0].clone(), r[1].clone(), r[2].clone())),
        );
        assert_eq!(
            summary["predicted"]["fail"].as_u64(),
            Some(predicted.values().map(|n| *n as u64).sum())
        );
        let failed = failed_in_report(&standin, &job, &dir);
        assert!(
            !failed.is_empty(),
            "{}: the corpus plants failures",
            case.name
        );
        let missed: Vec<_> = failed
            .iter()
            .filter(|(k, n)| predicted.get(*k) != Some(n))
            .collect();
        let wrong: Vec<_> = predicted
            .iter()
            .filter(|(k, n)| failed.get(*k) != Some(n))
            .collect();
        assert!(
            missed.is_empty() && wrong.is_empty(),
            "{}: failed but not predicted (recall) {missed:?}; predicted but did not fail (precision) {wrong:?}",
            case.name
        );
        drop(standin);

        // The fixed manifest, on the state the plan read: its job completes with no failure.
        let mut seed = corpus.seed.clone();
        seed["objects"].as_array_mut().unwrap().push(serde_json::json!({
            "bucket": "manifest-bucket", "key": "fixed.csv", "body": std::fs::read_to_string(&fixed_path).unwrap(),
        }));
        std::fs::write(&seed_path, seed.to_string()).unwrap();
        let standin = StandIn::start(&["--objects", seed_path.to_str().unwrap()]);
        let fixed_etag = summary["fixedManifestETag"].as_str().unwrap().to_string();
        assert_eq!(fixed_etag, etag_of(&standin, &fixed_path));
        let fixed_job = dir.join("fixed.xml");
        std::fs::write(
            &fixed_job,
            job_xml(case.operation, "fixed.csv", &fixed_etag, "fixed"),
        )
        .unwrap();
        let replan = standin.ossbatch(&["plan", "--json", fixed_job.to_str().unwrap()]);
        assert_eq!(
            replan.status.code(),
            Some(0),
            "{}: {}",
            case.name,
            stdout(&replan)
        );
        assert!(
            failed_in_report(&standin, &fixed_job, &dir.join("fixed")).is_empty(),
            "{}",
            case.name
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The corpus as a bucket inventory: manifest.json and one gzip data file (keys URL-encoded, every
/// field quoted), of the objects in `plan-data`.
fn inventory_of(seed: &serde_json::Value, dir: &std::path::Path) -> std::path::PathBuf {
    use std::io::Write;
    let mut csv = String::new();
    for object in seed["objects"].as_array().unwrap() {
        if object["bucket"] != "plan-data" {
            continue;
        }
        let key: String = object["key"]
            .as_str()
            .unwrap()
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                other => format!("%{other:02X}"),
            })
            .collect();
        let class = object["storageClass"].as_str().unwrap_or("Standard");
        let size = object["body"].as_str().unwrap_or("").len();
        let version = object["versionId"].as_str().unwrap_or("");
        let acl = object["acl"].as_str().unwrap_or("default");
        let tags = object["tags"].as_array().map_or(0, Vec::len);
        csv.push_str(&format!(
            "\"plan-data\",\"{key}\",\"{version}\",\"true\",\"false\",\"{size}\",\"{class}\",\"2026-11-30T10:00:00.000Z\",\"E\",\"false\",\"\",\"{acl}\",\"{tags}\"\n"
        ));
    }
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(csv.as_bytes()).unwrap();
    std::fs::write(data.join("part-0.csv.gz"), gz.finish().unwrap()).unwrap();
    let at = dir.join("2026-12-06T00-00Z");
    std::fs::create_dir_all(&at).unwrap();
    let manifest = at.join("manifest.json");
    std::fs::write(&manifest, serde_json::json!({
        "creationTimestamp": "1764979200", "destinationBucket": "inv-dest", "fileFormat": "CSV",
        "fileSchema": "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, StorageClass, LastModifiedDate, ETag, IsMultipartUploaded, EncryptionStatus, ObjectAcl, TaggingCount",
        "files": [{"key": "inv-dest/plan-data/inv/data/part-0.csv.gz"}], "sourceBucket": "plan-data", "version": "2019-09-01",
    }).to_string()).unwrap();
    manifest
}

#[test]
fn an_inventory_predicts_the_rows_live_reads_predict_and_a_sample_says_so() {
    let corpus = corpus();
    let dir = work_dir("inventory");
    let (standin, etag) = start_with_manifest(&dir, &corpus.seed, "plan.csv", &corpus.manifest);
    let manifest_path = dir.join("plan.csv");
    let inventory = inventory_of(&corpus.seed, &dir);
    // AddObjectTagging (tags read only for objects the inventory counts some on), PutObjectAcl (the
    // ACL from the inventory's ObjectAcl column), RestoreObject (restore state read for archived
    // objects only).
    for case in [&CASES[1], &CASES[3], &CASES[4]] {
        let job = dir.join(format!("{}.xml", case.name));
        std::fs::write(&job, job_xml(case.operation, "plan.csv", &etag, case.name)).unwrap();
        let rows = |name: &str, extra: &[&str]| {
            let path = dir.join(name);
            let mut args = vec![
                "plan",
                "--json",
                "--manifest",
                manifest_path.to_str().unwrap(),
                "--rows",
                path.to_str().unwrap(),
            ];
            args.extend_from_slice(extra);
            args.push(job.to_str().unwrap());
            let out = standin.ossbatch(&args);
            assert_eq!(
                out.status.code(),
                Some(3),
                "{}: {}",
                case.name,
                stderr(&out)
            );
            std::fs::read_to_string(path).unwrap()
        };
        let live = rows("live.csv", &[]);
        let from_inventory = rows(
            "inventory.csv",
            &["--inventory", inventory.to_str().unwrap()],
        );
        assert_eq!(
            from_inventory, live,
            "{}: the inventory's predictions are the live reads'",
            case.name
        );
    }
    // A seeded sample: predictions for the sample only, scaled with an interval around the whole.
    let job = dir.join(format!("{}.xml", CASES[4].name));
    let sampled = standin.ossbatch_with(
        &[
            "plan",
            "--json",
            "--sample",
            "200",
            "--manifest",
            manifest_path.to_str().unwrap(),
            job.to_str().unwrap(),
        ],
        &[
            ("OSS_ACCESS_KEY_ID", KEY),
            ("OSS_ACCESS_KEY_SECRET", SECRET),
            ("OSSBATCH_SEED", "7"),
        ],
    );
    let value = assert_schema("plan", &sampled);
    assert_eq!(
        (value["sampled"].as_bool(), value["inspected"].as_u64()),
        (Some(true), Some(200))
    );
    let [low, high] = [
        value["estimate"]["fail"][0].as_u64().unwrap(),
        value["estimate"]["fail"][1].as_u64().unwrap(),
    ];
    let whole = standin.ossbatch(&[
        "plan",
        "--json",
        "--manifest",
        manifest_path.to_str().unwrap(),
        job.to_str().unwrap(),
    ]);
    let fail = serde_json::from_slice::<serde_json::Value>(&whole.stdout).unwrap()["predicted"]
        ["fail"]
        .as_u64()
        .unwrap();
    assert!(
        low <= fail && fail <= high,
        "the whole's {fail} failures within the sample's interval [{low}, {high}]"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn submit_with_a_plan_refuses_a_changed_manifest_or_job() {
    let corpus = corpus();
    let dir = work_dir("pinned");
    let seed_path = dir.join("seed.json");
    let (standin, etag) = start_with_manifest(&dir, &corpus.seed, "plan.csv", &corpus.manifest);
    let job = dir.join("job.xml");
    std::fs::write(
        &job,
        job_xml(CASES[3].operation, "plan.csv", &etag, "pinned"),
    )
    .unwrap();
    let pinned = dir.join("plan.json");
    let planned = standin.ossbatch(&[
        "plan",
        "--out",
        pinned.to_str().unwrap(),
        job.to_str().unwrap(),
    ]);
    assert_eq!(planned.status.code(), Some(3), "{}", stderr(&planned));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&pinned).unwrap()).unwrap();
    assert_eq!(written["manifestETag"].as_str(), Some(etag.as_str()));
    assert!(written["stateReadAt"].as_str().unwrap().ends_with('Z'));
    // The job changed since the plan: refused, nothing created.
    let changed_job = dir.join("changed.xml");
    std::fs::write(
        &changed_job,
        job_xml(CASES[3].operation, "plan.csv", &etag, "pinned but edited"),
    )
    .unwrap();
    let refused = standin.ossbatch(&[
        "submit",
        "--plan",
        pinned.to_str().unwrap(),
        changed_job.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("the job differs from the planned one"),
        "{}",
        stderr(&refused)
    );
    let listed = stdout(&standin.ossbatch(&["jobs", "list", "--json"]));
    assert!(listed.contains("\"jobs\": []"), "{listed}");
    drop(standin);
    // The manifest object changed since the plan (same key, other rows).
    let mut seed = corpus.seed.clone();
    for object in seed["objects"].as_array_mut().unwrap() {
        if object["key"] == "plan.csv" {
            object["body"] = serde_json::json!("plan-data,p/0001.dat,\n");
        }
    }
    std::fs::write(&seed_path, seed.to_string()).unwrap();
    let standin = StandIn::start(&["--objects", seed_path.to_str().unwrap()]);
    let refused = standin.ossbatch(&[
        "submit",
        "--plan",
        pinned.to_str().unwrap(),
        job.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("the manifest changed since the plan"),
        "{}",
        stderr(&refused)
    );
    // Unchanged: submitted.
    drop(standin);
    std::fs::write(&seed_path, corpus.seed.to_string()).unwrap();
    let standin = StandIn::start(&["--objects", seed_path.to_str().unwrap()]);
    let sent = standin.ossbatch(&[
        "submit",
        "--plan",
        pinned.to_str().unwrap(),
        job.to_str().unwrap(),
    ]);
    assert_eq!(sent.status.code(), Some(0), "{}", stderr(&sent));
    let _ = std::fs::remove_dir_all(&dir);
}
