//! The status of a Batch Operations job, as DescribeJob, ListJobs and UpdateJobStatus report it.
//!
//! The 13 values come from the API document and the official Go SDK v2's model
//! (`oss/api_op_batch_operations.go`); a value this version does not know is kept as sent in
//! [`JobStatus::Unknown`], never dropped or mistaken for another.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What the table says of one documented status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusFacts {
    /// The OSS console's Chinese word for it.
    pub zh: &'static str,
    /// The job has ended and will not change again.
    pub is_final: bool,
    /// UpdateJobStatus may move it to Ready (confirm it).
    pub can_confirm: bool,
    /// UpdateJobStatus may move it to Cancelled.
    pub can_cancel: bool,
}

/// The one table of job statuses: the enum, its wire names, `From<&str>`, and every fact below come
/// from it (as aws-sdk-rust derives each form of an enum from one list). Final: Complete, Cancelled,
/// Failed; confirmable (Ready): Suspended and Preparing; not cancellable once finished, failing or
/// already cancelling. The Chinese words are the OSS console's.
macro_rules! job_statuses {
    ($($variant:ident => $zh:literal, final $final:literal, confirm $confirm:literal, cancel $cancel:literal;)*) => {
        /// A job's status. `Unknown` keeps whatever the service sent that is not one of the 13.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum JobStatus {
            $($variant,)*
            Unknown(String),
        }

        impl JobStatus {
            /// The 13 documented statuses, in alphabetical order (as the API document lists them).
            pub const fn values() -> &'static [&'static str] {
                &[$(stringify!($variant)),*]
            }

            /// The status as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(JobStatus::$variant => stringify!($variant),)*
                    JobStatus::Unknown(value) => value,
                }
            }

            /// What the table says of it (`None` for a status this version does not know).
            pub fn facts(&self) -> Option<StatusFacts> {
                match self {
                    $(JobStatus::$variant => Some(StatusFacts {
                        zh: $zh,
                        is_final: $final,
                        can_confirm: $confirm,
                        can_cancel: $cancel,
                    }),)*
                    JobStatus::Unknown(_) => None,
                }
            }
        }

        impl From<&str> for JobStatus {
            fn from(value: &str) -> Self {
                match value {
                    $(stringify!($variant) => JobStatus::$variant,)*
                    other => JobStatus::Unknown(other.to_string()),
                }
            }
        }
    };
}

job_statuses! {
    Active => "运行中", final false, confirm false, cancel true;
    Cancelled => "已取消", final true, confirm false, cancel false;
    Cancelling => "取消中", final false, confirm false, cancel false;
    Complete => "已完成", final true, confirm false, cancel false;
    Completing => "完成中", final false, confirm false, cancel false;
    Failed => "已失败", final true, confirm false, cancel false;
    Failing => "失败中", final false, confirm false, cancel false;
    New => "新建", final false, confirm false, cancel true;
    Paused => "已暂停", final false, confirm false, cancel true;
    Pausing => "暂停中", final false, confirm false, cancel true;
    Preparing => "准备中", final false, confirm true, cancel true;
    Ready => "就绪", final false, confirm false, cancel true;
    Suspended => "等待确认", final false, confirm true, cancel true;
}

