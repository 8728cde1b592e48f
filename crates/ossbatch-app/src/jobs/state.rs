//! The Jobs view's state and its reducer: the list (filters, page size, paging) and the open job
//! (its description, pending updates, polling). Requests are started by effects keyed on the
//! `*_nonce` counters, so any part of the app can ask for a load by dispatching an action.

use crate::i18n::{fill, status_label, Bilingual, EN, ZH};
use ossbatch_core::Lang;
use std::collections::BTreeSet;
use std::rc::Rc;

use ossbatch_core::api::jobs::{
    JobDescription, JobList, JobStatus, ListJobsInput, UpdateJobPriorityResult,
    UpdateJobStatusResult,
};
use yew::prelude::*;

use crate::transport::Failure;

/// Polling starts at this interval, and returns to it whenever the job's status changes.
pub const POLL_MIN_MS: u32 = 2_000;
/// Polling slows down to at most this interval while nothing changes.
pub const POLL_MAX_MS: u32 = 60_000;

/// The next polling interval: back to the start when the status moved, else twice as long (capped).
pub fn next_poll_delay(previous_ms: u32, status_changed: bool) -> u32 {
    if status_changed {
        POLL_MIN_MS
    } else {
        previous_ms
            .saturating_mul(2)
            .clamp(POLL_MIN_MS, POLL_MAX_MS)
    }
}

#[derive(Clone, PartialEq, Debug)]
pub enum Loadable<T> {
    Idle,
    Loading,
    Loaded(T),
    Failed(Failure),
}

/// A job the user opened.
#[derive(Clone, PartialEq, Debug)]
pub struct JobPage {
    pub job_id: String,
    pub loading: bool,
    /// The last description and the response body it came from (cloning reads the body again).
    pub described: Option<(JobDescription, Rc<str>)>,
    pub failure: Option<Failure>,
    /// The answer to the last confirm/cancel/priority change.
    pub update: Option<Result<Bilingual, Failure>>,
    pub updating: bool,
    pub reason: String,
    pub priority: String,
    /// How many descriptions have arrived; polling waits for the next one.
    pub loads: u64,
}

impl JobPage {
    fn new(job_id: String) -> Self {
        JobPage {
            job_id,
            loading: true,
            described: None,
            failure: None,
            update: None,
            updating: false,
            reason: String::new(),
            priority: String::new(),
            loads: 0,
        }
    }

    pub fn status(&self) -> Option<&JobStatus> {
        self.described.as_ref()?.0.status.as_ref()
    }
}

#[derive(Clone, PartialEq, Debug)]
pub struct JobsState {
    pub statuses: BTreeSet<String>,
    pub page_size: String,
    /// What the list shown (or loading) was asked with.
    pub list_input: ListJobsInput,
    /// Tokens of the pages before the current one, for "previous page".
    pub previous_tokens: Vec<Option<String>>,
    pub list: Loadable<JobList>,
    pub list_nonce: u64,
    pub job: Option<JobPage>,
    pub job_nonce: u64,
    pub polling: bool,
    pub poll_delay_ms: u32,
    /// Why polling stopped on its own, if it did.
    pub polling_note: Option<Bilingual>,
    /// A rollback prepared on a job's page: kept here so that it outlives the view while its drafts
    /// are opened in the builder one after another.
    pub rollback: Option<SavedRollback>,
}

/// A prepared rollback (`crate::plan::module::PlanModule::rollback`'s answer) and whether its
/// manifests are uploaded.
#[derive(Clone, PartialEq, Debug)]
pub struct SavedRollback {
    pub job_id: String,
    pub rollback: Rc<crate::plan::module::Js>,
    pub uploaded: bool,
}

impl Default for JobsState {
    fn default() -> Self {
        JobsState {
            statuses: BTreeSet::new(),
            page_size: ossbatch_core::limits::MAX_KEYS_DEFAULT.to_string(),
            list_input: ListJobsInput::default(),
            previous_tokens: Vec::new(),
            list: Loadable::Idle,
            list_nonce: 0,
            job: None,
            job_nonce: 0,
            polling: false,
            poll_delay_ms: POLL_MIN_MS,
            polling_note: None,
            rollback: None,
        }
    }
}

