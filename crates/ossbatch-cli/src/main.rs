//! `ossbatch`: checks and formats CreateJob job files (XML or JSON) before `ossutil api create-job`.

mod jobs;
mod remote;
mod report;

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ossbatch_core::manifest_file::{Etag, ManifestChecker, ManifestField, ManifestReport};
use ossbatch_core::{
    copy_as, from_xml_or_json, has_errors, role_policy, rules, to_json, to_xml, validate_with,
    CreateJobRequest, Issue, Lang, ValidateOptions, XmlStyle,
};

/// Exit code when no file has an error.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code when a file has validation errors.
pub(crate) const EXIT_INVALID: u8 = 1;
/// Exit code when a file cannot be read or parsed.
pub(crate) const EXIT_UNREADABLE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "ossbatch",
    version,
    about = "Check and format Alibaba Cloud OSS Batch Operations CreateJob requests"
)]
struct Cli {
    /// Language of messages and rule summaries: en or zh (zh-CN). Codes, paths and JSON keys stay as
    /// they are. Default: $OSSBATCH_LANG, else en.
    #[arg(long, global = true, env = "OSSBATCH_LANG", default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    /// The region: the job's (validate, submit, jobs, report) or the one a copy is written for (fmt).
    /// Default: $OSS_REGION.
    #[arg(long, global = true, env = "OSS_REGION")]
    region: Option<String>,
    /// Another endpoint than https://oss-<region>.aliyuncs.com: a host, host:port or URL (https unless
    /// http:// is written), for private endpoints and tests. Default: $OSS_ENDPOINT.
    #[arg(long, global = true, env = "OSS_ENDPOINT")]
    endpoint: Option<String>,
    /// The signature: v4 (default) or v1.
    #[arg(long, global = true, default_value = "v4", value_parser = parse_signature_version)]
    signature_version: ossbatch_core::SignatureVersion,
    /// Show each signed request on standard error (the signature and the STS token redacted).
    #[arg(long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

fn parse_signature_version(text: &str) -> Result<ossbatch_core::SignatureVersion, String> {
    match text.to_ascii_lowercase().as_str() {
        "v4" | "4" => Ok(ossbatch_core::SignatureVersion::V4),
        "v1" | "1" => Ok(ossbatch_core::SignatureVersion::V1),
        _ => Err(format!("unknown signature version {text:?}; use v4 or v1")),
    }
}

fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::parse(tag).ok_or_else(|| format!("unknown language {tag:?}; use en or zh"))
}

