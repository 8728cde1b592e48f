//! The properties the fuzz targets check, one function per target (`src/bin/<target>.rs` hands AFL's
//! input to it). Besides "no panic" (overflow checks are on in this crate's release profile):
//!
//! - **bounded memory**: the heap a call reaches stays within [`heap_bound`] of its input's length (a
//!   counting allocator measures it), so no input up to the 1 MiB limit can blow it up;
//! - **errors say where**: a read error's line:column lies inside the input, and an element-level error
//!   names a path whose elements occur in the input;
//! - **round trips**: whatever reads cleanly writes back (XML compact and pretty, JSON) and reads again
//!   to the same request; the writer never produces XML the reader refuses.
//!
//! Time is bounded by AFL's own per-input timeout (`scripts/fuzz.sh` sets it; a slow input is kept as a
//! "hang" finding) and by the 1 MiB worst cases that `tests/regressions.rs` runs.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use arbitrary::{Arbitrary, Unstructured};
use ossbatch_core::api::describe_job::{clone_described_job, parse_describe_job_response};
use ossbatch_core::api::list_jobs::parse_list_jobs_response;
use ossbatch_core::api::response::{ProxyErrorBody, EXCERPT_CHARS};
use ossbatch_core::api::update_job_priority::parse_update_job_priority_response;
use ossbatch_core::api::update_job_status::parse_update_job_status_response;
use ossbatch_core::api::Endpoint;
use ossbatch_core::regions::batch_operations_region;
use ossbatch_core::*;

// ---------------------------------------------------------------------------------------------------
// Memory: a counting allocator (per thread, so that `cargo test`'s parallel tests do not mix).

struct CountingAllocator;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        System.dealloc(ptr, layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grew(new_size);
        shrank(layout.size());
        System.realloc(ptr, layout, new_size)
    }
}

fn grew(bytes: usize) {
    // `try_with`: a thread's own destructors may still allocate after its locals are gone.
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(bytes);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn shrank(bytes: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(bytes)));
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// The most heap a reader may hold for an input of `input_len` bytes: a parsed element costs a few
/// hundred bytes of bookkeeping for the few bytes of its tags, so the factor is generous; what it
/// catches is growth faster than linear (a quadratic copy, an exponential expansion).
pub fn heap_bound(input_len: usize) -> usize {
    64 * 1024 + 96 * input_len
}

/// Runs `work` and returns its result with the peak heap it reached above what was live before.
pub fn peak_heap<R>(work: impl FnOnce() -> R) -> (R, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(base));
    let result = work();
    let peak = PEAK.with(Cell::get).saturating_sub(base);
    (result, peak)
}

pub(crate) fn within_heap_bound<R>(what: &str, input_len: usize, work: impl FnOnce() -> R) -> R {
    within_bound(what, input_len, heap_bound(input_len), work)
}

pub(crate) fn within_bound<R>(
    what: &str,
    input_len: usize,
    bound: usize,
    work: impl FnOnce() -> R,
) -> R {
    let (result, peak) = peak_heap(work);
    assert!(
        peak <= bound,
        "{what}: {peak} bytes of heap for {input_len} bytes of input (bound {bound})"
    );
    result
}

// ---------------------------------------------------------------------------------------------------
// Error positions and paths.

/// The error's line:column (1-based, columns in characters) is a place in `input` (one past the end
/// of a line counts: that is where a missing piece was expected).
pub fn assert_position_inside(input: &str, error: &ParseError) {
    let lines: Vec<&str> = input.split('\n').collect();
    assert!(
        error.line >= 1 && error.line <= lines.len(),
        "line {} outside the input's {} lines: {error}",
        error.line,
        lines.len()
    );
    let line_chars = lines[error.line - 1].chars().count();
    assert!(
        error.column >= 1 && error.column <= line_chars + 1,
        "column {} outside line {} ({line_chars} characters): {error}",
        error.column,
        error.line
    );
}

/// A non-empty path (`Operation.PutObjectTagging.TagSet.Tag[1].Key`) is a chain of element names the
/// input holds as tags (names may contain dots themselves, so the path is split wherever that works),
/// and errors about one element always carry its path.
fn assert_xml_path(input: &str, error: &ParseError) {
    let about_an_element = matches!(
        error.kind,
        ParseErrorKind::UnknownElement
            | ParseErrorKind::RepeatedElement
            | ParseErrorKind::UnexpectedChild
            | ParseErrorKind::BadBoolean
            | ParseErrorKind::BadInteger
    );
    assert!(
        !about_an_element || !error.path.is_empty(),
        "an element-level error without a path: {error:?}"
    );
    assert!(
        error.path.is_empty() || is_chain_of_tags(input, &error.path),
        "path {:?} is not a chain of elements the input holds: {error:?}",
        error.path
    );
}

