//! "Check a local manifest file": the file streams in slices (never whole in memory) through the core's
//! manifest check and MD5 (ossbatch_core::manifest_file), with a progress bar and a cancel button; the
//! page stays responsive because every slice is awaited from the browser. The result lists the bad rows
//! and offers "Use this ETag" for Manifest.Location.ETag; the buckets the rows name feed the Role panel.

use std::cell::Cell;
use std::rc::Rc;

use ossbatch_core::manifest_file::{ManifestChecker, ManifestField, ManifestReport};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, BuilderState, Field};

/// Bytes read per slice: large enough that MD5 runs at full speed, small enough that a slice takes
/// tens of milliseconds and memory stays flat.
const SLICE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;
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
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct ManifestCheckProps {
    /// The draft's Manifest.Spec.Fields (empty: Bucket,Key).
    pub fields: String,
    pub dispatch: UseReducerDispatcher<BuilderState>,
    /// The buckets the checked file's rows name (None when no file is checked).
    pub on_buckets: Callback<Option<Vec<String>>>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

async fn check_file(
    file: web_sys::File,
    fields: Vec<ManifestField>,
    cancelled: Rc<Cell<bool>>,
    progress: impl Fn(f64, f64),
) -> Result<Option<ManifestReport>, String> {
    let total = file.size();
    let mut checker = ManifestChecker::new(fields, None);
    let mut buffer: Vec<u8> = Vec::new();
    let mut offset = 0.0;
    while offset < total {
        if cancelled.get() {
            return Ok(None);
        }
        let end = (offset + SLICE_BYTES).min(total);
        let slice = file
            .slice_with_f64_and_f64(offset, end)
            .map_err(|_| "the browser could not slice the file".to_string())?;
        let bytes = JsFuture::from(slice.array_buffer())
            .await
            .map_err(|_| "the browser could not read the file".to_string())?;
        let array = js_sys::Uint8Array::new(&bytes);
        buffer.resize(array.length() as usize, 0);
        array.copy_to(&mut buffer);
        checker.update(&buffer);
        offset = end;
        progress(offset, total);
    }
    Ok(Some(checker.finish()))
}

#[function_component(ManifestFileCheck)]
pub fn manifest_file_check(props: &ManifestCheckProps) -> Html {
    let state = use_state(|| CheckState::Idle);
    let cancelled = use_mut_ref(|| Rc::new(Cell::new(false)));

    let start = {
        let state = state.clone();
        let cancelled = cancelled.clone();
        let fields = props.fields.clone();
        let on_buckets = props.on_buckets.clone();
        Callback::from(move |file: web_sys::File| {
            let fields = if fields.trim().is_empty() {
                "Bucket,Key".to_string()
            } else {
                fields.clone()
            };
            let fields = match ManifestField::parse_list(&fields) {
                Ok(fields) => fields,
                Err(message) => {
                    state.set(CheckState::Failed(format!(
                        "Fix Manifest columns (Fields) first: {message}."
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
                match check_file(file, fields, flag, progress).await {
                    Ok(Some(report)) => {
                        on_buckets.emit(Some(report.buckets.clone()));
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
    let cancel = {
        let cancelled = cancelled.clone();
        Callback::from(move |_| cancelled.borrow().set(true))
    };

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
                    <label for="manifest-progress">{ format!("Checking {name}: {percent:.0}%") }</label>
                    <progress id="manifest-progress" max="100" value={format!("{percent:.1}")}></progress>
                    <button type="button" id="manifest-cancel" onclick={cancel}>{ "Cancel" }</button>
                </div>
            }
        }
        CheckState::Cancelled => {
            html! { <p class="help" id="manifest-check-result">{ "Check cancelled." }</p> }
        }
        CheckState::Failed(message) => {
            html! { <p class="notice" id="manifest-check-result" role="alert">{ message }</p> }
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
            let summary = format!(
                "{name}: {} rows, {} bytes; {} issue(s), {errors} error(s).",
                report.rows,
                report.bytes,
                report.issues.len()
            );
            html! {
                <div id="manifest-check-result" data-elapsed-ms={format!("{elapsed_ms:.0}")} data-bytes={report.bytes.to_string()}>
                    <p>{ summary }</p>
                    <p>
                        { "ETag (MD5): " }<code id="manifest-etag">{ etag.clone() }</code>{ " " }
                        <button type="button" id="use-etag" onclick={use_etag}>{ "Use this ETag" }</button>
                    </p>
                    <p class="help">{ "Equal to the object's ETag only if you upload the file in one PUT; a multipart upload's ETag ends in -N (copy that one from OSS)." }</p>
                    if !report.issues.is_empty() {
                        <ul class="issue-list" id="manifest-issues">
                            { for report.issues.iter().take(SHOWN_ISSUES).map(|issue| html! {
                                <li class={classes!("issue", issue.severity.as_str())}>
                                    <span class="severity">{ issue.severity.as_str() }</span>{ " " }
                                    <code>{ if issue.path.is_empty() { "(file)".to_string() } else { issue.path.clone() } }</code>{ " " }
                                    { issue.message.clone() }
                                </li>
                            }) }
                        </ul>
                        if report.issues.len() > SHOWN_ISSUES {
                            <p class="help">{ format!("…and {} more (the CLI lists them all: ossbatch manifest check).", report.issues.len() - SHOWN_ISSUES) }</p>
                        }
                    }
                </div>
            }
        }
    };

    html! {
        <div class="manifest-check" ondrop={on_drop} ondragover={on_drag_over}>
            <label for="manifest-file">{ "Check a local manifest file" }</label>
            <p class="help" id="manifest-file-help">{ "Choose or drop the CSV before you upload it: each row is checked against the columns above, and its ETag (MD5) is computed. The file stays in this browser." }</p>
            <input type="file" id="manifest-file" accept=".csv,text/csv,text/plain" aria-describedby="manifest-file-help"
                onchange={on_change} />
            { body }
        </div>
    }
}
