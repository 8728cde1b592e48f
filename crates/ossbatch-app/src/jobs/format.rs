//! How job facts read on the page: times, progress and the report's place.

use crate::i18n::{fill, texts};
use ossbatch_core::api::jobs::{JobDescription, ProgressSummary};
use ossbatch_core::Lang;
use ossbatch_core::SigningTime;

/// A job stays Suspended this long without confirmation before it fails (CreateJob.md).
pub const CONFIRMATION_WINDOW_SECONDS: i64 =
    ossbatch_core::limits::CONFIRMATION_WINDOW_DAYS as i64 * 24 * 60 * 60;

/// Unix seconds as a date in UTC, written the way the language writes dates: "Sun, 15 Jun 2025
/// 10:30:00 GMT" in English, "2025年6月15日 10:30:00 (UTC)" in Chinese.
pub fn created(unix_seconds: i64, lang: Lang) -> String {
    let Ok(time) = SigningTime::from_unix_seconds(unix_seconds) else {
        return unix_seconds.to_string();
    };
    match lang {
        Lang::En => time.http_date(),
        Lang::Zh => {
            // From `20250615T103000Z`.
            let basic = time.iso8601_basic();
            let number = |range: std::ops::Range<usize>| {
                basic
                    .get(range)
                    .and_then(|digits| digits.parse::<u32>().ok())
                    .unwrap_or(0)
            };
            format!(
                "{}年{}月{}日 {}:{}:{} (UTC)",
                number(0..4),
                number(4..6),
                number(6..8),
                &basic[9..11],
                &basic[11..13],
                &basic[13..15]
            )
        }
    }
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
pub fn progress(progress: &ProgressSummary, lang: Lang) -> Progress {
    let t = texts(lang);
    let elapsed = progress
        .elapsed_active_seconds()
        .filter(|s| *s > 0)
        .map(|s| fill(t.active_for, &[&duration(s, lang)]))
        .unwrap_or_default();
    if progress.is_counting() {
        return Progress {
            done: 0,
            failed: 0,
            total: None,
            text: fill(t.counting_objects, &[&elapsed]),
        };
    }
    let succeeded = progress.succeeded().unwrap_or(0);
    let failed = progress.failed().unwrap_or(0);
    let done = succeeded + failed;
    let total = progress.total();
    let text = match total {
        Some(total) => fill(
            t.tasks_of_total,
            &[&done, &total, &succeeded, &failed, &elapsed],
        ),
        None => fill(t.tasks_done, &[&done, &succeeded, &failed, &elapsed]),
    };
    Progress {
        done,
        failed,
        total,
        text,
    }
}

pub fn progress_text(summary: &ProgressSummary, lang: Lang) -> String {
    progress(summary, lang).text
}

/// Seconds as "1 h 2 min 3 s" ("1 小时 2 分 3 秒").
pub fn duration(seconds: i64, lang: Lang) -> String {
    let t = texts(lang);
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match (h, m) {
        (0, 0) => fill(t.duration_s, &[&s]),
        (0, _) => fill(t.duration_m, &[&m, &s]),
        _ => fill(t.duration_h, &[&h, &m, &s]),
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
        assert_eq!(
            created(1_749_983_400, Lang::En),
            "Sun, 15 Jun 2025 10:30:00 GMT"
        );
        assert_eq!(
            created(1_749_983_400, Lang::Zh),
            "2025年6月15日 10:30:00 (UTC)"
        );
        let progress = ProgressSummary {
            total_number_of_tasks: Some(10),
            number_of_tasks_succeeded: Some(4),
            number_of_tasks_failed: Some(3),
            ..Default::default()
        };
        assert_eq!(
            progress_text(&progress, Lang::En),
            "7 of 10 tasks done (4 succeeded, 3 failed)"
        );
        assert_eq!(
            progress_text(&progress, Lang::Zh),
            "已完成 7 / 10 个子任务（4 个成功，3 个失败）"
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
        let shown = super::progress(&counting, Lang::En);
        assert!(shown.text.starts_with("Counting objects"), "{}", shown.text);
        assert!(!shown.text.contains("-1"));
        assert_eq!(shown.total, None);
        let timed = ProgressSummary {
            timers: Some(ossbatch_core::api::jobs::Timers {
                elapsed_time_in_active_seconds: Some(3725),
            }),
            ..progress_summary_of(10, 4, 3)
        };
        assert!(progress_text(&timed, Lang::En).ends_with("; active for 1 h 2 min 5 s"));
        assert!(progress_text(&timed, Lang::Zh).ends_with("；已运行 1 小时 2 分 5 秒"));
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