fn is_chain_of_tags(input: &str, path: &str) -> bool {
    let holds_tag = |segment: &str| {
        let name = match segment.strip_suffix(']').and_then(|s| s.rsplit_once('[')) {
            Some((name, index)) if index.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => segment,
        };
        ossbatch_core::xml::dom::is_xml_name(name)
            && input.match_indices('<').any(|(at, _)| {
                let after = &input[at + 1..];
                after.starts_with(name)
                    && !after[name.len()..]
                        .chars()
                        .next()
                        .is_some_and(ossbatch_core::xml::dom::is_name_char)
            })
    };
    // reachable[i]: the path's first i bytes (up to a dot) split into held tags. Linear in the dots.
    let ends: Vec<usize> = path
        .match_indices('.')
        .map(|(dot, _)| dot)
        .chain([path.len()])
        .collect();
    let mut reachable = vec![false; ends.len()];
    for (j, &end) in ends.iter().enumerate() {
        reachable[j] = holds_tag(&path[..end])
            || (0..j).any(|i| reachable[i] && holds_tag(&path[ends[i] + 1..end]));
    }
    reachable[ends.len() - 1]
}

// ---------------------------------------------------------------------------------------------------
// Round trips.

/// A request reads back from each written form as itself; the writer's XML is never refused.
pub fn assert_round_trips(request: &CreateJobRequest) {
    for style in [XmlStyle::Compact, XmlStyle::Pretty] {
        let xml = to_xml(request, style);
        match from_xml(&xml) {
            Ok(again) => assert_eq!(&again, request, "{style:?} XML round trip:\n{xml}"),
            Err(error) if error.kind == ParseErrorKind::TooLarge => {
                assert!(xml.len() > xml::MAX_INPUT_BYTES, "{error}")
            }
            Err(error) => {
                panic!("the reader refuses what the writer wrote ({style:?}): {error}\n{xml}")
            }
        }
    }
    for pretty in [false, true] {
        let json = to_json(request, pretty);
        match from_json(&json) {
            Ok(again) => assert_eq!(&again, request, "JSON round trip:\n{json}"),
            Err(error) if error.kind == ParseErrorKind::TooLarge => {
                assert!(json.len() > xml::MAX_INPUT_BYTES, "{error}")
            }
            Err(error) => panic!("from_json refuses what to_json wrote: {error}\n{json}"),
        }
    }
}

