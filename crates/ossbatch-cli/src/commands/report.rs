//! `ossbatch report summary` and `ossbatch report retry`: a job's completion report read with the
//! core's report reader (issue #22). Their output and exit codes are a contract other tools rely on.

use std::io::Write;

use ossbatch_core::manifest_file::ManifestField;
use ossbatch_core::report::{
    Column, ReportError, ReportOptions, ReportOutcome, ReportReader, ReportSummary,
};
use ossbatch_core::Lang;

use super::stream;
use crate::exit::ExitStatus;
use crate::texts;

/// Reads every file (`-` is standard input) as one report; the retry bytes go to `retry_out` as
/// they come.
pub(crate) fn read_report(
    files: &[String],
    options: ReportOptions,
    mut retry_out: impl FnMut(&[u8]) -> Result<(), String>,
) -> Result<ReportOutcome, String> {
    let lang = options.lang;
    let mut reader = ReportReader::new(options);
    for file in files {
        let name = if file == "-" {
            "<stdin>"
        } else {
            file.as_str()
        };
        reader.begin_file(name);
        let mut failure = None;
        stream(file, |bytes| {
            reader.update(bytes);
            if failure.is_none() {
                failure = retry_out(&reader.take_retry()).err();
            }
        })?;
        if let Some(failure) = failure {
            return Err(failure);
        }
    }
    reader
        .finish()
        .map_err(|error: ReportError| error.message_in(lang))
}

fn columns_option(columns: Option<&str>) -> Result<Option<Vec<Column>>, String> {
    columns
        .map(|list| Column::parse_list(list).map_err(|message| format!("--columns: {message}")))
        .transpose()
}

/// Damaged rows on standard error; true when there were any.
fn report_damage(summary: &ReportSummary, lang: Lang) -> bool {
    for damage in &summary.damaged {
        eprintln!("{damage}");
    }
    let unlisted = summary.damaged_rows - summary.damaged.len() as u64;
    if unlisted > 0 {
        eprintln!("{}", texts::MORE_DAMAGED.fill(lang, &[&unlisted]));
    }
    if summary.damaged_rows > 0 {
        let rows = summary.damaged_rows;
        eprintln!("{}", texts::DAMAGED_NOT_COUNTED.fill(lang, &[&rows]));
    }
    summary.damaged_rows > 0
}

/// The `--json` object of `report summary`, keys in the documented order.
#[derive(serde::Serialize)]
struct SummaryJson<'a> {
    tasks: u64,
    succeeded: u64,
    failed: u64,
    groups: Vec<GroupJson<'a>>,
    layout: LayoutJson,
    assumptions: &'a [String],
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct GroupJson<'a> {
    error_code: Option<&'a str>,
    http_status: Option<u16>,
    count: u64,
    sample_keys: &'a [String],
    cause: Option<&'static str>,
    fix: Option<&'static str>,
}

#[derive(serde::Serialize)]
struct LayoutJson {
    columns: Vec<&'static str>,
    source: ossbatch_core::report::LayoutSource,
}

fn summary_json(summary: &ReportSummary, lang: Lang) -> SummaryJson<'_> {
    SummaryJson {
        tasks: summary.tasks,
        succeeded: summary.succeeded,
        failed: summary.failed,
        groups: summary
            .groups
            .iter()
            .map(|group| GroupJson {
                error_code: group.error_code.as_deref(),
                http_status: group.http_status,
                count: group.count,
                sample_keys: &group.sample_keys,
                cause: group.fix.map(|fix| fix.cause.get(lang)),
                fix: group.fix.map(|fix| fix.fix.get(lang)),
            })
            .collect(),
        layout: LayoutJson {
            columns: summary.layout.columns.iter().map(|c| c.as_str()).collect(),
            source: summary.layout.source,
        },
        assumptions: &summary.assumptions,
    }
}

fn percent(part: u64, whole: u64) -> String {
    format!("{:.1}%", part as f64 * 100.0 / whole.max(1) as f64)
}