impl JobsState {
    /// The list request the filters and page size describe, for `token`.
    pub fn input_for(&self, token: Option<String>) -> ListJobsInput {
        ListJobsInput {
            statuses: self
                .statuses
                .iter()
                .map(|s| JobStatus::from(s.as_str()))
                .collect(),
            max_keys: self.page_size.trim().parse().ok(),
            continuation_token: token,
        }
    }

    fn load_list(&mut self, input: ListJobsInput) {
        self.list_input = input;
        self.list = Loadable::Loading;
        self.list_nonce += 1;
    }

    fn next_token(&self) -> Option<String> {
        match &self.list {
            Loadable::Loaded(list) => list.next_token.clone(),
            _ => None,
        }
    }
}

pub enum JobsAction {
    ToggleStatus(String, bool),
    SetPageSize(String),
    /// Loads the first page with the current filters.
    ListFirst,
    ListNext,
    ListPrevious,
    ListLoaded(u64, Result<JobList, Failure>),
    Open(String),
    /// Back to the list (reloaded if it had been loaded, since statuses move).
    Close,
    Refresh,
    JobLoaded(u64, Result<Box<(JobDescription, Rc<str>)>, Failure>),
    SetPolling(bool),
    SetReason(String),
    SetPriority(String),
    UpdateStarted,
    StatusUpdated(Result<UpdateJobStatusResult, Failure>),
    PriorityUpdated(Result<UpdateJobPriorityResult, Failure>),
    KeepRollback(Option<SavedRollback>),
}

impl Reducible for JobsState {
    type Action = JobsAction;

