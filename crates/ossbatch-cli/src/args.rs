//! The command line as clap reads it: every command, flag and value parser. What each command does is
//! in `commands/`.

use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use ossbatch_core::Lang;

pub use crate::remote::parse_duration;

#[derive(Parser)]
#[command(
    name = "ossbatch",
    version,
    about = "Check, submit and follow Alibaba Cloud OSS Batch Operations jobs: validate and format CreateJob requests, create jobs, list, confirm, cancel, reprioritise and wait for them, read their completion reports",
    after_help = crate::exit::help_table()
)]
pub struct Cli {
    /// Language of messages and rule summaries: en or zh (zh-CN). Codes, paths and JSON keys stay as
    /// they are. Default: $OSSBATCH_LANG, else en.
    #[arg(long, global = true, env = "OSSBATCH_LANG", default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
    /// The region: the job's (validate, submit, jobs, report) or the one a copy is written for (fmt).
    /// Default: $OSS_REGION.
    #[arg(long, global = true, env = "OSS_REGION")]
    pub region: Option<String>,
    /// Another endpoint than https://oss-<region>.aliyuncs.com: a host, host:port or URL (https unless
    /// http:// is written), for private endpoints and tests. Default: $OSS_ENDPOINT.
    #[arg(long, global = true, env = "OSS_ENDPOINT")]
    pub endpoint: Option<String>,
    /// The signature: v4 (default) or v1.
    #[arg(long, global = true, default_value = "v4", value_parser = parse_signature_version)]
    pub signature_version: ossbatch_core::SignatureVersion,
    /// Show each signed request on standard error (the signature and the STS token redacted).
    #[arg(long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

pub fn parse_signature_version(text: &str) -> Result<ossbatch_core::SignatureVersion, String> {
    match text.to_ascii_lowercase().as_str() {
        "v4" | "4" => Ok(ossbatch_core::SignatureVersion::V4),
        "v1" | "1" => Ok(ossbatch_core::SignatureVersion::V1),
        _ => Err(format!("unknown signature version {text:?}; use v4 or v1")),
    }
}

pub fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::parse(tag).ok_or_else(|| format!("unknown language {tag:?}; use en or zh"))
}

