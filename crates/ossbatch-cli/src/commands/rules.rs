//! `ossbatch rules`: the catalogue of rules.

use ossbatch_core::{rules, Lang};

use crate::exit::ExitStatus;

pub fn run(markdown: bool, json: bool, lang: Lang) -> ExitStatus {
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
    ExitStatus::Success
}