impl JobStatus {
    /// The documented statuses as values.
    pub fn known() -> impl Iterator<Item = JobStatus> {
        Self::values().iter().map(|value| JobStatus::from(*value))
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, JobStatus::Unknown(_))
    }

    /// The job has ended and will not change again: Complete, Cancelled or Failed.
    pub fn is_final(&self) -> bool {
        self.facts().is_some_and(|f| f.is_final)
    }

    /// UpdateJobStatus may move it to Ready (confirm it): only from Suspended or Preparing.
    pub fn can_confirm(&self) -> bool {
        self.facts().is_some_and(|f| f.can_confirm)
    }

    /// UpdateJobStatus may cancel it: not once it is finished, failing or already cancelling. An
    /// unknown status is allowed (the service decides).
    pub fn can_cancel(&self) -> bool {
        self.facts().is_none_or(|f| f.can_cancel)
    }

    /// What the OSS console calls the status, in both languages (`None` for an unknown one, which is
    /// shown as sent). The English name is the API's word.
    pub fn name(&self) -> Option<crate::lang::Localized> {
        let zh = self.facts()?.zh;
        let en: &'static str = JobStatus::values().iter().find(|v| **v == self.as_str())?;
        Some(crate::lang::Localized { en, zh })
    }

    /// For a journal of the statuses a job was seen in, in order, each with when it was first seen:
    /// when the job's current wait for confirmation began (the first of the last run of Suspended),
    /// or `None` when it is not Suspended now. The confirmation window counts from then.
    pub fn suspended_since<'a>(
        seen: impl DoubleEndedIterator<Item = (&'a str, &'a str)>,
    ) -> Option<&'a str> {
        let suspended = JobStatus::Suspended;
        let mut latest_first = seen.rev().peekable();
        latest_first
            .peek()
            .filter(|(status, _)| *status == suspended.as_str())?;
        latest_first
            .take_while(|(status, _)| *status == suspended.as_str())
            .last()
            .map(|(_, at)| at)
    }

    /// The status as people read it in `lang`: the API's word in English; in Chinese the console's
    /// word with the API's after it (`运行中（Active）`), so either can be searched for.
    pub fn label_in(&self, lang: crate::lang::Lang) -> String {
        match (self.name(), lang) {
            (Some(name), crate::lang::Lang::Zh) => format!("{}（{}）", name.zh, name.en),
            _ => self.as_str().to_string(),
        }
    }

    /// The statuses UpdateJobStatus accepts as `requestedJobStatus`.
    pub const REQUESTABLE: [JobStatus; 2] = [JobStatus::Ready, JobStatus::Cancelled];

    /// Why `requested` cannot follow this status, if it cannot.
    pub fn transition_refusal(&self, requested: &JobStatus) -> Option<&'static str> {
        self.transition_refusal_in(requested, crate::lang::Lang::En)
    }

    /// [`Self::transition_refusal`] in `lang`.
    pub fn transition_refusal_in(
        &self,
        requested: &JobStatus,
        lang: crate::lang::Lang,
    ) -> Option<&'static str> {
        let why = match requested {
            JobStatus::Ready if !self.can_confirm() => crate::lang::Localized {
                en: "Only a Suspended or Preparing job can be confirmed (Ready).",
                zh: "只有处于 Suspended 或 Preparing 状态的任务才能确认（Ready）。",
            },
            JobStatus::Cancelled if !self.can_cancel() => crate::lang::Localized {
                en: "A job that is finished, failing or already cancelling cannot be cancelled.",
                zh: "已结束、正在失败或正在取消的任务不能取消。",
            },
            _ => return None,
        };
        Some(why.get(lang))
    }
}

impl From<String> for JobStatus {
    fn from(value: String) -> Self {
        JobStatus::from(value.as_str())
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for JobStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for JobStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(JobStatus::from(String::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_known_status_has_a_name_in_both_languages_and_unknown_ones_are_shown_as_sent() {
        for status in JobStatus::known() {
            let name = status.name().expect("a known status has a name");
            assert_eq!(name.en, status.as_str());
            assert!(name.zh.chars().all(|c| !c.is_ascii()), "{}", name.zh);
        }
        assert_eq!(
            JobStatus::Active.label_in(crate::lang::Lang::Zh),
            "运行中（Active）"
        );
        assert_eq!(JobStatus::Active.label_in(crate::lang::Lang::En), "Active");
        let unknown = JobStatus::from("Archiving");
        assert_eq!(unknown.name(), None);
        assert_eq!(unknown.label_in(crate::lang::Lang::Zh), "Archiving");
    }

    use super::*;

    #[test]
    fn every_value_round_trips_and_unknown_keeps_its_text() {
        assert_eq!(JobStatus::values().len(), 13);
        for value in JobStatus::values() {
            let status = JobStatus::from(*value);
            assert!(status.is_known(), "{value}");
            assert_eq!(status.as_str(), *value);
        }
        let odd = JobStatus::from("Archived");
        assert_eq!(odd, JobStatus::Unknown("Archived".into()));
        assert_eq!(odd.as_str(), "Archived");
        assert!(!odd.is_final() && !odd.can_confirm() && odd.can_cancel());
    }

    #[test]
    fn predicates() {
        let finals: Vec<_> = JobStatus::known().filter(JobStatus::is_final).collect();
        assert_eq!(
            finals,
            [JobStatus::Cancelled, JobStatus::Complete, JobStatus::Failed]
        );
        let confirmable: Vec<_> = JobStatus::known().filter(JobStatus::can_confirm).collect();
        assert_eq!(confirmable, [JobStatus::Preparing, JobStatus::Suspended]);
        let not_cancellable: Vec<_> = JobStatus::known().filter(|s| !s.can_cancel()).collect();
        assert_eq!(not_cancellable.len(), 6);
    }

    #[test]
    fn suspended_since_is_the_start_of_the_last_run_of_suspended() {
        let seen = [
            ("Suspended", "t1"),
            ("Ready", "t2"),
            ("Suspended", "t3"),
            ("Suspended", "t4"),
        ];
        assert_eq!(JobStatus::suspended_since(seen.iter().copied()), Some("t3"));
        assert_eq!(JobStatus::suspended_since(seen[..2].iter().copied()), None);
        assert_eq!(
            JobStatus::suspended_since(seen[..1].iter().copied()),
            Some("t1")
        );
        assert_eq!(JobStatus::suspended_since(std::iter::empty()), None);
    }
}
