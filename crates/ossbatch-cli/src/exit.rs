//! The exit statuses of every command, written once: the code, and what it means. `--help` and the
//! README's exit table are held to [`TABLE`] by tests.

use std::process::ExitCode;

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Done: no error (warnings allowed), the job Complete within `--max-failed`, no task failed.
    Success,
    /// A job file or manifest has validation errors.
    Invalid,
    /// OSS or the network refused or failed a request.
    Failure,
    /// Bad input: a file that cannot be read or parsed, a bad flag value, a report whose columns
    /// cannot be told or that has damaged rows.
    Unreadable,
    /// Tasks failed: a Complete job over `--max-failed`, a report with failed tasks; `plan`: rows
    /// predicted to fail.
    TasksFailed,
    /// The job ended Failed; `plan`: a collision with a running job.
    JobFailed,
    /// The job ended Cancelled.
    JobCancelled,
    /// `--timeout` passed while the job was still running.
    TimedOut,
}

impl ExitStatus {
    pub const fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Invalid | ExitStatus::Failure => 1,
            ExitStatus::Unreadable => 2,
            ExitStatus::TasksFailed => 3,
            ExitStatus::JobFailed => 4,
            ExitStatus::JobCancelled => 5,
            ExitStatus::TimedOut => 6,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(status.code())
    }
}

/// Every status with its meaning, in code order: the one table `--help` and the README show.
pub const TABLE: &[(ExitStatus, &str)] = &[
    (
        ExitStatus::Success,
        "done: no errors, the job Complete within --max-failed, no task failed",
    ),
    (
        ExitStatus::Invalid,
        "validation errors in a job file or manifest",
    ),
    (
        ExitStatus::Failure,
        "OSS or the network refused or failed a request",
    ),
    (
        ExitStatus::Unreadable,
        "bad input: unreadable file, bad flag value, unreadable report",
    ),
    (
        ExitStatus::TasksFailed,
        "tasks failed (a Complete job over --max-failed, a report with failures); plan: rows predicted to fail",
    ),
    (ExitStatus::JobFailed, "the job ended Failed; plan: a collision with a running job"),
    (ExitStatus::JobCancelled, "the job ended Cancelled"),
    (ExitStatus::TimedOut, "--timeout passed while the job ran"),
];

/// The table as `--help`'s closing text.
pub fn help_table() -> String {
    let mut text = String::from("Exit status:\n");
    for (status, meaning) in TABLE {
        text.push_str(&format!("  {}  {meaning}\n", status.code()));
    }
    text
}

/// The table as the README's Markdown rows (`| code | meaning |`).
#[cfg(test)]
pub fn markdown_rows() -> Vec<String> {
    TABLE
        .iter()
        .map(|(status, meaning)| format!("| {} | {meaning} |", status.code()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_and_the_readme_show_this_table() {
        use clap::CommandFactory;
        let help = crate::args::Cli::command().render_long_help().to_string();
        assert!(help.contains(&help_table()), "{help}");
        let readme = include_str!("../../../README.md");
        for row in markdown_rows() {
            assert!(
                readme.contains(&row),
                "README.md lacks the exit row {row:?}"
            );
        }
        // Its table has exactly these rows: the lines after its header that start with `| <digit> |`.
        let table = readme
            .split("| exit | meaning |")
            .nth(1)
            .expect("the README's exit table");
        let rows = table
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with("| "))
            .count();
        assert_eq!(
            rows,
            TABLE.len(),
            "the README's exit table has a row no status has"
        );
    }

    #[test]
    fn the_table_has_every_status_once_in_code_order() {
        let codes: Vec<u8> = TABLE.iter().map(|(s, _)| s.code()).collect();
        assert!(codes.windows(2).all(|w| w[0] <= w[1]), "{codes:?}");
        for status in [
            ExitStatus::Success,
            ExitStatus::Invalid,
            ExitStatus::Failure,
            ExitStatus::Unreadable,
            ExitStatus::TasksFailed,
            ExitStatus::JobFailed,
            ExitStatus::JobCancelled,
            ExitStatus::TimedOut,
        ] {
            assert_eq!(
                TABLE.iter().filter(|(s, _)| *s == status).count(),
                1,
                "{status:?}"
            );
        }
    }
}