/// The summary for people, written to `out` (standard output, or standard error after `submit --wait`).
fn write_summary(out: &mut dyn Write, summary: &ReportSummary, lang: Lang) {
    let share = percent(summary.failed, summary.tasks);
    let counts: [&dyn std::fmt::Display; 4] =
        [&summary.tasks, &summary.succeeded, &summary.failed, &share];
    let _ = writeln!(out, "{}", texts::TASKS.fill(lang, &counts));
    if !summary.groups.is_empty() {
        let _ = writeln!(out, "{}", texts::FAILURES.get(lang));
    }
    for group in &summary.groups {
        let code = group.error_code.as_deref().unwrap_or("-");
        let http = group
            .http_status
            .map_or(String::new(), |status| format!(" · HTTP {status}"));
        let _ = writeln!(
            out,
            "  {:>8}  {:>6}  {code}{http}",
            group.count,
            percent(group.count, summary.failed)
        );
        if let Some(fix) = group.fix {
            let (cause, todo) = (texts::CAUSE.get(lang), texts::FIX.get(lang));
            let _ = writeln!(out, "            {cause}: {}", fix.cause.get(lang));
            let _ = writeln!(out, "            {todo}: {}", fix.fix.get(lang));
        }
        let example = texts::EXAMPLE.get(lang);
        let _ = writeln!(
            out,
            "            {example} {}",
            group.sample_keys.join(", ")
        );
    }
    for assumption in &summary.assumptions {
        let _ = writeln!(out, "{}{assumption}", texts::NOTE.get(lang));
    }
}

fn print_summary(summary: &ReportSummary, lang: Lang) {
    write_summary(&mut std::io::stdout().lock(), summary, lang);
}

/// After `submit --wait` ends with failed tasks: the failure groups from the job's report, on standard
/// error (standard output keeps the documented result). A report that cannot be read is a note.
pub fn show_job_report(client: &crate::remote::Client, job_id: &str, lang: Lang) {
    let options = ReportOptions {
        lang,
        ..ReportOptions::default()
    };
    match read_job_report(client, job_id, options) {
        Ok(summary) => write_summary(&mut std::io::stderr().lock(), &summary, lang),
        Err(failed) => eprintln!("the job's report could not be read: {}", failed.text),
    }
}

/// A job's report read straight from OSS (its objects that name the job; manifests skipped).
fn read_job_report(
    client: &crate::remote::Client,
    job_id: &str,
    options: ReportOptions,
) -> Result<ReportSummary, crate::remote::Failed> {
    let (bucket, found) = report_objects_of(client, job_id)?;
    let lang = options.lang;
    let mut reader = ReportReader::new(options);
    for object in found.iter().filter(|o| !o.key.ends_with("manifest.json")) {
        reader.begin_file(&object.key);
        read_object(client, &bucket, object, |bytes| {
            reader.update(bytes);
            Ok(())
        })?;
    }
    let outcome = reader.finish();
    outcome
        .map(|outcome| outcome.summary)
        .map_err(|e| crate::remote::Failed::input(e.message_in(lang)))
}

pub fn run_summary(files: &[String], json: bool, columns: Option<&str>, lang: Lang) -> ExitStatus {
    let options = match columns_option(columns) {
        Ok(columns) => ReportOptions {
            columns,
            lang,
            ..ReportOptions::default()
        },
        Err(message) => {
            eprintln!("{message}");
            return ExitStatus::Unreadable;
        }
    };
    let outcome = match read_report(files, options, |_| Ok(())) {
        Ok(outcome) => outcome,
        Err(message) => {
            eprintln!("{message}");
            return ExitStatus::Unreadable;
        }
    };
    let summary = outcome.summary;
    if json {
        let text = serde_json::to_string_pretty(&summary_json(&summary, lang));
        println!("{}", text.unwrap_or_else(|_| "{}".into()));
    } else {
        print_summary(&summary, lang);
    }
    if report_damage(&summary, lang) {
        ExitStatus::Unreadable
    } else if summary.failed > 0 {
        ExitStatus::TasksFailed
    } else {
        ExitStatus::Success
    }
}

