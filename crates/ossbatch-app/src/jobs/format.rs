//! How job facts read on the page: times, progress and the report's place.

use ossbatch_core::api::jobs::{JobDescription, ProgressSummary};
use ossbatch_core::SigningTime;

/// A job stays Suspended this long without confirmation before it fails (CreateJob.md).
pub const CONFIRMATION_WINDOW_SECONDS: i64 = 14 * 24 * 60 * 60;

/// Unix seconds as an HTTP date in GMT, e.g. "Sun, 15 Jun 2025 10:30:00 GMT".
pub fn created(unix_seconds: i64) -> String {
    SigningTime::from_unix_seconds(unix_seconds)
        .map(SigningTime::http_date)
        .unwrap_or_else(|_| unix_seconds.to_string())
}

/// Tasks done out of the total, and how many of those succeeded and failed.
pub fn progress_counts(progress: &ProgressSummary) -> (i64, i64, i64, Option<i64>) {
    let succeeded = progress.number_of_tasks_succeeded.unwrap_or(0).max(0);
    let failed = progress.number_of_tasks_failed.unwrap_or(0).max(0);
    (
        succeeded + failed,
        succeeded,
        failed,
        progress.total_number_of_tasks,
    )
}

pub fn progress_text(progress: &ProgressSummary) -> String {
    let (done, succeeded, failed, total) = progress_counts(progress);
    match total {
        Some(total) => {
            format!("{done} of {total} tasks done ({succeeded} succeeded, {failed} failed)")
        }
        None => format!("{done} tasks done ({succeeded} succeeded, {failed} failed)"),
    }
}

/// Where the completion report goes, as `oss://bucket/prefix`; the bucket may be given as an ARN.
pub fn report_location(job: &JobDescription) -> Option<String> {
    let bucket = job.report_bucket.as_deref()?;
    let name = bucket.strip_prefix("acs:oss:::").unwrap_or(bucket);
    Some(format!(
        "oss://{}/{}",
        name,
        job.report_prefix.as_deref().unwrap_or("")
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
            report_bucket: Some("acs:oss:::reports".into()),
            report_prefix: Some("batch/".into()),
            ..Default::default()
        };
        assert_eq!(
            report_location(&job).as_deref(),
            Some("oss://reports/batch/")
        );
        assert_eq!(report_location(&JobDescription::default()), None);
    }
}
