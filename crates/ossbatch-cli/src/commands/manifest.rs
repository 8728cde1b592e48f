//! `ossbatch manifest check` and `ossbatch manifest etag`.

use ossbatch_core::manifest_file::{Etag, ManifestChecker, ManifestField, ManifestReport};
use ossbatch_core::{has_errors, Lang};

use super::{issue_json, stream};
use crate::args::ManifestCommand;
use crate::exit::ExitStatus;

pub fn run(command: ManifestCommand, lang: Lang) -> ExitStatus {
    match command {
        ManifestCommand::Check {
            fields,
            bucket,
            json,
            file,
        } => run_check(&file, &fields, bucket, json, lang),
        ManifestCommand::Etag { file } => run_etag(&file),
    }
}

/// Streams a CSV manifest through the checker. `fields_source` names where the Fields list came from,
/// for its error message (`--fields`, or the job file's Manifest.Spec.Fields).
pub(crate) fn check_manifest_file(
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

fn run_check(
    file: &str,
    fields: &str,
    bucket: Option<String>,
    json: bool,
    lang: Lang,
) -> ExitStatus {
    let mut report = match check_manifest_file(file, fields, "--fields", bucket) {
        Ok(report) => report,
        Err(message) => {
            eprintln!("{message}");
            return ExitStatus::Unreadable;
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
        ExitStatus::Invalid
    } else {
        ExitStatus::Success
    }
}

fn run_etag(file: &str) -> ExitStatus {
    let mut etag = Etag::new();
    match stream(file, |bytes| etag.update(bytes)) {
        Ok(()) => {
            println!("{}", etag.finish());
            ExitStatus::Success
        }
        Err(message) => {
            eprintln!("{message}");
            ExitStatus::Unreadable
        }
    }
}
