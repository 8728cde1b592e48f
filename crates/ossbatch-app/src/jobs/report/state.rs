//! The Report panel's state as a reducer (Yew's todomvc style, as the builder and the Jobs view): what
//! the panel shows, the columns typed, the files chosen, and the retry upload's note. Texts are kept as
//! what they say (keys, both languages, or the core's own words), never rendered, so they follow a
//! language switch. A read's late news (a progress tick or a result after Cancel) cannot overwrite a
//! newer state: results and progress apply only while a read is busy.

use std::rc::Rc;

use yew::Reducible;

use super::Read;
use crate::i18n::Bilingual;
use crate::transport::Failure;

/// What the panel shows.
#[derive(Clone, PartialEq)]
pub enum View {
    Idle,
    /// What is being done, and bytes done of the total when that is known (dropped files).
    Busy(Bilingual, Option<(f64, f64)>),
    Cancelled,
    Done(Read),
    /// No report object under this location (shown through the catalogue's sentence).
    NotFound(String),
    Failed(Rc<Failure>),
    /// The report could not be read: the core's words (a file, a row, a column).
    Unreadable(String),
}

/// Where the retry manifest's upload is.
#[derive(Clone, PartialEq, Debug)]
pub enum RetryNote {
    Uploading,
    /// Uploaded, its ETag checked, and the retry job opened in the builder.
    Opened,
    Failed(Bilingual),
}

#[derive(Clone, PartialEq)]
pub struct PanelState {
    pub view: View,
    /// The `--columns` list as typed (empty: the reader tells them).
    pub columns: String,
    /// The files last chosen (a re-read with other columns reads them again).
    pub files: Vec<web_sys::File>,
    pub retry: Option<RetryNote>,
}

impl Default for PanelState {
    fn default() -> Self {
        PanelState {
            view: View::Idle,
            columns: String::new(),
            files: Vec::new(),
            retry: None,
        }
    }
}

pub enum Action {
    /// A read starts (from OSS, or files), saying what it does first.
    Started(Bilingual),
    /// A busy read's progress: what it reads now, and bytes done of the total when known.
    Progress(Bilingual, Option<(f64, f64)>),
    Finished(Read),
    NotFound(String),
    Failed(Rc<Failure>),
    Unreadable(String),
    Cancelled,
    ColumnsTyped(String),
    /// The user picked other columns over the first rows: the list they make.
    ColumnsPicked(String),
    FilesChosen(Vec<web_sys::File>),
    RetryUploading,
    RetryOpened,
    RetryFailed(Bilingual),
}

impl PanelState {
    pub fn busy(&self) -> bool {
        matches!(self.view, View::Busy(..))
    }
}

impl Reducible for PanelState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let busy = self.busy();
        match action {
            Action::Started(note) => {
                next.view = View::Busy(note, None);
                next.retry = None;
            }
            Action::Progress(note, bytes) if busy => next.view = View::Busy(note, bytes),
            Action::Finished(read) if busy => next.view = View::Done(read),
            Action::NotFound(location) if busy => next.view = View::NotFound(location),
            Action::Failed(failure) if busy => next.view = View::Failed(failure),
            Action::Unreadable(message) if busy => next.view = View::Unreadable(message),
            Action::Cancelled if busy => next.view = View::Cancelled,
            // News of a read that is no longer busy (cancelled, or replaced by a newer one): dropped.
            Action::Progress(..)
            | Action::Finished(_)
            | Action::NotFound(_)
            | Action::Failed(_)
            | Action::Unreadable(_)
            | Action::Cancelled => return self,
            Action::ColumnsTyped(columns) | Action::ColumnsPicked(columns) => {
                next.columns = columns
            }
            Action::FilesChosen(files) => next.files = files,
            Action::RetryUploading if matches!(self.view, View::Done(_)) => {
                next.retry = Some(RetryNote::Uploading)
            }
            Action::RetryUploading => return self,
            Action::RetryOpened => next.retry = Some(RetryNote::Opened),
            Action::RetryFailed(why) => next.retry = Some(RetryNote::Failed(why)),
        }
        Rc::new(next)
    }
}

/// One sampled object's verdict in the effect check.
#[derive(Clone, PartialEq, Debug)]
pub struct Checked {
    pub bucket: String,
    pub key: String,
    pub verdict: ossbatch_core::effect_check::Verdict,
}

/// The effect check's state: whether it runs, and the verdicts so far, in sample order.
#[derive(Clone, PartialEq, Default)]
pub struct EffectState {
    pub running: bool,
    pub results: Vec<Checked>,
}

pub enum EffectAction {
    /// A run starts: earlier verdicts go.
    Started,
    Checked(Checked),
    /// The run ended (every object looked at, or cancelled).
    Ended,
}

impl Reducible for EffectState {
    type Action = EffectAction;

