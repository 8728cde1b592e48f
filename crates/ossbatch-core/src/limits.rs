//! Every number a rule, a reader or a UI hint uses, written once (issue #15). Validation, the job
//! parameter checks, the readers' input limits, the rule catalogue's text (held to these by a test in
//! `rules.rs`), the app's hints and the Jobs view all read them from here. Sources: CreateJob.md and
//! oss-facts.md (cited per group); decisions.md #16 for the input limits.

// CreateJob (CreateJob.md, oss-facts.md "Names and limits").
/// Priority: an integer from 0 (lowest) to 2147483647.
pub const PRIORITY_MIN: i64 = 0;
pub const PRIORITY_MAX: i64 = 2_147_483_647;
/// ClientRequestToken: 1 to 64 characters.
pub const TOKEN_MIN: usize = 1;
pub const TOKEN_MAX: usize = 64;
/// Description: at most 256 characters.
pub const DESCRIPTION_MAX: usize = 256;
/// Tags per object (PutObjectTagging / AddObjectTagging): 1 to 10.
pub const TAGS_MIN: usize = 1;
pub const TAGS_MAX: usize = 10;
/// Tag key: 1 to 128 characters; tag value: 0 to 256.
pub const TAG_KEY_MIN: usize = 1;
pub const TAG_KEY_MAX: usize = 128;
pub const TAG_VALUE_MAX: usize = 256;
/// RestoreObject Days: 1 to 365 (Cold Archive, Deep Cold Archive); Archive objects take 1 to 7.
pub const RESTORE_DAYS_MIN: i64 = 1;
pub const RESTORE_DAYS_MAX: i64 = 365;
pub const RESTORE_DAYS_ARCHIVE_MAX: i64 = 7;
/// Bucket names: 3 to 63 characters.
pub const BUCKET_MIN: usize = 3;
pub const BUCKET_MAX: usize = 63;
/// Object keys: 1 to 1023 bytes of UTF-8.
pub const OBJECT_KEY_MAX_BYTES: usize = 1023;

// The job API (oss-facts.md, "The rest of the Batch Operations API family").
/// UpdateJobStatus `statusUpdateReason`: 1 to 256 characters.
pub const REASON_MIN: usize = 1;
pub const REASON_MAX: usize = 256;
/// ListJobs `max-keys`: 1 to 1000; the service's default is 100.
pub const MAX_KEYS_MIN: u32 = 1;
pub const MAX_KEYS_MAX: u32 = 1000;
pub const MAX_KEYS_DEFAULT: u32 = 100;
/// ListJobs `continuation-token`: 1 to 1024 characters.
pub const CONTINUATION_TOKEN_MAX: usize = 1024;
/// A job left Suspended (waiting for confirmation) this many days fails (CreateJob.md).
pub const CONFIRMATION_WINDOW_DAYS: u32 = 14;

// What the readers accept (decisions.md #16).
/// Documents over this size are refused before parsing.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;
/// Elements nested deeper are refused while reading.
pub const MAX_DEPTH: usize = 32;
/// `validate` lists at most this many issues, then one `issues.truncated`.
pub const VALIDATION_ISSUES_LISTED: usize = 200;

// The manifest file check (`crate::manifest_file`): what keeps its memory bounded on any file.
/// Issues the manifest check lists; the rest are counted (`manifest_file.truncated`).
pub const MANIFEST_ISSUES_LISTED: usize = 1000;
/// Rows remembered for the duplicate check (a fingerprint each).
pub const MANIFEST_ROWS_CHECKED_FOR_DUPLICATES: u64 = 1_000_000;
/// Longest line read as a row: far above any valid row, so one line of 1 GB (a file that is not a
/// CSV manifest) is not held.
pub const MANIFEST_LINE_MAX_BYTES: usize = 64 * 1024;
/// Distinct buckets the check collects for the role policy.
pub const MANIFEST_BUCKETS_LISTED: usize = 100;

/// The completion report reader: rows read before the column layout is decided by content.
pub const REPORT_LAYOUT_SAMPLE_ROWS: usize = 200;
/// The first keys kept per failure group, in file order.
pub const REPORT_SAMPLE_KEYS: usize = 5;
/// Damaged rows listed (all are counted).
pub const REPORT_DAMAGED_LISTED: usize = 100;
/// First rows of a report kept to preview the column layout.
pub const REPORT_PREVIEW_ROWS: usize = 5;
/// Bytes at the start of a report file that decide whether it is a JSON document (a report
/// manifest beside the CSV files, skipped) rather than CSV; the same bytes however it is cut.
pub const REPORT_JSON_SNIFF_BYTES: usize = 4096;
