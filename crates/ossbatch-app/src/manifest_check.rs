//! "Check a local manifest file": the file streams in slices (never whole in memory) through the core's
//! manifest check and MD5 (ossbatch_core::manifest_file), with a progress bar and a cancel button; the
//! page stays responsive because every slice is awaited from the browser. The result lists the bad rows
//! and offers "Use this ETag" for Manifest.Location.ETag; the buckets the rows name feed the Role panel.

use crate::i18n::{fill, texts, use_lang, Bilingual};
use std::cell::Cell;
use std::rc::Rc;

use ossbatch_core::manifest_file::{Etag, ManifestChecker, ManifestField, ManifestReport};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::file_slices::{now_ms, stream_file};
use crate::state::{Action, BuilderState, Field};

/// Bytes read per slice: large enough that the browser reads at full speed (1 MiB slices read at a
/// third of the speed of 16 MiB ones here), small enough that a slice takes tens of milliseconds and
/// memory stays flat (READ_AHEAD + 1 slices at most).
const SLICE_BYTES: f64 = 16.0 * 1024.0 * 1024.0;
/// Slices being read while one is hashed (memory: this many + 1 slices).
const READ_AHEAD: usize = 2;
/// Issues shown in the page (the CLI lists up to the core's limit).
const SHOWN_ISSUES: usize = 100;

#[derive(Clone, PartialEq)]
enum CheckState {
    Idle,
    Running {
        name: String,
        done: f64,
        total: f64,
    },
    Done {
        name: String,
        report: Rc<ManifestReport>,
        elapsed_ms: f64,
    },
    Cancelled,
    Failed(Bilingual),
}

#[derive(Properties, PartialEq)]
pub struct ManifestCheckProps {
    /// The draft's Manifest.Spec.Fields (empty: Bucket,Key).
    pub fields: String,
    pub dispatch: UseReducerDispatcher<BuilderState>,
    /// The buckets the checked file's rows name (None when no file is checked).
    pub on_buckets: Callback<Option<Vec<String>>>,
}

/// What a pass over the file feeds: every row check and the MD5, or the MD5 alone.
enum Sink {
    Check(Box<ManifestChecker>),
    EtagOnly(Etag),
}

async fn check_file(
    file: web_sys::File,
    fields: Vec<ManifestField>,
    etag_only: bool,
    cancelled: Rc<Cell<bool>>,
    progress: impl Fn(f64, f64),
) -> Result<Option<ManifestReport>, Bilingual> {
    let total = file.size();
    let mut sink = if etag_only {
        Sink::EtagOnly(Etag::new())
    } else {
        Sink::Check(Box::new(ManifestChecker::new(fields, None)))
    };
    // The whole slice at once: the MD5 keeps up with md5sum only without yields (docs/benchmarks.md).
    let read = stream_file(
        &file,
        SLICE_BYTES,
        READ_AHEAD,
        SLICE_BYTES as usize,
        &cancelled,
        |slice, offset| {
            match &mut sink {
                Sink::Check(checker) => checker.update(slice),
                Sink::EtagOnly(etag) => etag.update(slice),
            }
            progress(offset, total);
        },
    )
    .await
    .map_err(|_| Bilingual::fill(|t| t.browser_cannot_read, &[]))?;
    let Some(offset) = read else {
        return Ok(None);
    };
    Ok(Some(match sink {
        Sink::Check(checker) => checker.finish(),
        Sink::EtagOnly(etag) => ManifestReport {
            issues: Vec::new(),
            rows: 0,
            // Every byte read was hashed.
            bytes: offset as u64,
            etag: etag.finish(),
            buckets: Vec::new(),
        },
    }))
}