#[derive(Subcommand)]
enum Command {
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
        #[arg(long, value_name = "DURATION", requires = "wait")]
        timeout: Option<String>,
        /// With --wait: failed tasks accepted (a count, or a share of the tasks like 2%).
        #[arg(long, value_name = "N|P%", default_value = "0", requires = "wait")]
        max_failed: String,
        /// With --wait: the first pause between DescribeJob calls (it grows to 60 s).
        #[arg(long, value_name = "DURATION", default_value = "5s")]
        interval: String,
        /// Print one JSON object on standard output.
        #[arg(long)]
        json: bool,
        /// The job file (XML or JSON; `-` reads standard input).
        #[arg(value_name = "FILE")]
        file: String,
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
enum ManifestCommand {
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
enum JobsCommand {
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
        #[arg(long, value_name = "DURATION")]
        timeout: Option<String>,
        /// Failed tasks accepted: a count, or a share of TotalNumberOfTasks like 2%.
        #[arg(long, value_name = "N|P%", default_value = "0")]
        max_failed: String,
        /// Confirm the job if it waits for confirmation.
        #[arg(long)]
        confirm: bool,
        /// The first pause between DescribeJob calls (it grows to 60 s).
        #[arg(long, value_name = "DURATION", default_value = "5s")]
        interval: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ReportCommand {
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
enum Format {
    Xml,
    Json,
    Ossutil,
    Go,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    let base = remote::Target {
        region: cli.region.clone(),
        endpoint: cli.endpoint.clone(),
        version: cli.signature_version,
        verbose: cli.verbose,
        json: false,
        lang,
    };
    let target = |json: bool| remote::Target {
        json,
        ..base.clone()
    };
    let code = match cli.command {
        Command::Validate { json, files } => run_validate(&files, json, cli.region.clone(), lang),
        Command::Fmt {
            pretty: _,
            compact,
            to,
            file,
        } => run_fmt(&file, compact, to, cli.region.as_deref(), lang),
        Command::Policy {
            explain,
            manifest,
            file,
        } => run_policy(&file, explain, manifest.as_deref(), lang),
        Command::Manifest {
            command:
                ManifestCommand::Check {
                    fields,
                    bucket,
                    json,
                    file,
                },
        } => run_manifest_check(&file, &fields, bucket, json, lang),
        Command::Manifest {
            command: ManifestCommand::Etag { file },
        } => run_manifest_etag(&file),
        Command::Report {
            command:
                ReportCommand::Summary {
                    json,
                    columns,
                    job: None,
                    files,
                },
        } => report::run_summary(&files, json, columns.as_deref(), lang),
        Command::Report {
            command:
                ReportCommand::Summary {
                    json,
                    columns,
                    job: Some(job_id),
                    ..
                },
        } => remote_command(&target(json), |client, _| {
            report::run_summary_of_job(client, &job_id, json, columns.as_deref(), lang)
        }),
        Command::Report {
            command: ReportCommand::Fetch { job_id, out },
        } => remote_command(&target(false), |client, _| {
            report::run_fetch(client, &job_id, out.as_deref())
        }),
        Command::Submit {
            confirm,
            wait,
            timeout,
            max_failed,
            interval,
            json,
            file,
        } => {
            let target = target(json);
            let request = match load(&file, lang) {
                Ok(request) => request,
                Err(message) => return ExitCode::from(remote::Failed::input(message).report(json)),
            };
            remote_command(&target, |client, target| {
                let wait = wait
                    .then(|| wait_options(timeout.as_deref(), &max_failed, &interval, confirm))
                    .transpose()?;
                jobs::run_submit(client, target, request, confirm, wait)
            })
        }
        Command::Jobs { command } => run_jobs(command, &target),
        Command::Report {
            command:
                ReportCommand::Retry {
                    fields,
                    columns,
                    out,
                    files,
                },
        } => report::run_retry(
            &files,
            fields.as_deref(),
            columns.as_deref(),
            out.as_deref(),
            lang,
        ),
        Command::Rules { markdown, json } => run_rules(markdown, json, lang),
    };
    ExitCode::from(code)
}

fn read_source(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| format!("<stdin>: cannot read: {error}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(|error| format!("{file}: cannot read: {error}"))
    }
}

fn load(file: &str, lang: Lang) -> Result<CreateJobRequest, String> {
    let text = read_source(file)?;
    from_xml_or_json(&text).map_err(|error| {
        let name = if file == "-" { "<stdin>" } else { file };
        match lang {
            Lang::En => {
                let location = if error.path.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", error.path)
                };
                format!(
                    "{name}:{}:{}: {location}{}",
                    error.line, error.column, error.message
                )
            }
            _ => format!("{name}: {}", error.message_in(lang)),
        }
    })
}

fn run_validate(files: &[String], json: bool, region: Option<String>, lang: Lang) -> u8 {
    let options = ValidateOptions { region };
    let several = files.len() > 1;
    let mut exit = EXIT_OK;
    let mut json_out: Vec<serde_json::Value> = Vec::new();
    for file in files {
        let request = match load(file, lang) {
            Ok(request) => request,
            Err(message) => {
                eprintln!("{message}");
                exit = exit.max(EXIT_UNREADABLE);
                continue;
            }
        };
        let issues: Vec<Issue> = validate_with(&request, &options)
            .into_iter()
            .map(|issue| issue.localized(lang))
            .collect();
        if has_errors(&issues) {
            exit = exit.max(EXIT_INVALID);
        }
        for issue in &issues {
            if json {
                json_out.push(issue_json(issue, several.then_some(file.as_str())));
            } else if several {
                println!("{file}: {issue}");
            } else {
                println!("{issue}");
            }
        }
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json_out).unwrap_or_else(|_| "[]".into())
        );
    }
    exit
}

fn issue_json(issue: &Issue, file: Option<&str>) -> serde_json::Value {
    let mut value = serde_json::to_value(issue).unwrap_or(serde_json::Value::Null);
    if let (Some(file), Some(object)) = (file, value.as_object_mut()) {
        object.insert("file".into(), file.into());
    }
    value
}

fn run_fmt(file: &str, compact: bool, to: Format, region: Option<&str>, lang: Lang) -> u8 {
    let request = match load(file, lang) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_UNREADABLE;
        }
    };
    let text = match (to, compact) {
        (Format::Xml, true) => to_xml(&request, XmlStyle::Compact),
        (Format::Xml, false) => to_xml(&request, XmlStyle::Pretty),
        (Format::Json, compact) => to_json(&request, !compact),
        (Format::Ossutil, _) => {
            print!("{}", copy_as::to_ossutil(&request, region));
            return EXIT_OK;
        }
        (Format::Go, _) => {
            print!("{}", copy_as::to_go(&request, region));
            return EXIT_OK;
        }
    };
    println!("{text}");
    EXIT_OK
}

