//! `ossbatch validate`: every documented rule over job files.

use ossbatch_core::{has_errors, validate_with, Issue, Lang, ValidateOptions};

use super::{issue_json, load};
use crate::exit::ExitStatus;

pub fn run(files: &[String], json: bool, region: Option<String>, lang: Lang) -> ExitStatus {
    let options = ValidateOptions { region };
    let several = files.len() > 1;
    let mut exit = ExitStatus::Success;
    let mut json_out: Vec<serde_json::Value> = Vec::new();
    for file in files {
        let request = match load(file, lang) {
            Ok(request) => request,
            Err(message) => {
                eprintln!("{message}");
                exit = exit.max(ExitStatus::Unreadable);
                continue;
            }
        };
        let issues: Vec<Issue> = validate_with(&request, &options)
            .into_iter()
            .map(|issue| issue.localized(lang))
            .collect();
        if has_errors(&issues) {
            exit = exit.max(ExitStatus::Invalid);
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
