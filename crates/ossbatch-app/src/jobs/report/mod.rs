//! The job page's Report panel (issue #22): find the completion report under the job's Report bucket
//! and prefix (ListObjectsV2 through the proxy) or read files the user downloaded, show the failures
//! grouped with their causes and fixes, let the user correct the column layout, download the retry
//! manifest, and upload it and open the retry job in the builder. The core reads the report
//! (`ossbatch_core::report`); this panel only moves bytes.

mod effect;
pub mod page_reader;
mod read;
mod retry;
mod state;
mod view;

use std::cell::Cell;
use std::rc::Rc;

use ossbatch_core::api::describe_job::{clone_described_job, ClonedJob, JobDescription};
use ossbatch_core::report::{job_file_name, Column, ReportOptions, ReportSummary};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::credentials::Connection;
use crate::fields::typed_text;
use crate::i18n::{fill, texts, use_lang, Bilingual};
use crate::transport::{failure_view, Failure};
use effect::EffectCheck;
use state::{Action, PanelState, RetryNote, View};
use view::summary_view;

/// What was read, and the retry manifest that came with it.
#[derive(Clone, PartialEq)]
pub(super) struct Read {
    pub(super) summary: Rc<ReportSummary>,
    pub(super) retry: Rc<Vec<u8>>,
    pub(super) etag: String,
    pub(super) fields: String,
    /// From the start of the read to the summary (`data-elapsed-ms`, for the benchmark).
    pub(super) elapsed_ms: f64,
}

#[derive(Properties, PartialEq)]
pub struct ReportPanelProps {
    pub connection: Connection,
    pub job: JobDescription,
    /// The DescribeJob answer the job came from (the retry job is cloned from it).
    pub described: Rc<str>,
    pub on_clone: Callback<(String, ClonedJob)>,
    /// The failed tasks' retry manifest, each time a read ends (the page's Roll back leaves them out).
    #[prop_or_default]
    pub on_failed: Callback<Rc<Vec<u8>>>,
}

/// Succeeded objects the effect check looks at.
pub(super) const EFFECT_SAMPLE: usize = 20;

/// The files to read again: those chosen last, or none (the report in OSS).
fn chosen_files(files: &[web_sys::File]) -> Option<Vec<web_sys::File>> {
    (!files.is_empty()).then(|| files.to_vec())
}

/// A key for the retry manifest: under `ossbatch-retries/`, named after the job.
fn retry_key(job_id: &str) -> String {
    format!("ossbatch-retries/{}.csv", job_file_name(job_id))
}