/// Streams a file (or standard input) through `sink` in 1 MiB pieces.
pub(crate) fn stream(file: &str, mut sink: impl FnMut(&[u8])) -> Result<(), String> {
    let name = if file == "-" { "<stdin>" } else { file };
    let mut reader: Box<dyn Read> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            std::fs::File::open(file).map_err(|error| format!("{name}: cannot read: {error}"))?,
        )
    };
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => sink(&buffer[..n]),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(format!("{name}: cannot read: {error}")),
        }
    }
}

/// Streams a CSV manifest through the checker. `fields_source` names where the Fields list came from,
/// for its error message (`--fields`, or the job file's Manifest.Spec.Fields).
fn check_manifest_file(
    file: &str,
    fields: &str,
    fields_source: &str,
    bucket: Option<String>,
) -> Result<ManifestReport, String> {
    let fields = ManifestField::parse_list(fields)
        .map_err(|message| format!("{fields_source}: {message}"))?;
    let mut checker = ManifestChecker::new(fields, bucket);
    stream(file, |bytes| checker.update(bytes))?;
    Ok(checker.finish())
}

fn run_policy(file: &str, explain: bool, manifest: Option<&str>, lang: Lang) -> u8 {
    let request = match load(file, lang) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_UNREADABLE;
        }
    };
    let buckets = match manifest {
        None => None,
        Some(csv) => {
            let fields = request
                .manifest
                .as_ref()
                .and_then(|m| m.spec.as_ref())
                .and_then(|s| s.fields.as_deref())
                .unwrap_or("Bucket,Key");
            match check_manifest_file(csv, fields, &format!("{file}: Manifest.Spec.Fields"), None) {
                Ok(report) => Some(report.buckets),
                Err(message) => {
                    eprintln!("{message}");
                    return EXIT_UNREADABLE;
                }
            }
        }
    };
    let policies = role_policy::role_policies(&request, buckets.as_deref());
    let mut out = serde_json::json!({
        "trustPolicy": policies.trust_policy.document,
        "permissionPolicy": policies.permission_policy.document,
        "callerPolicy": policies.caller_policy.document,
    });
    if explain {
        out["explanations"] = serde_json::json!({
            "trustPolicy": policies.trust_policy.explanations,
            "permissionPolicy": policies.permission_policy.explanations,
            "callerPolicy": policies.caller_policy.explanations,
            "placeholders": policies.placeholders,
        });
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
    );
    if !policies.placeholders.is_empty() {
        eprintln!(
            "note: replace the placeholders before use: {}",
            policies.placeholders.join(", ")
        );
    }
    EXIT_OK
}

fn run_manifest_check(
    file: &str,
    fields: &str,
    bucket: Option<String>,
    json: bool,
    lang: Lang,
) -> u8 {
    let mut report = match check_manifest_file(file, fields, "--fields", bucket) {
        Ok(report) => report,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_UNREADABLE;
        }
    };
    report.issues = std::mem::take(&mut report.issues)
        .into_iter()
        .map(|issue| issue.localized(lang))
        .collect();
    if json {
        let issues: Vec<serde_json::Value> =
            report.issues.iter().map(|i| issue_json(i, None)).collect();
        let out = serde_json::json!({
            "issues": issues,
            "rows": report.rows,
            "bytes": report.bytes,
            "etag": report.etag,
            "buckets": report.buckets,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into())
        );
    } else {
        for issue in &report.issues {
            println!("{issue}");
        }
    }
    if has_errors(&report.issues) {
        EXIT_INVALID
    } else {
        EXIT_OK
    }
}