    fn reduce(self: Rc<Self>, action: EffectAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            EffectAction::Started => {
                next.running = true;
                next.results.clear();
            }
            EffectAction::Checked(checked) if self.running => next.results.push(checked),
            EffectAction::Checked(_) => return self,
            EffectAction::Ended => next.running = false,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ossbatch_core::report::{ReportOptions, ReportReader};

    fn read() -> Read {
        let empty = ReportReader::new(ReportOptions::default()).finish();
        Read {
            summary: Rc::new(
                empty
                    .unwrap_or_else(|e| panic!("an empty report reads: {e}"))
                    .summary,
            ),
            retry: Rc::new(b"b-1,k\n".to_vec()),
            etag: "e".into(),
            fields: "Bucket,Key".into(),
            elapsed_ms: 1.0,
        }
    }

    fn after(actions: Vec<Action>) -> Rc<PanelState> {
        actions
            .into_iter()
            .fold(Rc::new(PanelState::default()), |state, action| {
                state.reduce(action)
            })
    }

    fn note() -> Bilingual {
        Bilingual::same("reading")
    }

    #[test]
    fn a_read_goes_busy_then_shows_what_it_found() {
        let state = after(vec![
            Action::Started(note()),
            Action::Progress(note(), Some((5.0, 10.0))),
        ]);
        assert!(
            matches!(state.view, View::Busy(_, Some((done, total))) if done == 5.0 && total == 10.0)
        );
        let done = state.reduce(Action::Finished(read()));
        assert!(matches!(done.view, View::Done(_)));
        let missing = after(vec![
            Action::Started(note()),
            Action::NotFound("b/reports/".into()),
        ]);
        assert!(matches!(&missing.view, View::NotFound(at) if at == "b/reports/"));
        let bad = after(vec![
            Action::Started(note()),
            Action::Unreadable("no rows".into()),
        ]);
        assert!(matches!(&bad.view, View::Unreadable(m) if m == "no rows"));
    }

    #[test]
    fn news_of_a_cancelled_read_is_dropped() {
        let cancelled = after(vec![Action::Started(note()), Action::Cancelled]);
        assert!(matches!(cancelled.view, View::Cancelled));
        for late in [
            Action::Progress(note(), Some((9.0, 10.0))),
            Action::Finished(read()),
            Action::Unreadable("late".into()),
            Action::Cancelled,
        ] {
            let state = cancelled.clone().reduce(late);
            assert!(matches!(state.view, View::Cancelled));
        }
        // From idle, too: nothing but a start moves the view.
        assert!(matches!(
            after(vec![Action::Finished(read())]).view,
            View::Idle
        ));
    }

    #[test]
    fn the_retry_note_follows_the_upload_and_a_new_read_clears_it() {
        let done = after(vec![Action::Started(note()), Action::Finished(read())]);
        let uploading = done.clone().reduce(Action::RetryUploading);
        assert_eq!(uploading.retry, Some(RetryNote::Uploading));
        let opened = uploading.clone().reduce(Action::RetryOpened);
        assert_eq!(opened.retry, Some(RetryNote::Opened));
        let failed = uploading.reduce(Action::RetryFailed(Bilingual::same("ETag differs")));
        assert_eq!(
            failed.retry,
            Some(RetryNote::Failed(Bilingual::same("ETag differs")))
        );
        let again = failed.reduce(Action::Started(note()));
        assert_eq!(again.retry, None);
        // Nothing to upload before a report was read.
        assert_eq!(after(vec![Action::RetryUploading]).retry, None);
    }

    #[test]
    fn columns_typed_or_picked_are_kept_for_the_next_read() {
        let state = after(vec![
            Action::ColumnsTyped("bucket,key,status".into()),
            Action::Started(note()),
            Action::ColumnsPicked("bucket,key,versionId,status".into()),
        ]);
        assert_eq!(state.columns, "bucket,key,versionId,status");
        assert!(state.busy());
    }

    #[test]
    fn the_effect_check_collects_verdicts_in_order_and_a_new_run_starts_afresh() {
        use ossbatch_core::effect_check::Verdict;
        let checked = |key: &str, verdict| Checked {
            bucket: "b-1".into(),
            key: key.into(),
            verdict,
        };
        let state = [
            EffectAction::Started,
            EffectAction::Checked(checked("a", Verdict::Matched)),
            EffectAction::Checked(checked("b", Verdict::NotMatched("tags differ".into()))),
        ]
        .into_iter()
        .fold(Rc::new(EffectState::default()), |s, a| s.reduce(a));
        assert!(state.running);
        let keys: Vec<&str> = state.results.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        let ended = state.reduce(EffectAction::Ended);
        assert!(!ended.running);
        assert_eq!(ended.results.len(), 2, "the verdicts stay after the run");
        // A verdict that arrives after the run ended is dropped; a new run clears the old ones.
        let late = ended
            .clone()
            .reduce(EffectAction::Checked(checked("c", Verdict::Matched)));
        assert_eq!(late.results.len(), 2);
        let again = ended.reduce(EffectAction::Started);
        assert!(again.running && again.results.is_empty());
    }
}