pub fn run_retry(
    files: &[String],
    fields: Option<&str>,
    columns: Option<&str>,
    out: Option<&str>,
    lang: Lang,
) -> ExitStatus {
    let fields = match fields.map(ManifestField::parse_list).transpose() {
        Ok(fields) => fields.unwrap_or_default(),
        Err(message) => {
            eprintln!("--fields: {message}");
            return ExitStatus::Unreadable;
        }
    };
    let columns = match columns_option(columns) {
        Ok(columns) => columns,
        Err(message) => {
            eprintln!("{message}");
            return ExitStatus::Unreadable;
        }
    };
    let options = ReportOptions {
        columns,
        retry_fields: Some(fields),
        lang,
        ..ReportOptions::default()
    };
    // To a file: written beside it and moved into place only when the whole report was read.
    let partial = out.map(|path| format!("{path}.partial"));
    let mut sink: Box<dyn Write> = match &partial {
        None => Box::new(std::io::stdout().lock()),
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(error) => {
                eprintln!("{path}: cannot write: {error}");
                return ExitStatus::Unreadable;
            }
        },
    };
    let name = out.unwrap_or("<stdout>").to_string();
    let mut write = |bytes: &[u8]| {
        sink.write_all(bytes)
            .map_err(|error| format!("{name}: cannot write: {error}"))
    };
    let result = read_report(files, options, &mut write).and_then(|outcome| {
        write(&outcome.retry_tail)?;
        Ok(outcome)
    });
    let flushed = sink.flush();
    drop(sink);
    let outcome = match (result, flushed) {
        (Ok(outcome), Ok(())) => outcome,
        (Err(message), _) => {
            discard(partial.as_deref());
            eprintln!("{message}");
            return ExitStatus::Unreadable;
        }
        (_, Err(error)) => {
            discard(partial.as_deref());
            eprintln!("{name}: cannot write: {error}");
            return ExitStatus::Unreadable;
        }
    };
    if report_damage(&outcome.summary, lang) {
        discard(partial.as_deref());
        return ExitStatus::Unreadable;
    }
    if let (Some(partial), Some(out)) = (&partial, out) {
        if let Err(error) = std::fs::rename(partial, out) {
            eprintln!("{out}: cannot write: {error}");
            return ExitStatus::Unreadable;
        }
    }
    let retry = outcome.retry.expect("asked for");
    eprintln!("{}", retry.etag);
    if retry.rows == 0 {
        eprintln!("{}", texts::RETRY_EMPTY.get(lang));
    } else {
        let written: [&dyn std::fmt::Display; 3] = [&retry.rows, &retry.fields, &retry.bytes];
        eprintln!("{}", texts::RETRY_WRITTEN.fill(lang, &written));
    }
    ExitStatus::Success
}

fn discard(partial: Option<&str>) {
    if let Some(path) = partial {
        let _ = std::fs::remove_file(path);
    }
}

/// A job's report objects (issue #23): DescribeJob for its Report bucket and prefix, ListObjectsV2 of
/// every page under the prefix, the keys naming the job (a manifest.json first, then newest first).
fn report_objects_of(
    client: &crate::remote::Client,
    job_id: &str,
) -> Result<(String, Vec<ossbatch_core::api::objects::ObjectSummary>), crate::remote::Failed> {
    use ossbatch_core::api::jobs::{build_describe_job, parse_describe_job_response};
    use ossbatch_core::api::objects::report_objects;
    let job = client.call(
        |params| build_describe_job(job_id, params),
        parse_describe_job_response,
    )?;
    let report = job.report.clone().unwrap_or_default();
    if report.enabled != Some(true) {
        return Err(crate::remote::Failed::input(format!(
            "job {job_id} has no report (Report.Enabled is not true)"
        )));
    }
    let bucket = report.bucket.unwrap_or_default();
    let prefix = report.prefix.unwrap_or_default();
    let listed = super::list_all_objects(client, &bucket, &prefix)?;
    let found = report_objects(&listed, job_id)
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    if found.is_empty() {
        return Err(crate::remote::Failed::input(format!(
            "no object under oss://{bucket}/{prefix} names job {job_id} (the report may not be written yet)"
        )));
    }
    Ok((bucket, found))
}