fn check_read(input: &str, result: Result<CreateJobRequest, ParseError>, xml_paths: bool) {
    match result {
        Ok(request) => {
            // The rules run on anything that reads, and what reads writes back.
            let _ = validate(&request);
            assert_round_trips(&request);
        }
        Err(error) => {
            assert_position_inside(input, &error);
            if xml_paths {
                assert_xml_path(input, &error);
            }
            let _ = error.to_string();
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// The targets.

/// `from_xml` on any text.
pub fn createjob_xml(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let result = within_heap_bound("from_xml", input.len(), || from_xml(input));
    check_read(input, result, true);
}

/// `from_json` on any text.
pub fn createjob_json(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let result = within_heap_bound("from_json", input.len(), || from_json(input));
    check_read(input, result, false);
}

/// Any request the model can hold (built from the bytes) is written and read back as itself.
pub fn round_trip(data: &[u8]) {
    let mut bytes = Unstructured::new(data);
    let Ok(request) = arbitrary_request(&mut bytes) else {
        return;
    };
    assert_round_trips(&request);
}

/// A request with every field drawn from the input (any Unicode text, any 64-bit number): the
/// model's own `Arbitrary` derive (ossbatch-core's `arbitrary` feature), so a new element is fuzzed
/// without a change here.
pub fn arbitrary_request(u: &mut Unstructured) -> arbitrary::Result<CreateJobRequest> {
    CreateJobRequest::arbitrary(u)
}

/// The first two bytes are the HTTP status (any value a server could send), the rest the body.
pub(crate) fn status_and_body(data: &[u8]) -> Option<(u16, String)> {
    let (status, body) = data.split_first_chunk::<2>()?;
    let status = 100 + u16::from_le_bytes(*status) % 500;
    Some((status, String::from_utf8_lossy(body).into_owned()))
}

/// What every response reader owes on any body: a bounded message and a bounded excerpt.
pub(crate) fn check_response<T: std::fmt::Debug>(body: &str, result: Result<T, ResponseError>) {
    // A proxy error body is told apart from OSS documents by the same bytes.
    let _ = ProxyErrorBody::parse(body);
    match result {
        Ok(value) => {
            let _ = format!("{value:?}");
        }
        Err(error) => {
            if let ResponseError::Unexpected { excerpt, .. } = &error {
                assert!(
                    excerpt.chars().count() <= EXCERPT_CHARS + 1,
                    "an excerpt of {} characters",
                    excerpt.chars().count()
                );
                assert!(!excerpt.contains('\n'), "an excerpt over several lines");
            }
            let shown = error.to_string();
            assert!(
                shown.len() <= 4 * body.len() + 1024,
                "a message of {} bytes for a body of {}",
                shown.len(),
                body.len()
            );
        }
    }
}

macro_rules! response_target {
    ($(#[$doc:meta])* $name:ident, $reader:path) => {
        $(#[$doc])*
        pub fn $name(data: &[u8]) {
            let Some((status, body)) = status_and_body(data) else {
                return;
            };
            let result = within_heap_bound(stringify!($reader), body.len(), || $reader(status, &body));
            check_response(&body, result);
        }
    };
}

// After the macro, so that the object answers' targets are made by it too.
mod outside;
pub use outside::{
    error_headers, get_object_acl_response, get_object_tagging_response, list_objects_v2_response,
    report_reader, restore_header,
};
mod plan;
pub use plan::{inventory_manifest, inventory_rows, lifecycle_rules_response, plan_manifest};
mod rollback;
pub use rollback::{rollback_direct, rollback_snapshot};

response_target!(
    /// `parse_create_job_response` on any status and body.
    create_job_response,
    parse_create_job_response
);
response_target!(
    /// `parse_list_jobs_response` on any status and body.
    list_jobs_response,
    parse_list_jobs_response
);
response_target!(
    /// `parse_update_job_priority_response` on any status and body.
    update_job_priority_response,
    parse_update_job_priority_response
);
response_target!(
    /// `parse_update_job_status_response` on any status and body.
    update_job_status_response,
    parse_update_job_status_response
);

/// `parse_describe_job_response` on any status and body, and "clone this job" on the same body: the
/// draft it makes (whatever the body held) writes and reads back as itself.
pub fn describe_job_response(data: &[u8]) {
    let Some((status, body)) = status_and_body(data) else {
        return;
    };
    let result = within_heap_bound("parse_describe_job_response", body.len(), || {
        parse_describe_job_response(status, &body)
    });
    check_response(&body, result);
    if let Ok(cloned) = clone_described_job(status, &body, "fuzz-token") {
        let _ = validate(&cloned.request);
        assert_round_trips(&cloned.request);
    }
}

/// The endpoint and region parsers: `region\0endpoint`. What parses is normalised and parses again to
/// itself.
pub fn endpoint(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (region, endpoint) = text.split_once('\0').unwrap_or((&text, ""));
    let _ = batch_operations_region(region);
    if let Ok(parsed) = Endpoint::parse(endpoint) {
        assert!(
            !parsed.authority.bytes().any(|b| b.is_ascii_uppercase()),
            "{parsed:?}"
        );
        let again = Endpoint::parse(&format!("{}://{}", parsed.scheme, parsed.authority));
        assert_eq!(again.as_ref(), Ok(&parsed), "{endpoint:?}");
    }
    if let Ok(resolved) = Endpoint::resolve(region, Some(endpoint)) {
        assert!(!resolved.authority.is_empty());
    }
    if let Ok(for_region) = Endpoint::for_region(region) {
        assert_eq!(
            Endpoint::parse(&for_region.authority).as_ref(),
            Ok(&for_region),
            "{region:?}"
        );
    }
}

/// The manifest file check (`ossbatch manifest check`, the app's local check) on any bytes: the
/// first byte picks the columns and an expected bucket, the second how the rest is cut into chunks.
/// Any chunking gives the report the whole file gives; rows are named `Row[n]…` within the file's
/// line count; memory stays bounded.
pub fn manifest_file(data: &[u8]) {
    use ossbatch_core::manifest_file::{check_manifest, ManifestChecker, ManifestField};
    let [choice, cut, file @ ..] = data else {
        return;
    };
    let fields = if choice & 1 == 0 {
        vec![ManifestField::Bucket, ManifestField::Key]
    } else {
        vec![
            ManifestField::Bucket,
            ManifestField::Key,
            ManifestField::VersionId,
        ]
    };
    let bucket = (choice & 2 != 0).then(|| "b-1".to_string());
    // Each line may draw a few issues (a sentence each, under 1 KiB), and the list stops at
    // MAX_ISSUES by design: a two-byte line costs far more than 96 bytes, but never without bound.
    let lines = file.split(|b| *b == b'\n').count();
    let issues_allowed = (3 * lines).min(ossbatch_core::limits::MANIFEST_ISSUES_LISTED + 2);
    let bound = heap_bound(file.len()) + 1024 * issues_allowed;
    let whole = within_bound("check_manifest", file.len(), bound, || {
        check_manifest(file, fields.clone(), bucket.clone())
    });
    let size = usize::from(*cut).max(1);
    let mut checker = ManifestChecker::new(fields, bucket);
    for chunk in file.chunks(size) {
        checker.update(chunk);
    }
    assert_eq!(checker.finish(), whole, "chunks of {size}");
    let lines = lines as u64;
    for issue in &whole.issues {
        if let Some(row) = issue.path.strip_prefix("Row[") {
            let n: u64 = row
                .split(']')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            assert!(
                n >= 1 && n <= lines,
                "{} outside the file's {lines} lines",
                issue.path
            );
        }
    }
    assert_eq!(whole.bytes, file.len() as u64);
}

/// A target: the properties checked on one input.
pub type Target = fn(&[u8]);

/// Every target by name, for the regression replay and the scripts.
pub const TARGETS: &[(&str, Target)] = &[
    ("createjob_xml", createjob_xml),
    ("createjob_json", createjob_json),
    ("round_trip", round_trip),
    ("create_job_response", create_job_response),
    ("describe_job_response", describe_job_response),
    ("list_jobs_response", list_jobs_response),
    ("update_job_priority_response", update_job_priority_response),
    ("update_job_status_response", update_job_status_response),
    ("endpoint", endpoint),
    ("manifest_file", manifest_file),
    ("report_reader", report_reader),
    ("list_objects_v2_response", list_objects_v2_response),
    ("get_object_tagging_response", get_object_tagging_response),
    ("get_object_acl_response", get_object_acl_response),
    ("error_headers", error_headers),
    ("restore_header", restore_header),
    ("lifecycle_rules_response", lifecycle_rules_response),
    ("inventory_manifest", inventory_manifest),
    ("inventory_rows", inventory_rows),
    ("plan_manifest", plan_manifest),
    ("rollback_snapshot", rollback_snapshot),
    ("rollback_direct", rollback_direct),
];

// ---------------------------------------------------------------------------------------------------
// Seeds: starting inputs for each target, built from the repository's fixtures (whose sources
// tests/fixtures/responses/README.md names) so the fuzzer starts from the service's real shapes.

/// The fixtures folder of the repository.
pub fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn fixture(name: &str) -> String {
    let path = fixtures_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// A response seed: the status as `status_and_body` reads it, then the body.
pub(crate) fn response_seed(status: u16, body: &str) -> Vec<u8> {
    let mut seed = (status - 100).to_le_bytes().to_vec();
    seed.extend_from_slice(body.as_bytes());
    seed
}

/// The seeds of one target.
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let sample = fixture("createjob-sample-request.xml");
    let request = from_xml(&sample).expect("the CreateJob.md sample reads");
    let mut variants = vec![request.clone()];
    let mut restore = request.clone();
    restore.operation = Some(Operation {
        restore_object: Some(RestoreObject {
            days: Some(7),
            tier: Some("Standard".into()),
        }),
        ..Operation::default()
    });
    restore.manifest = None;
    restore.key_prefix_manifest_generator = Some(KeyPrefixManifestGenerator {
        source_bucket: Some("source-bucket".into()),
        prefix: Some("logs/".into()),
    });
    variants.push(restore);
    let mut acl = request.clone();
    acl.operation = Some(Operation {
        put_object_acl: Some(PutObjectAcl {
            object_acl: Some("private".into()),
        }),
        delete_object_tagging: Some(DeleteObjectTagging {}),
        ..Operation::default()
    });
    variants.push(acl);
    let responses = |names: &[&str]| -> Vec<Vec<u8>> {
        let mut seeds: Vec<Vec<u8>> = names
            .iter()
            .map(|name| response_seed(200, &fixture(&format!("responses/{name}"))))
            .collect();
        for error in ["error-access-denied.xml", "error-no-such-bucket.xml"] {
            seeds.push(response_seed(403, &fixture(&format!("responses/{error}"))));
        }
        let proxy = serde_json::to_string(&ProxyErrorBody::new("too many requests", Some(3)));
        seeds.push(response_seed(
            429,
            &proxy.expect("a proxy error body serializes"),
        ));
        seeds.push(response_seed(502, "<html><body>Bad Gateway</body></html>"));
        seeds
    };
    match target {
        "createjob_xml" => {
            let mut seeds = vec![sample.into_bytes()];
            seeds.extend(
                variants
                    .iter()
                    .map(|r| to_xml(r, XmlStyle::Pretty).into_bytes()),
            );
            seeds
        }
        "createjob_json" => variants
            .iter()
            .map(|r| to_json(r, true).into_bytes())
            .collect(),
        // Any bytes make a request here; a few of each length class are enough to start.
        "round_trip" => vec![
            vec![0xff; 64],
            (0..=255).collect(),
            b"round trip".repeat(40),
        ],
        "create_job_response" => {
            let mut seeds = responses(&[]);
            seeds.push(response_seed(
                200,
                &fixture("createjob-sample-response.xml"),
            ));
            seeds
        }
        "describe_job_response" => responses(&[
            "describe-job.xml",
            "describe-job-failed.xml",
            "describe-job-failed-minimal.xml",
            "describe-job-suspended.xml",
        ]),
        "list_jobs_response" => responses(&[
            "list-jobs.xml",
            "list-jobs-empty.xml",
            "list-jobs-last-page.xml",
            "list-jobs-running.xml",
        ]),
        "update_job_priority_response" => responses(&["update-job-priority.xml"]),
        "update_job_status_response" => responses(&["update-job-status.xml"]),
        "manifest_file" => {
            let rows = "b-1,logs/a.txt\nb-1,logs/b%20c.txt\r\nb-2,k,v1\n\"b-1\",\"k,1\"\n";
            vec![
                [b"\x00\x07".as_slice(), rows.as_bytes()].concat(),
                [b"\x03\x01\xEF\xBB\xBF".as_slice(), rows.as_bytes()].concat(),
                [
                    b"\x01\x40".as_slice(),
                    b"b-1,k,v\nb-1,k,v\n\xff\n".as_slice(),
                ]
                .concat(),
            ]
        }
        "endpoint" => [
            "cn-hangzhou\0oss-cn-hangzhou.aliyuncs.com",
            "ap-southeast-1\0https://oss-ap-southeast-1.aliyuncs.com/",
            "cn-beijing\0http://127.0.0.1:9000",
            "us-west-1\0",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect(),
        "report_reader"
        | "list_objects_v2_response"
        | "get_object_tagging_response"
        | "get_object_acl_response"
        | "error_headers"
        | "restore_header" => outside::seeds(target, &fixtures_dir()),
        "lifecycle_rules_response" | "inventory_manifest" | "inventory_rows" | "plan_manifest" => {
            plan::seeds(target)
        }
        "rollback_snapshot" | "rollback_direct" => rollback::seeds(target),
        other => panic!("no target {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "bytes of heap")]
    fn the_heap_bound_catches_growth_faster_than_linear() {
        let input_len = 1000;
        within_heap_bound("quadratic", input_len, || vec![0u8; input_len * input_len]);
    }

    #[test]
    fn the_heap_bound_lets_linear_work_pass() {
        let input_len = 1000;
        let kept = within_heap_bound("linear", input_len, || vec![0u8; 50 * input_len]);
        assert_eq!(kept.len(), 50 * input_len);
    }

    #[test]
    #[should_panic(expected = "outside")]
    fn a_position_past_the_input_is_caught() {
        let error =
            from_xml("<CreateJobRequest><Priority>x</Priority></CreateJobRequest>").unwrap_err();
        assert_position_inside("<Create", &error);
    }
}