#[derive(Subcommand)]
pub enum Command {
    /// Validate job files (XML or JSON, judged by content; `-` reads standard input).
    ///
    /// Prints one issue a line as `severity code path: message` (prefixed by `FILE: ` when several files
    /// are given), or with --json a JSON array of issue objects (with a `file` field when several files are
    /// given). Exit status: 0 when no file has errors (warnings allowed), 1 when any has errors, 2 when a
    /// file cannot be read or parsed (the message gives line:column and the element path).
    Validate {
        /// Print a JSON array of issues instead of lines.
        #[arg(long)]
        json: bool,
        /// Job files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Rewrite a job file (XML or JSON) in a canonical form on standard output.
    ///
    /// Writes exactly what the file holds, in the API's element order; it does not validate. Exit status 2
    /// when the file cannot be read or parsed.
    Fmt {
        /// Indent with two spaces (the default).
        #[arg(long, conflicts_with = "compact")]
        pretty: bool,
        /// No whitespace between elements: the form sent to OSS.
        #[arg(long)]
        compact: bool,
        /// Output format: the job as XML or JSON, or as a command or program that creates it
        /// (ossutil 2.0 with the job file to save; a Go program using the OSS Go SDK v2).
        #[arg(long, value_enum, default_value_t = Format::Xml)]
        to: Format,
        /// The job file (`-` reads standard input).
        #[arg(value_name = "FILE")]
        file: String,
    },
    /// Print the RAM policies the job needs as one JSON object:
    /// `{"trustPolicy": {…}, "permissionPolicy": {…}, "callerPolicy": {…}}`.
    ///
    /// The permission policy grants only what the job's operation, manifest, generator and report need.
    /// What the file does not say (the buckets a manifest names, unless --manifest is given) is an
    /// `<angle-bracket>` placeholder, and a note on standard error says so. Exit status 2 when a file
    /// cannot be read or parsed.
    Policy {
        /// Add `"explanations"`: one line per statement of each policy, and the placeholders used.
        #[arg(long)]
        explain: bool,
        /// A local copy of the CSV manifest: its buckets become the target objects' resources.
        #[arg(long, value_name = "CSV")]
        manifest: Option<String>,
        /// The job file (`-` reads standard input).
        #[arg(value_name = "FILE")]
        file: String,
    },
    /// Check a CSV manifest file, or print its ETag.
    Manifest {
        #[command(subcommand)]
        command: ManifestCommand,
    },
    /// Validate a job file and create the job (CreateJob), printing its JobId.
    ///
    /// Credentials come from OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and optional OSS_SESSION_TOKEN;
    /// the region from --region or OSS_REGION. A missing ClientRequestToken is filled with one derived
    /// from the request's content, so re-running the same CI step creates no second job. Validation
    /// errors: exit 1, nothing sent. With --wait, waits as `jobs wait` does and exits by its table.
    Submit {
        /// Confirm the job when it waits for confirmation (ConfirmationRequired).
        #[arg(long)]
        confirm: bool,
        /// Wait until the job ends (exit 0, 3, 4, 5 or 6 as `jobs wait`).
        #[arg(long)]
        wait: bool,
        /// With --wait: give up after this long (90s, 15m, 2h, or seconds); exit 6.
        #[arg(long, value_name = "DURATION", requires = "wait", value_parser = parse_duration)]
        timeout: Option<Duration>,
        /// With --wait: failed tasks accepted (a count, or a share of the tasks like 2%).
        #[arg(long, value_name = "N|P%", default_value = "0", requires = "wait", value_parser = parse_max_failed)]
        max_failed: MaxFailed,
        /// With --wait: the first pause between DescribeJob calls (it grows to 60 s).
        #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = parse_duration)]
        interval: Duration,
        /// Print one JSON object on standard output.
        #[arg(long)]
        json: bool,
        /// Refuse (exit 2, saying what changed) when the job or its manifest differs from this plan's
        /// (`plan --out`).
        #[arg(long, value_name = "PLAN.json")]
        plan: Option<String>,
        /// The job file (XML or JSON; `-` reads standard input).
        #[arg(value_name = "FILE")]
        file: String,
    },
    /// Predict, row by row, what a job will do before it runs: which rows will fail and why, what it
    /// overwrites, which running job it collides with, which lifecycle rules its tags set in motion,
    /// and what it may cost.
    ///
    /// Reads the objects' state live (HeadObject, GetObjectTagging or GetObjectAcl, --concurrency at a
    /// time) or from a bucket inventory (--inventory), with the credentials `submit` uses. Exit status:
    /// 0 nothing predicted to fail and no collision; 3 some rows predicted to fail (warnings alone do
    /// not make 3); 4 a collision with a running job (4 wins over 3); 2 the job, manifest or inventory
    /// cannot be read, or the plan cannot be made.
    Plan {
        /// Print one JSON object (the schema is docs/schemas/cli/plan.schema.json).
        #[arg(long)]
        json: bool,
        /// A local copy of the job's CSV manifest (its MD5 must equal the job's ETag when it has one).
        #[arg(long, value_name = "FILE")]
        manifest: Option<String>,
        /// A bucket inventory's manifest.json, its data files beside it: object state from it.
        #[arg(long, value_name = "MANIFEST_JSON")]
        inventory: Option<String>,
        /// Inspect a seeded random sample of N rows and scale the counts (with an interval).
        #[arg(long, value_name = "N")]
        sample: Option<usize>,
        /// Object calls at a time.
        #[arg(long, value_name = "N", default_value = "16")]
        concurrency: usize,
        /// Write one line per target: bucket,key,versionId,prediction,code.
        #[arg(long, value_name = "OUT.csv")]
        rows: Option<String>,
        /// Write the plan (the job, the manifest's ETag, when the state was read, the predictions)
        /// for `submit --plan`.
        #[arg(long, value_name = "PLAN.json")]
        out: Option<String>,
        /// Write the manifest without the rows predicted to fail, and print its ETag.
        #[arg(long, value_name = "OUT.csv")]
        fix_manifest: Option<String>,
        /// Also save the before-images the plan read into DIR, as `ossbatch snapshot --out DIR` would
        /// (no object is read twice). Not with --sample: a snapshot holds every object.
        #[arg(long, value_name = "DIR", conflicts_with = "sample")]
        snapshot: Option<String>,
        /// The job file (XML or JSON).
        #[arg(value_name = "JOB_FILE")]
        file: String,
    },
    /// Save before-images of what the job will change (tag sets, ACLs, restore states), one JSON line
    /// an object, into DIR (`objects[-K-of-N].jsonl` and `snapshot[-K-of-N].json` with its MD5).
    ///
    /// Reads each object the job names once (HeadObject, GetObjectTagging or GetObjectAcl; or the
    /// inventory where its columns say enough). Exit status: 0 done, 2 unreadable input, 3 some
    /// objects could not be read (listed on standard error).
    Snapshot {
        /// A bucket inventory's manifest.json, its data files beside it.
        #[arg(long, value_name = "MANIFEST_JSON")]
        inventory: Option<String>,
        /// Object calls at a time.
        #[arg(long, value_name = "N", default_value = "16")]
        concurrency: usize,
        /// Continue where the rows file ends (the same bytes as an uninterrupted run).
        #[arg(long)]
        resume: bool,
        /// Only the K-th of N disjoint parts (by a stable hash of bucket, key and version).
        #[arg(long, value_name = "K/N")]
        shard: Option<String>,
        /// The directory to write.
        #[arg(long, value_name = "DIR")]
        out: String,
        /// The job file (XML or JSON).
        #[arg(value_name = "JOB_FILE")]
        file: String,
    },
    /// Write the jobs that put back what a job changed, from a snapshot's before-images: one
    /// PutObjectTagging job per distinct tag set, one DeleteObjectTagging job for objects that had no
    /// tags, one PutObjectAcl job per ACL value; each a job file and a manifest in RDIR, with
    /// `rollback.json`. Beyond --max-jobs, the rest goes to a direct plan (`direct.jsonl`).
    ///
    /// `ossbatch rollback apply RDIR` carries out the direct plan object by object.
    ///
    /// Exit status: 0 done, 2 unreadable input, 3 some objects have no before-image (listed).
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Rollback {
        #[command(subcommand)]
        command: Option<RollbackCommand>,
        /// The job's completion report: objects whose tasks failed did not change and are left out.
        #[arg(long = "report", value_name = "FILE")]
        reports: Vec<String>,
        /// Jobs at most; the other groups go to the direct plan.
        #[arg(long, value_name = "N", default_value = "20")]
        max_jobs: usize,
        /// Upload the manifests (OSS's ETag checked) and create the jobs (each waits for confirmation).
        #[arg(long)]
        submit: bool,
        /// The directory to write.
        #[arg(long, value_name = "RDIR", required = true)]
        out: Option<String>,
        /// The snapshot's directory (`ossbatch snapshot --out`), all its parts.
        #[arg(value_name = "SNAPSHOT_DIR", required = true)]
        snapshot: Option<String>,
    },
    /// List, describe, confirm, cancel, reprioritise and wait for jobs.
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
    /// Read a job's completion report: the failures grouped with their causes, or the retry manifest.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// List the rules: code, severity, element and rule (validation's, then the manifest file check's).
    Rules {
        /// Print the catalogue as the Markdown kept in docs/rules.md.
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
        /// Print the catalogue as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum RollbackCommand {
    /// Carry out a rollback's direct plan (`direct.jsonl` in RDIR) object by object: PutObjectTagging
    /// with the exact tag set (DeleteObjectTagging for none) or PutObjectAcl. Resumable: what is done is
    /// recorded in RDIR (`applied[-K-of-N].jsonl`) and a second run goes on from there.
    ///
    /// Exit status: 0 every object restored, 2 unreadable input, 3 some objects could not be restored
    /// (listed on standard error and in the record).
    Apply {
        /// Object calls at a time.
        #[arg(long, value_name = "N", default_value = "8")]
        concurrency: usize,
        /// Only the K-th of N disjoint parts (the same hash as `snapshot --shard`).
        #[arg(long, value_name = "K/N")]
        shard: Option<String>,
        /// Calls per second at most, over all of them (default: no limit beyond --concurrency; OSS's
        /// 429 and 503 answers are waited out either way).
        #[arg(long, value_name = "N")]
        rate: Option<u32>,
        /// The rollback's directory (`ossbatch rollback --out`).
        #[arg(value_name = "RDIR")]
        rdir: String,
    },
}

#[derive(Subcommand)]
pub enum ManifestCommand {
    /// Check a CSV manifest row by row (streaming; any size).
    ///
    /// Prints one issue a line as `severity code path: message` with paths like `Row[3].Bucket`
    /// (1-based rows), or with --json one JSON object with the issues, rows, bytes, etag and buckets.
    /// Exit status: 0 when no row has errors, 1 when any has, 2 when the file cannot be read.
    Check {
        /// The columns, as the job's Manifest.Spec.Fields gives them.
        #[arg(long, default_value = "Bucket,Key")]
        fields: String,
        /// Warn about rows naming another bucket than this one.
        #[arg(long)]
        bucket: Option<String>,
        /// Print one JSON object instead of lines.
        #[arg(long)]
        json: bool,
        /// The manifest file (`-` reads standard input).
        #[arg(value_name = "FILE")]
        file: String,
    },
    /// Print the MD5 of the file as 32 lowercase hex digits: its ETag after a single PUT upload (an
    /// object uploaded in parts has an ETag ending in -N; copy that one from OSS instead).
    Etag {
        /// The manifest file (`-` reads standard input).
        #[arg(value_name = "FILE")]
        file: String,
    },
}

#[derive(Subcommand)]
pub enum JobsCommand {
    /// The jobs this CLI submitted, from its journal (`$OSSBATCH_HOME/journal.jsonl`, else the
    /// platform's data directory): token, JobId, each status with when it was first seen, and for a
    /// Suspended job the last day it can be confirmed. With --sync, ListJobs first: jobs OSS no
    /// longer lists stay, marked so.
    History {
        #[arg(long)]
        json: bool,
        /// Reconcile with ListJobs (every page) before printing.
        #[arg(long)]
        sync: bool,
    },
    /// List jobs (ListJobs): one line a job, or with --json {"jobs": [...], "nextToken"}.
    List {
        /// Only jobs in this status; repeat for several (sent joined by `|`).
        #[arg(long = "status", value_name = "STATUS")]
        statuses: Vec<String>,
        /// Jobs per page, 1 to 1000 (OSS's default is 100).
        #[arg(long)]
        max_keys: Option<u32>,
        /// Follow NextToken to the last page.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Describe a job (DescribeJob); with --json {"job": {...}}.
    Describe {
        #[arg(value_name = "JOB_ID")]
        job_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Confirm a job that waits for confirmation (UpdateJobStatus Ready).
    Confirm {
        #[arg(value_name = "JOB_ID")]
        job_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Cancel a job (UpdateJobStatus Cancelled).
    Cancel {
        #[arg(value_name = "JOB_ID")]
        job_id: String,
        /// Why (1 to 256 characters; shown as StatusUpdateReason).
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a job's priority (UpdateJobPriority).
    Priority {
        #[arg(value_name = "JOB_ID")]
        job_id: String,
        #[arg(value_name = "PRIORITY")]
        priority: i64,
        #[arg(long)]
        json: bool,
    },
    /// Wait until a job ends, showing its progress on standard error.
    ///
    /// Exit status: 0 Complete with no failed task (or within --max-failed), 3 Complete with failed
    /// tasks, 4 Failed, 5 Cancelled, 6 timed out, 1 an OSS or network error, 2 bad input. A job waiting
    /// for confirmation is reported with its 14-day deadline (and confirmed with --confirm).
    Wait {
        #[arg(value_name = "JOB_ID")]
        job_id: String,
        /// Give up after this long (90s, 15m, 2h, or seconds): exit 6.
        #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
        timeout: Option<Duration>,
        /// Failed tasks accepted: a count, or a share of TotalNumberOfTasks like 2%.
        #[arg(long, value_name = "N|P%", default_value = "0", value_parser = parse_max_failed)]
        max_failed: MaxFailed,
        /// Confirm the job if it waits for confirmation.
        #[arg(long)]
        confirm: bool,
        /// The first pause between DescribeJob calls (it grows to 60 s).
        #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = parse_duration)]
        interval: Duration,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Count the tasks and group the failures by error code and HTTP status, with causes and fixes.
    ///
    /// OSS does not document the report's layout: the columns are read from a header row, or by
    /// content (a column of succeeded/failed words, one of HTTP statuses, …), or as --columns names
    /// them, and the output says which. Several files are one report; `-` reads standard input; gzip
    /// files are read as such. --json prints one object: {"tasks", "succeeded", "failed", "groups":
    /// [{"errorCode", "httpStatus", "count", "sampleKeys", "cause", "fix"}], "layout": {"columns",
    /// "source"}, "assumptions"}. Exit status: 0 when no task failed, 3 when some failed, 2 when a file
    /// cannot be read, has damaged rows (listed on standard error with file and row) or its columns
    /// cannot be told (the message says which are unclear).
    Summary {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// The report's columns in order, from bucket, key, versionId, status, httpStatus,
        /// errorCode, message, ignore (e.g. bucket,key,versionId,status,httpStatus,errorCode,message).
        #[arg(long, value_name = "LIST")]
        columns: Option<String>,
        /// Read the report of this job from OSS (its Report bucket and prefix) instead of files.
        #[arg(long, value_name = "JOB_ID", conflicts_with = "files")]
        job: Option<String>,
        /// The report's files.
        #[arg(required_unless_present = "job", value_name = "FILE")]
        files: Vec<String>,
    },
    /// Download a job's report objects (found under its Report bucket and prefix) into a directory.
    Fetch {
        #[arg(value_name = "JOB_ID")]
        job_id: String,
        /// The directory (default: report-<job id>).
        #[arg(long, value_name = "DIR")]
        out: Option<String>,
    },
    /// Write a manifest of exactly the failed tasks (OSS_BatchOperations_CSV_20250611 rows) and print
    /// its ETag on standard error.
    ///
    /// Rows keep the report's order and its bucket and key bytes (assuming the report uses the
    /// manifest's encoding); a version written \N or empty becomes an empty field, `null` stays.
    /// Exit status: 0 when it wrote one (an empty manifest, with a note, when no task failed), 2 as for
    /// `report summary`.
    Retry {
        /// The manifest's columns (its Spec.Fields): default Bucket,Key, plus VersionId when the
        /// report has a version column.
        #[arg(long, value_name = "FIELDS")]
        fields: Option<String>,
        /// The report's columns in order (as for `report summary`).
        #[arg(long, value_name = "LIST")]
        columns: Option<String>,
        /// Write the manifest to this file (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<String>,
        /// The report's files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Xml,
    Json,
    Ossutil,
    Go,
}

/// How many failed tasks `wait` accepts: a count or a share of TotalNumberOfTasks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MaxFailed {
    Count(u64),
    Percent(f64),
}

pub fn parse_max_failed(text: &str) -> Result<MaxFailed, String> {
    let text = text.trim();
    let bad = || format!("{text:?} is not a number of tasks (0) or a share of them (2%)");
    match text.strip_suffix('%') {
        Some(share) => share
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|p| (0.0..=100.0).contains(p))
            .map(MaxFailed::Percent)
            .ok_or_else(bad),
        None => text.parse().map(MaxFailed::Count).map_err(|_| bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_failed() {
        assert_eq!(parse_max_failed("0").unwrap(), MaxFailed::Count(0));
        assert_eq!(parse_max_failed("2.5%").unwrap(), MaxFailed::Percent(2.5));
        assert!(parse_max_failed("-1").is_err());
        assert!(parse_max_failed("150%").is_err());
    }
}