#[function_component(ReportPanel)]
pub fn report_panel(props: &ReportPanelProps) -> Html {
    let lang = use_lang();
    let t = texts(lang);
    let state = use_reducer(PanelState::default);
    let seed = use_state(|| 1 + (js_sys::Date::now() as u64) % 1_000_000);
    let job = &props.job;
    let manifest_bucket = job
        .manifest
        .as_ref()
        .and_then(|m| m.location.as_ref())
        .and_then(|l| l.bucket.clone())
        .or_else(|| job.report.as_ref().and_then(|r| r.bucket.clone()))
        .unwrap_or_default();
    let upload_bucket = use_state(|| manifest_bucket);
    let upload_key = use_state(|| retry_key(&job.job_id));

    // Set by Cancel; each read starts with a fresh one, so an old read never sees a new Cancel.
    let cancelled = use_mut_ref(|| Rc::new(Cell::new(false)));
    // Reads from OSS (no files chosen) or from the chosen files, with the columns given.
    let read = {
        let (state, seed, cancelled) = (state.clone(), seed.clone(), cancelled.clone());
        let (connection, job) = (props.connection.clone(), props.job.clone());
        // The files come with the call: a state handle captured at render holds the files of then.
        Callback::from(
            move |(chosen, columns): (Option<Vec<web_sys::File>>, String)| {
                let (state, connection, job) = (state.clone(), connection.clone(), job.clone());
                let where_ = super::format::report_location(&job).unwrap_or_default();
                state.dispatch(Action::Started(
                    match chosen.as_ref().and_then(|f| f.first()) {
                        Some(file) => Bilingual::fill(|t| t.reading_report, &[&file.name()]),
                        None => Bilingual::fill(|t| t.finding_report, &[&where_]),
                    },
                ));
                // A RestoreObject job's "succeeded" means "requested": the reader says so.
                let restore_job = job
                    .operation
                    .as_ref()
                    .is_some_and(|operation| operation.restore_object.is_some());
                // The columns are checked here (a wrong name is said at once, before any read).
                if let Err(message) =
                    ReportOptions::for_panel(&columns, lang, (EFFECT_SAMPLE, *seed), restore_job)
                {
                    return state.dispatch(Action::Unreadable(message));
                }
                let stop = Rc::new(Cell::new(false));
                *cancelled.borrow_mut() = stop.clone();
                let request = read::ReadRequest {
                    chosen,
                    columns,
                    seed: *seed,
                    lang,
                    restore_job,
                    where_,
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let tell = {
                        let state = state.clone();
                        Rc::new(move |action: Action| state.dispatch(action))
                    };
                    let outcome = read::read(request, &connection, &job, stop, tell).await;
                    state.dispatch(outcome);
                });
            },
        )
    };
    let cancel = {
        let cancelled = cancelled.clone();
        Callback::from(move |_| cancelled.borrow().set(true))
    };
    let find = {
        let (read, state) = (read.clone(), state.clone());
        Callback::from(move |_| read.emit((None, state.columns.clone())))
    };
    let on_files = {
        let (read, state) = (read.clone(), state.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let chosen: Vec<web_sys::File> = input
                .files()
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            state.dispatch(Action::FilesChosen(chosen.clone()));
            read.emit((Some(chosen), state.columns.clone()));
        })
    };
    let read_again = {
        let (read, state) = (read.clone(), state.clone());
        Callback::from(move |_| read.emit((chosen_files(&state.files), state.columns.clone())))
    };
    // The column picker over the first rows: one column renamed, the whole layout read again with it.
    let on_pick = {
        let (read, state) = (read.clone(), state.clone());
        Callback::from(move |layout: Vec<Column>| {
            let list = layout
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(",");
            state.dispatch(Action::ColumnsPicked(list.clone()));
            read.emit((chosen_files(&state.files), list));
        })
    };
    let on_columns = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(Action::ColumnsTyped(typed_text(&e))))
    };

    let done = match &state.view {
        View::Done(read) => Some(read.clone()),
        _ => None,
    };
    let download = {
        let (done, job_id) = (done.clone(), job.job_id.clone());
        Callback::from(move |_| {
            if let Some(read) = &done {
                let text = String::from_utf8_lossy(&read.retry);
                crate::preview::download(
                    &retry_key(&job_id).replace("ossbatch-retries/", "retry-"),
                    "text/csv",
                    &text,
                );
            }
        })
    };
    let retry = {
        let (done, note) = (done.clone(), state.clone());
        let (bucket, key) = (upload_bucket.clone(), upload_key.clone());
        let (connection, job_id) = (props.connection.clone(), job.job_id.clone());
        let (described, on_clone) = (props.described.clone(), props.on_clone.clone());
        Callback::from(move |_| {
            let Some(read) = done.clone() else { return };
            let (note, connection, job_id) = (note.clone(), connection.clone(), job_id.clone());
            let (bucket, key) = ((*bucket).clone(), (*key).clone());
            let (described, on_clone) = (described.clone(), on_clone.clone());
            note.dispatch(Action::RetryUploading);
            wasm_bindgen_futures::spawn_local(async move {
                let upload = retry::Upload {
                    read: &read,
                    bucket: &bucket,
                    key: &key,
                    job_id: &job_id,
                    described: &described,
                };
                match retry::upload(&connection, upload).await {
                    Ok(cloned) => {
                        on_clone.emit((job_id.clone(), cloned));
                        note.dispatch(Action::RetryOpened);
                    }
                    Err(why) => note.dispatch(Action::RetryFailed(why)),
                }
            });
        })
    };

    // "Fix the role": the job as a draft in the builder, whose Role panel writes the policy for the
    // job's operation and buckets; the panel is brought into view.
    let on_role = {
        let (described, on_clone, job_id) = (
            props.described.clone(),
            props.on_clone.clone(),
            job.job_id.clone(),
        );
        let root = use_context::<crate::host::HostContext>().map(|host| host.root.clone());
        Callback::from(move |_: MouseEvent| {
            let token = crate::sections::job::new_token();
            if let Ok(cloned) = clone_described_job(200, &described, &token) {
                on_clone.emit((job_id.clone(), cloned));
            }
            if let Some(root) = root.clone() {
                // After the builder has rendered.
                gloo_timers::callback::Timeout::new(0, move || {
                    if let Ok(Some(panel)) = root.query_selector("#role-panel") {
                        crate::issues::show(panel);
                    }
                })
                .forget();
            }
        })
    };
    let busy = state.busy();
    {
        let done = match &state.view {
            View::Done(read) => Some(read.retry.clone()),
            _ => None,
        };
        let on_failed = props.on_failed.clone();
        use_effect_with(done, move |done| {
            if let Some(retry) = done {
                on_failed.emit(retry.clone());
            }
        });
    }

    html! {
        <section id="job-report-panel" class="report-panel" aria-labelledby="job-report-heading">
            <h3 id="job-report-heading">{ t.report_heading }</h3>
            <p class="help">{ t.report_why }</p>
            <div class="job-actions">
                <button type="button" id="report-find" onclick={find} disabled={busy}>{ t.find_report }</button>
                <label for="report-files" class="file-label">{ t.report_files }</label>
                <input type="file" id="report-files" multiple=true onchange={on_files} disabled={busy} />
                if busy { <button type="button" id="report-cancel" onclick={cancel}>{ t.report_cancel }</button> }
            </div>
            { match &state.view {
                View::Idle => html! {},
                View::Busy(note, progress) => html! {
                    <div id="report-busy">
                        <p class="help" role="status">{ note.get(lang).to_string() }</p>
                        if let Some((done, total)) = progress {
                            <progress id="report-progress" max={total.max(1.0).to_string()} value={done.to_string()}></progress>
                            <p id="report-progress-text" class="help">{ fill(t.report_progress, &[&mib(*done), &mib(*total)]) }</p>
                        }
                    </div>
                },
                View::Cancelled => html! { <p id="report-cancelled" class="help" role="status">{ t.report_cancelled }</p> },
                View::NotFound(where_) => html! { <p id="report-not-found" class="notice-inline" role="status">{ fill(t.report_not_found, &[where_]) }</p> },
                View::Failed(failure) => html! { <div id="report-error" class="error" role="alert">{ failure_view(failure, t.the_request, "report", lang) }</div> },
                View::Unreadable(message) => html! { <p id="report-unreadable" class="error" role="alert" translate="no">{ message }</p> },
                View::Done(read) => summary_view(read, lang, &on_pick, &on_role),
            } }
            <div class="field">
                <label for="report-columns">{ t.report_columns }</label>
                <input id="report-columns" type="text" value={state.columns.clone()} oninput={on_columns} spellcheck="false"
                    placeholder={done.as_ref().map(|r| r.summary.layout.columns.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")).unwrap_or_default()} />
                <button type="button" id="report-read-again" onclick={read_again} disabled={busy}>{ t.read_again }</button>
            </div>
            if let Some(read) = &done {
                if read.summary.failed > 0 {
                    <div class="job-actions">
                        <button type="button" id="report-download-retry" onclick={download}>{ fill(t.download_retry, &[&read.summary.failed]) }</button>
                    </div>
                    <div class="field">
                        <label for="report-retry-bucket">{ t.retry_bucket }</label>
                        <input id="report-retry-bucket" type="text" value={(*upload_bucket).clone()} spellcheck="false"
                            oninput={ let b = upload_bucket.clone(); Callback::from(move |e: InputEvent| b.set(typed_text(&e))) } />
                        <label for="report-retry-key">{ t.retry_key }</label>
                        <input id="report-retry-key" type="text" value={(*upload_key).clone()} spellcheck="false"
                            oninput={ let k = upload_key.clone(); Callback::from(move |e: InputEvent| k.set(typed_text(&e))) } />
                        <button type="button" id="report-retry" onclick={retry}>{ t.retry_failures }</button>
                    </div>
                    { match &state.retry {
                        Some(RetryNote::Uploading) => html! { <p id="report-retry-note" class="help" role="status">{ t.retry_uploading }</p> },
                        Some(RetryNote::Opened) => html! { <p id="report-retry-note" class="ok" role="status">{ t.retry_opened }</p> },
                        Some(RetryNote::Failed(message)) => html! { <p id="report-retry-error" class="error" role="alert">{ message.get(lang).to_string() }</p> },
                        None => html! {},
                    } }
                }
            }
            if let Some(read) = &done {
                <EffectCheck connection={props.connection.clone()} job={props.job.clone()} read={read.clone()} seed={seed.clone()} />
            }
        </section>
    }
}

pub(super) fn failure_text(failure: &Failure) -> Bilingual {
    match failure {
        Failure::Oss { status, error, .. } => {
            Bilingual::same(format!("{status} {}: {}", error.code, error.message))
        }
        Failure::Proxy {
            status, message, ..
        } => Bilingual::same(format!("{status}: {message}")),
        Failure::Host(message) | Failure::Other(message) => message.clone(),
    }
}

/// Bytes as MiB with one decimal, for the progress line.
fn mib(bytes: f64) -> String {
    format!("{:.1}", bytes / 1024.0 / 1024.0)
}
