//! `ossbatch fmt`: a job file in canonical form, or as an ossutil command or a Go program.

use ossbatch_core::{copy_as, to_json, to_xml, Lang, XmlStyle};

use super::load;
use crate::args::Format;
use crate::exit::ExitStatus;

pub fn run(file: &str, compact: bool, to: Format, region: Option<&str>, lang: Lang) -> ExitStatus {
    let request = match load(file, lang) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("{message}");
            return ExitStatus::Unreadable;
        }
    };
    let text = match (to, compact) {
        (Format::Xml, true) => to_xml(&request, XmlStyle::Compact),
        (Format::Xml, false) => to_xml(&request, XmlStyle::Pretty),
        (Format::Json, compact) => to_json(&request, !compact),
        (Format::Ossutil, _) => {
            print!("{}", copy_as::to_ossutil(&request, region));
            return ExitStatus::Success;
        }
        (Format::Go, _) => {
            print!("{}", copy_as::to_go(&request, region));
            return ExitStatus::Success;
        }
    };
    println!("{text}");
    ExitStatus::Success
}