#[function_component(ManifestFileCheck)]
pub fn manifest_file_check(props: &ManifestCheckProps) -> Html {
    let state = use_state(|| CheckState::Idle);
    let cancelled = use_mut_ref(|| Rc::new(Cell::new(false)));
    // "ETag only": MD5 without the row checks, for a file already known to be well formed.
    let etag_only = use_state(|| false);

    let start = {
        let state = state.clone();
        let cancelled = cancelled.clone();
        let fields = props.fields.clone();
        let on_buckets = props.on_buckets.clone();
        let etag_only = *etag_only;
        Callback::from(move |file: web_sys::File| {
            let fields = if fields.trim().is_empty() {
                "Bucket,Key".to_string()
            } else {
                fields.clone()
            };
            let fields = match ManifestField::parse_list(&fields) {
                Ok(fields) => fields,
                Err(message) => {
                    state.set(CheckState::Failed(Bilingual::fill(
                        |t| t.fix_fields_first,
                        &[&message],
                    )));
                    return;
                }
            };
            let flag = Rc::new(Cell::new(false));
            *cancelled.borrow_mut() = flag.clone();
            let name = file.name();
            let total = file.size();
            state.set(CheckState::Running {
                name: name.clone(),
                done: 0.0,
                total,
            });
            let (state, on_buckets) = (state.clone(), on_buckets.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let started = now_ms();
                let progress = {
                    let (state, name) = (state.clone(), name.clone());
                    move |done: f64, total: f64| {
                        state.set(CheckState::Running {
                            name: name.clone(),
                            done,
                            total,
                        })
                    }
                };
                match check_file(file, fields, etag_only, flag, progress).await {
                    Ok(Some(report)) => {
                        if !etag_only {
                            on_buckets.emit(Some(report.buckets.clone()));
                        }
                        state.set(CheckState::Done {
                            name,
                            report: Rc::new(report),
                            elapsed_ms: now_ms() - started,
                        });
                    }
                    Ok(None) => state.set(CheckState::Cancelled),
                    Err(message) => state.set(CheckState::Failed(message)),
                }
            });
        })
    };

    let on_change = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                start.emit(file);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let start = start.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|files| files.get(0))
            {
                start.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let toggle_etag_only = {
        let etag_only = etag_only.clone();
        Callback::from(move |e: Event| etag_only.set(crate::fields::ticked(&e)))
    };
    let cancel = {
        let cancelled = cancelled.clone();
        Callback::from(move |_| cancelled.borrow().set(true))
    };

    let lang = use_lang();
    let t = texts(lang);
    let body = match &*state {
        CheckState::Idle => html! {},
        CheckState::Running { name, done, total } => {
            let percent = if *total > 0.0 {
                done / total * 100.0
            } else {
                100.0
            };
            html! {
                <div class="manifest-progress" aria-live="polite">
                    <label for="manifest-progress">{ fill(t.checking, &[name, &format!("{percent:.0}")]) }</label>
                    <progress id="manifest-progress" max="100" value={format!("{percent:.1}")}></progress>
                    <button type="button" id="manifest-cancel" onclick={cancel}>{ t.cancel }</button>
                </div>
            }
        }
        CheckState::Cancelled => {
            html! { <p class="help" id="manifest-check-result">{ t.check_cancelled }</p> }
        }
        CheckState::Failed(message) => {
            html! { <p class="notice" id="manifest-check-result" role="alert">{ message.get(lang).to_string() }</p> }
        }
        CheckState::Done {
            name,
            report,
            elapsed_ms,
        } => {
            let etag = report.etag.clone();
            let use_etag = {
                let (dispatch, etag) = (props.dispatch.clone(), etag.clone());
                Callback::from(move |_| {
                    dispatch.dispatch(Action::Set(Field::LocationETag, etag.clone()))
                })
            };
            let errors = report.issues.iter().filter(|i| i.is_error()).count();
            let summary = if report.rows == 0 && report.issues.is_empty() {
                fill(t.etag_only_result, &[name, &report.bytes])
            } else {
                fill(
                    t.check_result,
                    &[
                        name,
                        &report.rows,
                        &report.bytes,
                        &report.issues.len(),
                        &errors,
                    ],
                )
            };
            html! {
                <div id="manifest-check-result" data-elapsed-ms={format!("{elapsed_ms:.0}")} data-bytes={report.bytes.to_string()}>
                    <p>{ summary }</p>
                    <p>
                        { t.etag_md5 }<code id="manifest-etag">{ etag.clone() }</code>{ " " }
                        <button type="button" id="use-etag" onclick={use_etag}>{ t.use_this_etag }</button>
                    </p>
                    <p class="help">{ t.etag_note }</p>
                    if !report.issues.is_empty() {
                        <ul class="issue-list" id="manifest-issues">
                            { for report.issues.iter().take(SHOWN_ISSUES).map(|issue| html! {
                                <li class={classes!("issue", issue.severity.as_str())}>
                                    <span class="severity">{ t.severity(issue.severity) }</span>{ " " }
                                    <code>{ if issue.path.is_empty() { t.whole_file.to_string() } else { issue.path.clone() } }</code>{ " " }
                                    { issue.message_in(lang) }
                                </li>
                            }) }
                        </ul>
                        if report.issues.len() > SHOWN_ISSUES {
                            <p class="help">{ fill(t.and_more, &[&(report.issues.len() - SHOWN_ISSUES)]) }</p>
                        }
                    }
                </div>
            }
        }
    };

    html! {
        <div class="manifest-check" ondrop={on_drop} ondragover={on_drag_over}>
            <label for="manifest-file">{ t.check_manifest }</label>
            <p class="help" id="manifest-file-help">{ t.check_manifest_help }</p>
            <input type="file" id="manifest-file" accept=".csv,text/csv,text/plain" aria-describedby="manifest-file-help"
                onchange={on_change} />
            <span class="field checkbox inline">
                <input type="checkbox" id="manifest-etag-only" checked={*etag_only} onchange={toggle_etag_only} />
                <label for="manifest-etag-only">{ t.etag_only }</label>
            </span>
            { body }
        </div>
    }
}
