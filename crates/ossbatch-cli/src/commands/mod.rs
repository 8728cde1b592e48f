//! One module a command, each with one `run` (ruff's layout): this file dispatches the parsed command
//! line and holds what several commands share (reading a job file, streaming a file, talking to OSS).

pub mod fmt;
pub mod history;
pub mod jobs;
pub mod manifest;
pub mod plan;
pub mod policy;
pub mod report;
pub mod rollback;
pub mod rollback_apply;
pub mod rules;
pub mod snapshot;
pub mod submit;
pub mod validate;

use std::io::Read;

use ossbatch_core::{from_xml_or_json, to_xml, CreateJobRequest, Issue, Lang, XmlStyle};
use sha2::{Digest, Sha256};

use crate::args::{Cli, Command, ReportCommand, RollbackCommand};
use crate::exit::ExitStatus;
use crate::remote;

/// Runs the command `cli` names.
pub fn run(cli: Cli) -> ExitStatus {
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
    match cli.command {
        Command::Validate { json, files } => validate::run(&files, json, cli.region.clone(), lang),
        Command::Fmt {
            pretty: _,
            compact,
            to,
            file,
        } => fmt::run(&file, compact, to, cli.region.as_deref(), lang),
        Command::Policy {
            explain,
            manifest,
            file,
        } => policy::run(&file, explain, manifest.as_deref(), lang),
        Command::Manifest { command } => manifest::run(command, lang),
        Command::Submit {
            confirm,
            wait,
            timeout,
            max_failed,
            interval,
            json,
            plan,
            file,
        } => {
            let wait = wait.then(|| jobs::WaitOptions::new(timeout, max_failed, interval, confirm));
            submit::run(&file, &target(json), confirm, wait, plan.as_deref())
        }
        Command::Rollback {
            command:
                Some(RollbackCommand::Apply {
                    concurrency,
                    shard,
                    rate,
                    rdir,
                }),
            ..
        } => rollback_apply::run(
            &target(false),
            rollback_apply::Options {
                concurrency,
                shard,
                rate,
                rdir,
            },
        ),
        Command::Rollback {
            command: None,
            reports,
            max_jobs,
            submit,
            out,
            snapshot,
        } => rollback::run(
            &target(false),
            rollback::Options {
                reports,
                max_jobs,
                submit,
                // clap requires both unless a subcommand is given.
                out: out.unwrap_or_default(),
                snapshot: snapshot.unwrap_or_default(),
            },
        ),
        Command::Snapshot {
            inventory,
            concurrency,
            resume,
            shard,
            out,
            file,
        } => snapshot::run(
            &file,
            &target(false),
            snapshot::Options {
                inventory,
                concurrency,
                resume,
                shard,
                out,
            },
        ),
        Command::Plan {
            json,
            manifest,
            inventory,
            sample,
            concurrency,
            rows,
            out,
            fix_manifest,
            snapshot,
            file,
        } => plan::run(
            &file,
            &target(json),
            plan::Options {
                manifest,
                inventory,
                sample,
                concurrency,
                rows,
                out,
                fix_manifest,
                snapshot,
            },
        ),
        Command::Jobs { command } => jobs::run(command, &target),
        Command::Report { command } => match command {
            ReportCommand::Summary {
                json,
                columns,
                job: None,
                files,
            } => report::run_summary(&files, json, columns.as_deref(), lang),
            ReportCommand::Summary {
                json,
                columns,
                job: Some(job_id),
                ..
            } => remote_command(&target(json), |client, _| {
                report::run_summary_of_job(client, &job_id, json, columns.as_deref(), lang)
            }),
            ReportCommand::Fetch { job_id, out } => remote_command(&target(false), |client, _| {
                report::run_fetch(client, &job_id, out.as_deref())
            }),
            ReportCommand::Retry {
                fields,
                columns,
                out,
                files,
            } => report::run_retry(
                &files,
                fields.as_deref(),
                columns.as_deref(),
                out.as_deref(),
                lang,
            ),
        },
        Command::Rules { markdown, json } => rules::run(markdown, json, lang),
    }
}

/// A ClientRequestToken derived from the request's content: re-running the same CI step sends the same
/// token (OSS answers with the same job), a different request gets a different one.
pub fn derived_token(request: &CreateJobRequest) -> String {
    let mut without = request.clone();
    without.client_request_token = None;
    let digest = Sha256::digest(to_xml(&without, XmlStyle::Compact).as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("ossbatch-{hex}")
}

pub(crate) fn read_source(file: &str) -> Result<String, String> {
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

pub(crate) fn load(file: &str, lang: Lang) -> Result<CreateJobRequest, String> {
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

pub(crate) fn issue_json(issue: &Issue, file: Option<&str>) -> serde_json::Value {
    let mut value = serde_json::to_value(issue).unwrap_or(serde_json::Value::Null);
    if let (Some(file), Some(object)) = (file, value.as_object_mut()) {
        object.insert("file".into(), file.into());
    }
    value
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

/// Every object under `prefix` in `bucket` (ListObjectsV2, every page of 1,000): the report's
/// objects, a prefix job's targets.
pub(crate) fn list_all_objects(
    client: &remote::Client,
    bucket: &str,
    prefix: &str,
) -> Result<Vec<ossbatch_core::api::objects::ObjectSummary>, remote::Failed> {
    use ossbatch_core::api::objects::{build_list_objects_v2, parse_list_objects_v2_response};
    let mut listed = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = client.call(
            |params| {
                build_list_objects_v2(bucket, Some(prefix), token.as_deref(), Some(1000), params)
            },
            parse_list_objects_v2_response,
        )?;
        listed.extend(page.objects);
        token = page.next_continuation_token;
        if token.is_none() {
            return Ok(listed);
        }
    }
}

/// Runs a command that talks to OSS: the client from the environment, failures printed with every
/// field OSS sent (as JSON with --json) and their exit code.
pub(crate) fn remote_command(
    target: &remote::Target,
    run: impl FnOnce(&remote::Client, &remote::Target) -> Result<ExitStatus, remote::Failed>,
) -> ExitStatus {
    match remote::Client::from_env(target).and_then(|client| run(&client, target)) {
        Ok(code) => code,
        Err(failed) => failed.report(target.json),
    }
}
