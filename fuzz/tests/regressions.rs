//! Replays, through each target's properties, its seeds and every finding kept under
//! `fuzz/regressions/<target>/` (a file there is an input that once broke a property; the fix made
//! it pass), and the 1 MiB worst cases that bound time and memory.

use std::time::Instant;

use ossbatch_fuzz::{seeds, TARGETS};

#[test]
fn seeds_and_kept_findings_hold_every_property() {
    let kept = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut replayed = 0;
    for (target, check) in TARGETS {
        for seed in seeds(target) {
            check(&seed);
            replayed += 1;
        }
        // Kept findings, and the corpus kept for the npm package's test (fuzz/corpus/README.md).
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let entries: Vec<_> = [kept.join(target), corpus.join(target)]
            .iter()
            .filter_map(|dir| std::fs::read_dir(dir).ok())
            .flatten()
            .collect();
        for entry in entries {
            let path = entry.expect("a kept finding").path();
            let input = std::fs::read(&path).expect("read a kept finding");
            eprintln!("{target}: {}", path.display());
            check(&input);
            replayed += 1;
        }
    }
    assert!(
        replayed >= 2 * TARGETS.len(),
        "replayed only {replayed} inputs"
    );
}

/// Inputs at the 1 MiB limit built to be expensive: the deepest nesting allowed, the most elements,
/// the most entity and character references, the longest names. Each must hold the properties (the
/// heap bound included); the time each takes is printed for docs/benchmarks.md, not asserted.
#[test]
fn worst_cases_at_the_size_limit() {
    const LIMIT: usize = 1024 * 1024;
    fn fill(head: &str, unit: &str, tail: &str) -> Vec<u8> {
        let room = LIMIT - head.len() - tail.len();
        let mut text = String::with_capacity(LIMIT);
        text.push_str(head);
        text.push_str(&unit.repeat(room / unit.len()));
        text.push_str(tail);
        text.into_bytes()
    }
    let tag = "<Tag><Key>k</Key><Value>v</Value></Tag>";
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "createjob_xml",
            "many tags",
            fill(
                "<CreateJobRequest><Operation><PutObjectTagging><TagSet>",
                tag,
                "</TagSet></PutObjectTagging></Operation></CreateJobRequest>",
            ),
        ),
        (
            "createjob_xml",
            "entity references",
            fill(
                "<CreateJobRequest><Description>",
                "&amp;",
                "</Description></CreateJobRequest>",
            ),
        ),
        (
            "createjob_xml",
            "character references",
            fill(
                "<CreateJobRequest><Description>",
                "&#x1F600;",
                "</Description></CreateJobRequest>",
            ),
        ),
        (
            "createjob_xml",
            "repeated unknown siblings",
            fill(
                "<CreateJobRequest>",
                "<Report></Report>",
                "</CreateJobRequest>",
            ),
        ),
        (
            "createjob_xml",
            "unclosed nesting",
            fill("<CreateJobRequest>", "<Operation>", ""),
        ),
        (
            "createjob_xml",
            "one long name",
            fill("<CreateJobRequest><", "N", "/></CreateJobRequest>"),
        ),
        (
            "createjob_xml",
            "attributes",
            fill("<CreateJobRequest", " a=\"1\"", "/>"),
        ),
        (
            "createjob_xml",
            "comments",
            fill("<CreateJobRequest>", "<!---->", "</CreateJobRequest>"),
        ),
        (
            "createjob_xml",
            "CDATA",
            fill(
                "<CreateJobRequest><Description><![CDATA[",
                "]]]>",
                "]]></Description></CreateJobRequest>",
            ),
        ),
        ("createjob_xml", "one byte over the limit", {
            let mut over = fill(
                "<CreateJobRequest><Description>",
                "x",
                "</Description></CreateJobRequest>",
            );
            over.insert(40, b'x');
            over
        }),
        (
            "createjob_json",
            "many tags",
            fill(
                "{\"Operation\":{\"PutObjectTagging\":{\"TagSet\":[",
                "{\"Key\":\"k\"},",
                "{}]}}}",
            ),
        ),
        (
            "createjob_json",
            "escapes",
            fill("{\"Description\":\"", "\\u00e9", "\"}"),
        ),
        ("createjob_json", "deep arrays", fill("", "[", "")),
        (
            "createjob_json",
            "deep objects",
            fill("", "{\"Operation\":", ""),
        ),
        (
            "createjob_json",
            "numbers",
            fill("{\"Priority\":", "9", "}"),
        ),
        (
            "list_jobs_response",
            "many entries",
            fill(
                "d\0<ListJobsResult><Jobs>",
                "<JobListDescriptor><JobId>j</JobId></JobListDescriptor>",
                "</Jobs></ListJobsResult>",
            ),
        ),
        (
            "describe_job_response",
            "many failure reasons",
            fill(
                "d\0<DescribeJobResult><Job><JobId>j</JobId><FailureReasons>",
                "<JobFailure><FailureCode>c</FailureCode></JobFailure>",
                "</FailureReasons></Job></DescribeJobResult>",
            ),
        ),
        (
            "create_job_response",
            "a long error",
            fill("\x2f\u{1}<Error><Code>", "A", "</Code></Error>"),
        ),
        (
            "update_job_status_response",
            "garbage",
            fill("\u{7f}\u{1}", "\u{fffd}<", ""),
        ),
        // The reader infers the columns from its first 200 rows: one row as wide as the limit
        // allows among them (each column was once read by scanning every sampled row: seconds).
        ("report_reader", "a wide row among the sampled rows", {
            let mut input = vec![0u8, 0u8];
            input.extend("b1,k,succeeded\n".repeat(199).bytes());
            let room = LIMIT - input.len() - "b1,k,succeeded".len();
            input.extend("b1,k,succeeded".bytes());
            input.extend(std::iter::repeat_n(b',', room));
            input
        }),
        // No layout fits the sampled rows, and a megabyte of rows follows in the same piece (each
        // row once retried the layout over a growing sample).
        ("report_reader", "rows after a layout error", {
            let mut input = vec![0u8, 0u8];
            input.extend("a,b,c\n".repeat((LIMIT - 2) / 6).bytes());
            input
        }),
        ("report_reader", "wide rows and a retry manifest", {
            let row = format!("b1,k,failed{}\n", ",".repeat(5_000));
            let mut input = vec![4u8, 7u8];
            input.extend(row.repeat((LIMIT - 2) / row.len()).bytes());
            input
        }),
    ];
    for (target, what, input) in cases {
        let check = TARGETS
            .iter()
            .find(|(name, _)| *name == target)
            .map(|(_, check)| check)
            .expect("a known target");
        let started = Instant::now();
        check(&input);
        eprintln!(
            "worst case {target} / {what}: {} bytes in {:.1} ms",
            input.len(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}
