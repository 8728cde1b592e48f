//! `ossbatch`: build, check, submit and follow Alibaba Cloud OSS Batch Operations jobs from a
//! terminal or a pipeline. `args.rs` is the command line, `commands/` one module a command, `exit.rs`
//! the exit statuses, `remote.rs` the signed client.

mod args;
mod commands;
mod exit;
mod journal;
mod remote;
mod texts;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    commands::run(args::Cli::parse()).into()
}