fn run_manifest_etag(file: &str) -> u8 {
    let mut etag = Etag::new();
    match stream(file, |bytes| etag.update(bytes)) {
        Ok(()) => {
            println!("{}", etag.finish());
            EXIT_OK
        }
        Err(message) => {
            eprintln!("{message}");
            EXIT_UNREADABLE
        }
    }
}

fn run_rules(markdown: bool, json: bool, lang: Lang) -> u8 {
    // Validation's catalogue, then the manifest file check's codes.
    let all: Vec<&ossbatch_core::Rule> = rules::ALL
        .iter()
        .chain(ossbatch_core::rules::manifest::RULES)
        .collect();
    if markdown {
        print!("{}", rules::catalogue_markdown());
    } else if json {
        println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
    } else {
        for rule in all {
            println!(
                "{:<36} {:<8} {}: {}",
                rule.code,
                rule.severity,
                rule.element,
                rule.summary_in(lang)
            );
        }
    }
    EXIT_OK
}

/// Runs a command that talks to OSS: the client from the environment, failures printed with every
/// field OSS sent (as JSON with --json) and their exit code.
fn remote_command(
    target: &remote::Target,
    run: impl FnOnce(&remote::Client, &remote::Target) -> Result<u8, remote::Failed>,
) -> u8 {
    match remote::Client::from_env(target).and_then(|client| run(&client, target)) {
        Ok(code) => code,
        Err(failed) => failed.report(target.json),
    }
}

fn wait_options(
    timeout: Option<&str>,
    max_failed: &str,
    interval: &str,
    confirm: bool,
) -> Result<jobs::WaitOptions, remote::Failed> {
    let duration = |flag: &str, text: &str| {
        remote::parse_duration(text)
            .map_err(|message| remote::Failed::input(format!("{flag}: {message}")))
    };
    Ok(jobs::WaitOptions {
        timeout: timeout.map(|t| duration("--timeout", t)).transpose()?,
        max_failed: jobs::parse_max_failed(max_failed).map_err(remote::Failed::input)?,
        confirm,
        interval: duration("--interval", interval)?.max(std::time::Duration::from_millis(100)),
    })
}

fn run_jobs(command: JobsCommand, target: &dyn Fn(bool) -> remote::Target) -> u8 {
    use ossbatch_core::api::jobs::JobStatus;
    match command {
        JobsCommand::List {
            statuses,
            max_keys,
            all,
            json,
        } => remote_command(&target(json), |client, target| {
            // `--status A|B` works too: the API page separates statuses with `|`.
            let statuses: Vec<String> = statuses
                .iter()
                .flat_map(|s| s.split('|'))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            jobs::run_list(client, target, &statuses, max_keys, all)
        }),
        JobsCommand::Describe { job_id, json } => {
            remote_command(&target(json), |client, target| {
                jobs::run_describe(client, target, &job_id)
            })
        }
        JobsCommand::Confirm { job_id, json } => remote_command(&target(json), |client, target| {
            jobs::run_set_status(client, target, &job_id, JobStatus::Ready, None)
        }),
        JobsCommand::Cancel {
            job_id,
            reason,
            json,
        } => remote_command(&target(json), |client, target| {
            jobs::run_set_status(
                client,
                target,
                &job_id,
                JobStatus::Cancelled,
                reason.as_deref(),
            )
        }),
        JobsCommand::Priority {
            job_id,
            priority,
            json,
        } => remote_command(&target(json), |client, target| {
            jobs::run_priority(client, target, &job_id, priority)
        }),
        JobsCommand::Wait {
            job_id,
            timeout,
            max_failed,
            confirm,
            interval,
            json,
        } => remote_command(&target(json), |client, target| {
            let options = wait_options(timeout.as_deref(), &max_failed, &interval, confirm)?;
            jobs::run_wait(client, target, &job_id, &options)
        }),
    }
}
