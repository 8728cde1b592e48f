//! How job facts read on the page: times, progress and the report's place.

use ossbatch_core::api::jobs::{JobDescription, ProgressSummary};
use ossbatch_core::SigningTime;

/// A job stays Suspended this long without confirmation before it fails (CreateJob.md).
pub const CONFIRMATION_WINDOW_SECONDS: i64 =
    ossbatch_core::limits::CONFIRMATION_WINDOW_DAYS as i64 * 24 * 60 * 60;

/// Unix seconds as an HTTP date in GMT, e.g. "Sun, 15 Jun 2025 10:30:00 GMT".
pub fn created(unix_seconds: i64) -> String {
    SigningTime::from_unix_seconds(unix_seconds)
        .map(SigningTime::http_date)
        .unwrap_or_else(|_| unix_seconds.to_string())
}

/// What the progress bar and its text show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Tasks finished (succeeded + failed), when counted.
    pub done: u64,
    pub failed: u64,
    /// The total, when the job has counted its objects.
    pub total: Option<u64>,
    pub text: String,
}

/// Reads the service's counts; `-1` means the job has not counted its objects yet, which reads as
/// "counting objects…", never "0 of -1".
pub fn progress(progress: &ProgressSummary) -> Progress {
    let elapsed = progress
        .elapsed_active_seconds()
        .filter(|s| *s > 0)
        .map(|s| format!("; active for {}", duration(s)))
        .unwrap_or_default();
    if progress.is_counting() {
        return Progress {
            done: 0,
            failed: 0,
            total: None,
            text: format!("Counting objects… (the number of tasks is not known yet){elapsed}"),
        };
    }
    let succeeded = progress.succeeded().unwrap_or(0);
    let failed = progress.failed().unwrap_or(0);
    let done = succeeded + failed;
    let total = progress.total();
    let text = match total {
        Some(total) => {
            format!(
                "{done} of {total} tasks done ({succeeded} succeeded, {failed} failed){elapsed}"
            )
        }
        None => format!("{done} tasks done ({succeeded} succeeded, {failed} failed){elapsed}"),
    };
    Progress {
        done,
        failed,
        total,
        text,
    }
}

pub fn progress_text(summary: &ProgressSummary) -> String {
    progress(summary).text
}

/// Seconds as "1 h 2 min 3 s".
pub fn duration(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match (h, m) {
        (0, 0) => format!("{s} s"),
        (0, _) => format!("{m} min {s} s"),
        _ => format!("{h} h {m} min {s} s"),
    }
}

/// Where the completion report goes, as `oss://bucket/prefix`; the bucket may be given as an ARN.
pub fn report_location(job: &JobDescription) -> Option<String> {
    let report = job.report.as_ref()?;
    let bucket = report.bucket.as_deref()?;
    let name = bucket.strip_prefix("acs:oss:::").unwrap_or(bucket);
    Some(format!(
        "oss://{}/{}",
        name,
        report.prefix.as_deref().unwrap_or("")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_read_plainly() {
        assert_eq!(created(1_749_983_400), "Sun, 15 Jun 2025 10:30:00 GMT");
        let progress = ProgressSummary {
            total_number_of_tasks: Some(10),
            number_of_tasks_succeeded: Some(4),
            number_of_tasks_failed: Some(3),
            ..Default::default()
        };
        assert_eq!(
            progress_text(&progress),
            "7 of 10 tasks done (4 succeeded, 3 failed)"
        );
        let job = JobDescription {
            report: Some(ossbatch_core::Report {
                bucket: Some("acs:oss:::reports".into()),
                prefix: Some("batch/".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            report_location(&job).as_deref(),
            Some("oss://reports/batch/")
        );
        assert_eq!(report_location(&JobDescription::default()), None);
        let counting = ProgressSummary {
            total_number_of_tasks: Some(-1),
            number_of_tasks_succeeded: Some(-1),
            number_of_tasks_failed: Some(-1),
            ..Default::default()
        };
        let shown = super::progress(&counting);
        assert!(shown.text.starts_with("Counting objects"), "{}", shown.text);
        assert!(!shown.text.contains("-1"));
        assert_eq!(shown.total, None);
        let timed = ProgressSummary {
            timers: Some(ossbatch_core::api::jobs::Timers {
                elapsed_time_in_active_seconds: Some(3725),
            }),
            ..progress_summary_of(10, 4, 3)
        };
        assert!(progress_text(&timed).ends_with("; active for 1 h 2 min 5 s"));
    }

    fn progress_summary_of(total: i64, succeeded: i64, failed: i64) -> ProgressSummary {
        ProgressSummary {
            total_number_of_tasks: Some(total),
            number_of_tasks_succeeded: Some(succeeded),
            number_of_tasks_failed: Some(failed),
            ..Default::default()
        }
    }
}