    fn reduce(self: Rc<Self>, action: JobsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            JobsAction::KeepRollback(saved) => next.rollback = saved,
            JobsAction::ToggleStatus(status, on) => {
                if on {
                    next.statuses.insert(status);
                } else {
                    next.statuses.remove(&status);
                }
            }
            JobsAction::SetPageSize(text) => next.page_size = text,
            JobsAction::ListFirst => {
                next.previous_tokens.clear();
                next.load_list(self.input_for(None));
            }
            JobsAction::ListNext => {
                let Some(token) = self.next_token() else {
                    return self;
                };
                next.previous_tokens
                    .push(self.list_input.continuation_token.clone());
                // The filters the shown page was loaded with, so pages belong together.
                let mut input = self.list_input.clone();
                input.continuation_token = Some(token);
                next.load_list(input);
            }
            JobsAction::ListPrevious => {
                let Some(token) = next.previous_tokens.pop() else {
                    return self;
                };
                let mut input = self.list_input.clone();
                input.continuation_token = token;
                next.load_list(input);
            }
            JobsAction::ListLoaded(nonce, result) => {
                if nonce != self.list_nonce {
                    return self; // an answer to a request the user has since replaced
                }
                next.list = match result {
                    Ok(list) => Loadable::Loaded(list),
                    Err(failure) => Loadable::Failed(failure),
                };
            }
            JobsAction::Open(job_id) => {
                next.job = Some(JobPage::new(job_id.trim().to_string()));
                next.job_nonce += 1;
                next.poll_delay_ms = POLL_MIN_MS;
                next.polling_note = None;
            }
            JobsAction::Close => {
                next.job = None;
                next.polling = false;
                if matches!(self.list, Loadable::Loaded(_) | Loadable::Failed(_)) {
                    next.load_list(self.list_input.clone());
                }
            }
            JobsAction::Refresh => {
                let Some(job) = next.job.as_mut() else {
                    return self;
                };
                job.loading = true;
                next.job_nonce += 1;
            }
            JobsAction::JobLoaded(nonce, result) => {
                let Some(job) = next.job.as_mut() else {
                    return self;
                };
                if nonce != self.job_nonce {
                    return self;
                }
                job.loading = false;
                job.loads += 1;
                match result {
                    Ok(loaded) => {
                        let (description, body) = *loaded;
                        let changed = job.status() != description.status.as_ref();
                        if job.priority.is_empty() || job.described.is_none() {
                            job.priority = description
                                .priority
                                .map(|p| p.to_string())
                                .unwrap_or_default();
                        }
                        let finished = description.status.as_ref().is_some_and(JobStatus::is_final);
                        job.described = Some((description, body));
                        job.failure = None;
                        next.poll_delay_ms = next_poll_delay(self.poll_delay_ms, changed);
                        if finished && next.polling {
                            next.polling = false;
                            next.polling_note = Some(Bilingual::fill(|t| t.polling_stopped, &[]));
                        }
                    }
                    Err(failure) => {
                        next.poll_delay_ms = next_poll_delay(self.poll_delay_ms, false);
                        // The proxy asked to wait (429): the next look comes no sooner than that.
                        if let Some(seconds) = failure.retry_after_seconds() {
                            let wait_ms =
                                u32::try_from(seconds.saturating_mul(1000)).unwrap_or(u32::MAX);
                            next.poll_delay_ms = next.poll_delay_ms.max(wait_ms);
                            if next.polling {
                                next.polling_note = Some(Bilingual::fill(
                                    |t| t.slow_down,
                                    &[&(next.poll_delay_ms / 1000)],
                                ));
                            }
                        }
                        job.failure = Some(failure);
                    }
                }
            }
            JobsAction::SetPolling(on) => {
                next.polling = on;
                next.poll_delay_ms = POLL_MIN_MS;
                next.polling_note = None;
            }
            JobsAction::SetReason(text) => {
                if let Some(job) = next.job.as_mut() {
                    job.reason = text;
                }
            }
            JobsAction::SetPriority(text) => {
                if let Some(job) = next.job.as_mut() {
                    job.priority = text;
                }
            }
            JobsAction::UpdateStarted => {
                if let Some(job) = next.job.as_mut() {
                    job.updating = true;
                    job.update = None;
                }
            }
            JobsAction::StatusUpdated(result) => {
                let Some(job) = next.job.as_mut() else {
                    return self;
                };
                job.updating = false;
                job.update = Some(result.map(|done| {
                    let Some(status) = done.status else {
                        return Bilingual::fill(|t| t.status_changed, &[]);
                    };
                    let shown = Bilingual {
                        en: fill(EN.status_now, &[&status_label(status.as_str(), Lang::En)]),
                        zh: fill(ZH.status_now, &[&status_label(status.as_str(), Lang::Zh)]),
                    };
                    if let Some((description, _)) = job.described.as_mut() {
                        description.status = Some(status);
                        description.status_update_reason = done.status_update_reason;
                    }
                    shown
                }));
                next.poll_delay_ms = POLL_MIN_MS;
            }
            JobsAction::PriorityUpdated(result) => {
                let Some(job) = next.job.as_mut() else {
                    return self;
                };
                job.updating = false;
                job.update = Some(result.map(|done| match done.priority {
                    Some(priority) => {
                        job.priority = priority.to_string();
                        if let Some((description, _)) = job.described.as_mut() {
                            description.priority = Some(priority);
                        }
                        Bilingual::fill(|t| t.priority_now, &[&priority])
                    }
                    None => Bilingual::fill(|t| t.priority_changed, &[]),
                }));
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(status: &str) -> JobDescription {
        JobDescription {
            job_id: "j".into(),
            status: Some(JobStatus::from(status)),
            priority: Some(5),
            ..Default::default()
        }
    }

    fn reduce(state: Rc<JobsState>, action: JobsAction) -> Rc<JobsState> {
        state.reduce(action)
    }

    #[test]
    fn polling_backs_off_until_the_status_moves() {
        assert_eq!(next_poll_delay(POLL_MIN_MS, false), 4_000);
        assert_eq!(next_poll_delay(32_000, false), POLL_MAX_MS);
        assert_eq!(next_poll_delay(POLL_MAX_MS, false), POLL_MAX_MS);
        assert_eq!(next_poll_delay(POLL_MAX_MS, true), POLL_MIN_MS);

        let mut state = Rc::new(JobsState::default());
        state = reduce(state, JobsAction::Open("j".into()));
        state = reduce(state, JobsAction::SetPolling(true));
        let nonce = state.job_nonce;
        let body: Rc<str> = Rc::from("");
        state = reduce(
            state,
            JobsAction::JobLoaded(nonce, Ok(Box::new((job("Active"), body.clone())))),
        );
        assert_eq!(state.poll_delay_ms, POLL_MIN_MS, "first status is a change");
        state = reduce(state, JobsAction::Refresh);
        let nonce = state.job_nonce;
        state = reduce(
            state,
            JobsAction::JobLoaded(nonce, Ok(Box::new((job("Active"), body.clone())))),
        );
        assert_eq!(state.poll_delay_ms, 4_000);
        state = reduce(state, JobsAction::Refresh);
        let nonce = state.job_nonce;
        state = reduce(
            state,
            JobsAction::JobLoaded(nonce, Ok(Box::new((job("Complete"), body.clone())))),
        );
        assert!(!state.polling, "a finished job is not polled");
        assert!(state.polling_note.is_some());
    }

    #[test]
    fn polling_waits_as_long_as_the_proxy_asks() {
        let mut state = Rc::new(JobsState::default());
        state = reduce(state, JobsAction::Open("j".into()));
        state = reduce(state, JobsAction::SetPolling(true));
        let nonce = state.job_nonce;
        state = reduce(
            state,
            JobsAction::JobLoaded(
                nonce,
                Err(Failure::Proxy {
                    status: 429,
                    message: "too many requests; retry in 9 s".into(),
                    retry_after_seconds: Some(9),
                }),
            ),
        );
        assert_eq!(state.poll_delay_ms, 9_000);
        assert!(state.polling, "still polling, only slower");
        assert!(state.polling_note.as_ref().unwrap().en.contains("9 s"));
    }

    #[test]
    fn late_answers_are_dropped() {
        let mut state = Rc::new(JobsState::default());
        state = reduce(state, JobsAction::Open("a".into()));
        let stale = state.job_nonce;
        state = reduce(state, JobsAction::Open("b".into()));
        let body: Rc<str> = Rc::from("");
        state = reduce(
            state,
            JobsAction::JobLoaded(stale, Ok(Box::new((job("Active"), body)))),
        );
        assert!(state.job.as_ref().unwrap().described.is_none());

        state = reduce(state, JobsAction::ListFirst);
        let stale = state.list_nonce;
        state = reduce(state, JobsAction::ListFirst);
        state = reduce(state, JobsAction::ListLoaded(stale, Ok(JobList::default())));
        assert_eq!(state.list, Loadable::Loading);
    }

    #[test]
    fn paging_walks_forward_and_back_with_the_same_filters() {
        let mut state = Rc::new(JobsState::default());
        state = reduce(state, JobsAction::ToggleStatus("Active".into(), true));
        state = reduce(state, JobsAction::SetPageSize("2".into()));
        state = reduce(state, JobsAction::ListFirst);
        assert_eq!(state.list_input.statuses, vec![JobStatus::Active]);
        assert_eq!(state.list_input.max_keys, Some(2));
        let page = |token: Option<&str>| JobList {
            jobs: vec![],
            next_token: token.map(str::to_string),
        };
        state = reduce(
            state.clone(),
            JobsAction::ListLoaded(state.list_nonce, Ok(page(Some("2")))),
        );
        // Changing a filter does not change what "next page" continues.
        state = reduce(state, JobsAction::ToggleStatus("Failed".into(), true));
        state = reduce(state, JobsAction::ListNext);
        assert_eq!(state.list_input.continuation_token.as_deref(), Some("2"));
        assert_eq!(state.list_input.statuses, vec![JobStatus::Active]);
        state = reduce(
            state.clone(),
            JobsAction::ListLoaded(state.list_nonce, Ok(page(None))),
        );
        let before = state.list_nonce;
        state = reduce(state, JobsAction::ListNext);
        assert_eq!(state.list_nonce, before, "no next page, no request");
        state = reduce(state, JobsAction::ListPrevious);
        assert_eq!(state.list_input.continuation_token, None);
        assert!(state.previous_tokens.is_empty());
    }

    #[test]
    fn a_status_update_shows_the_new_status() {
        let mut state = Rc::new(JobsState::default());
        state = reduce(state, JobsAction::Open("j".into()));
        let nonce = state.job_nonce;
        state = reduce(
            state,
            JobsAction::JobLoaded(nonce, Ok(Box::new((job("Suspended"), Rc::from(""))))),
        );
        assert_eq!(state.job.as_ref().unwrap().priority, "5");
        state = reduce(state, JobsAction::UpdateStarted);
        state = reduce(
            state,
            JobsAction::StatusUpdated(Ok(UpdateJobStatusResult {
                job_id: "j".into(),
                status: Some(JobStatus::Ready),
                status_update_reason: Some("go".into()),
            })),
        );
        let page = state.job.as_ref().unwrap();
        assert_eq!(page.status(), Some(&JobStatus::Ready));
        assert_eq!(
            page.update
                .as_ref()
                .map(|u| u.as_ref().map(|m| m.en.as_str())),
            Some(Ok("Status is now Ready."))
        );
        assert!(!page.updating);
    }
}