/// An object's bytes, read in 8 MiB Range pieces and handed to `sink`.
fn read_object(
    client: &crate::remote::Client,
    bucket: &str,
    object: &ossbatch_core::api::objects::ObjectSummary,
    mut sink: impl FnMut(&[u8]) -> Result<(), String>,
) -> Result<(), crate::remote::Failed> {
    use ossbatch_core::api::objects::build_get_object;
    use ossbatch_core::api::response::parse_result_document;
    const PIECE: u64 = 8 * 1024 * 1024;
    let size = object.size.unwrap_or(0);
    let mut offset = 0;
    loop {
        let range = (size > 0).then(|| (offset, (offset + PIECE).min(size) - 1));
        let bytes = client.call_bytes(
            |params| build_get_object(bucket, &object.key, range, params),
            |status, bytes| {
                if (200..300).contains(&status) {
                    Ok(bytes.to_vec())
                } else {
                    parse_result_document(status, &String::from_utf8_lossy(bytes), "Error")
                        .map(|_| Vec::new())
                }
            },
        )?;
        sink(&bytes).map_err(crate::remote::Failed::input)?;
        offset += PIECE;
        if size == 0 || offset >= size {
            return Ok(());
        }
    }
}

/// `report fetch ID [--out DIR]`: the report's objects, written under DIR with their keys' names.
pub fn run_fetch(
    client: &crate::remote::Client,
    job_id: &str,
    out: Option<&str>,
) -> Result<ExitStatus, crate::remote::Failed> {
    let (bucket, found) = report_objects_of(client, job_id)?;
    let safe = ossbatch_core::report::job_file_name(job_id);
    let dir = std::path::PathBuf::from(out.map_or_else(|| format!("report-{safe}"), String::from));
    std::fs::create_dir_all(&dir)
        .map_err(|e| crate::remote::Failed::input(format!("{}: {e}", dir.display())))?;
    for object in &found {
        // The key's last part names the file (keys may hold `//` and any character).
        let name: String = object
            .key
            .rsplit('/')
            .next()
            .unwrap_or("object")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = dir.join(if name.is_empty() {
            "object".into()
        } else {
            name
        });
        let mut file = std::fs::File::create(&path)
            .map_err(|e| crate::remote::Failed::input(format!("{}: {e}", path.display())))?;
        read_object(client, &bucket, object, |bytes| {
            file.write_all(bytes)
                .map_err(|e| format!("{}: {e}", path.display()))
        })?;
        println!("{}", path.display());
    }
    Ok(ExitStatus::Success)
}

/// `report summary --job ID`: the report read straight from OSS.
pub fn run_summary_of_job(
    client: &crate::remote::Client,
    job_id: &str,
    json: bool,
    columns: Option<&str>,
    lang: Lang,
) -> Result<ExitStatus, crate::remote::Failed> {
    let columns = columns_option(columns).map_err(crate::remote::Failed::input)?;
    let options = ReportOptions {
        columns,
        lang,
        ..ReportOptions::default()
    };
    let summary = read_job_report(client, job_id, options)?;
    if json {
        let text = serde_json::to_string_pretty(&summary_json(&summary, lang));
        println!("{}", text.unwrap_or_else(|_| "{}".into()));
    } else {
        print_summary(&summary, lang);
    }
    Ok(if report_damage(&summary, lang) {
        ExitStatus::Unreadable
    } else if summary.failed > 0 {
        ExitStatus::TasksFailed
    } else {
        ExitStatus::Success
    })
}
