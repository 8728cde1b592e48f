//! `ossbatch`: checks and formats CreateJob job files (XML or JSON) before `ossutil api create-job`.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ossbatch_core::{
    from_xml_or_json, has_errors, rules, to_json, to_xml, validate_with, CreateJobRequest, Issue,
    ValidateOptions, XmlStyle,
};

/// Exit code when no file has an error.
const EXIT_OK: u8 = 0;
/// Exit code when a file has validation errors.
const EXIT_INVALID: u8 = 1;
/// Exit code when a file cannot be read or parsed.
const EXIT_UNREADABLE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "ossbatch",
    version,
    about = "Check and format Alibaba Cloud OSS Batch Operations CreateJob requests"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        /// Also check the region the job will be created in, e.g. cn-hangzhou.
        #[arg(long)]
        region: Option<String>,
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
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Xml)]
        to: Format,
        /// The job file (`-` reads standard input).
        #[arg(value_name = "FILE")]
        file: String,
    },
    /// List the validation rules: code, severity, element and rule.
    Rules {
        /// Print the catalogue as the Markdown kept in docs/rules.md.
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
        /// Print the catalogue as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Xml,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate {
            json,
            region,
            files,
        } => run_validate(&files, json, region),
        Command::Fmt {
            pretty: _,
            compact,
            to,
            file,
        } => run_fmt(&file, compact, to),
        Command::Rules { markdown, json } => run_rules(markdown, json),
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

fn load(file: &str) -> Result<CreateJobRequest, String> {
    let text = read_source(file)?;
    from_xml_or_json(&text).map_err(|error| {
        let name = if file == "-" { "<stdin>" } else { file };
        let location = if error.path.is_empty() {
            String::new()
        } else {
            format!("{}: ", error.path)
        };
        format!(
            "{name}:{}:{}: {location}{}",
            error.line, error.column, error.message
        )
    })
}

fn run_validate(files: &[String], json: bool, region: Option<String>) -> u8 {
    let options = ValidateOptions { region };
    let several = files.len() > 1;
    let mut exit = EXIT_OK;
    let mut json_out: Vec<serde_json::Value> = Vec::new();
    for file in files {
        let request = match load(file) {
            Ok(request) => request,
            Err(message) => {
                eprintln!("{message}");
                exit = exit.max(EXIT_UNREADABLE);
                continue;
            }
        };
        let issues = validate_with(&request, &options);
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

fn run_fmt(file: &str, compact: bool, to: Format) -> u8 {
    let request = match load(file) {
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
    };
    println!("{text}");
    EXIT_OK
}

fn run_rules(markdown: bool, json: bool) -> u8 {
    if markdown {
        print!("{}", rules::catalogue_markdown());
    } else if json {
        println!(
            "{}",
            serde_json::to_string_pretty(rules::ALL).unwrap_or_default()
        );
    } else {
        for rule in rules::ALL {
            println!(
                "{:<32} {:<8} {}: {}",
                rule.code, rule.severity, rule.element, rule.summary
            );
        }
    }
    EXIT_OK
}
