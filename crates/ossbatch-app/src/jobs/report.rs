//! The job page's Report panel (issue #22): find the completion report under the job's Report bucket
//! and prefix (ListObjectsV2 through the proxy) or read files the user downloaded, show the failures
//! grouped with their causes and fixes, let the user correct the column layout, download the retry
//! manifest, and upload it and open the retry job in the builder. The core reads the report
//! (`ossbatch_core::report`); this panel only moves bytes.

use std::rc::Rc;

use ossbatch_core::api::describe_job::{clone_described_job, ClonedJob, JobDescription};
use ossbatch_core::api::objects::{
    build_get_object, build_get_object_acl, build_get_object_tagging, build_head_object,
    build_list_objects_v2, build_put_object, parse_get_object_acl_response,
    parse_get_object_tagging_response, parse_list_objects_v2_response, report_objects,
    ObjectSummary, RestoreState,
};
use ossbatch_core::effect_check::{judge, Expectation, Observed, StateCall, Verdict};
use ossbatch_core::report::{
    retry_job, Column, ReportOptions, ReportReader, ReportSummary, UploadedManifest,
};
use ossbatch_core::Lang;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::credentials::Connection;
use crate::fields::typed_text;
use crate::i18n::{fill, texts, use_lang, Bilingual};
use crate::transport::{failure_view, send_for_object, Failure};

/// Report objects are read in pieces of this size (Range GETs; under the proxy's answer limit).
const PIECE: u64 = 4 * 1024 * 1024;
/// Listing pages followed at most (1,000 keys each).
const LIST_PAGES: usize = 50;

/// What was read, and the retry manifest that came with it.
#[derive(Clone, PartialEq)]
struct Read {
    summary: Rc<ReportSummary>,
    retry: Rc<Vec<u8>>,
    etag: String,
    fields: String,
}

#[derive(Clone, PartialEq)]
enum View {
    Idle,
    Busy(Bilingual),
    Done(Read),
    NotFound(String),
    Failed(Rc<Failure>),
    Unreadable(String),
}

#[derive(Properties, PartialEq)]
pub struct ReportPanelProps {
    pub connection: Connection,
    pub job: JobDescription,
    /// The DescribeJob answer the job came from (the retry job is cloned from it).
    pub described: Rc<str>,
    pub on_clone: Callback<(String, ClonedJob)>,
}

/// Succeeded objects the effect check looks at.
const EFFECT_SAMPLE: usize = 20;

fn options(columns: &str, seed: u64, lang: Lang) -> Result<ReportOptions, String> {
    let columns = match columns.trim() {
        "" => None,
        list => Some(Column::parse_list(list)?),
    };
    Ok(ReportOptions {
        columns,
        retry_fields: Some(Vec::new()),
        restore_job: false,
        lang,
        sample: Some((EFFECT_SAMPLE, seed)),
    })
}

/// Finishes a read: the summary, the retry manifest and its ETag.
fn finish(mut reader: ReportReader, mut retry: Vec<u8>) -> Result<Read, String> {
    retry.extend(reader.take_retry());
    let outcome = reader.finish().map_err(|error| error.to_string())?;
    retry.extend(outcome.retry_tail);
    let manifest = outcome
        .retry
        .unwrap_or_else(|| ossbatch_core::report::RetryManifest {
            rows: 0,
            bytes: 0,
            etag: String::new(),
            fields: String::new(),
        });
    Ok(Read {
        summary: Rc::new(outcome.summary),
        retry: Rc::new(retry),
        etag: manifest.etag,
        fields: manifest.fields,
    })
}

/// Lists the report bucket under the prefix and reads every object that names the job.
async fn read_from_oss(
    connection: &Connection,
    job: &JobDescription,
    reader: &mut ReportReader,
    retry: &mut Vec<u8>,
    progress: &dyn Fn(Bilingual),
) -> Result<bool, Failure> {
    let report = job.report.clone().unwrap_or_default();
    let bucket = report.bucket.unwrap_or_default();
    let prefix = report.prefix.unwrap_or_default();
    let mut listed: Vec<ObjectSummary> = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..LIST_PAGES {
        let (bucket, prefix, next) = (bucket.clone(), prefix.clone(), token.clone());
        let (page, _) = connection
            .call(
                move |params| {
                    build_list_objects_v2(
                        &bucket,
                        Some(&prefix),
                        next.as_deref(),
                        Some(1000),
                        params,
                    )
                },
                parse_list_objects_v2_response,
                |_| {},
            )
            .await?;
        listed.extend(page.objects);
        token = page.next_continuation_token;
        if token.is_none() {
            break;
        }
    }
    let found: Vec<ObjectSummary> = report_objects(&listed, &job.job_id)
        .into_iter()
        .filter(|object| !object.key.ends_with("manifest.json"))
        .cloned()
        .collect();
    if found.is_empty() {
        return Ok(false);
    }
    for object in found {
        reader.begin_file(&object.key);
        let size = object.size.unwrap_or(0);
        let mut offset = 0;
        while offset < size.max(1) {
            let last = (offset + PIECE).min(size.max(1)) - 1;
            progress(Bilingual::fill(|t| t.reading_report, &[&object.key]));
            let (bucket, key) = (bucket.clone(), object.key.clone());
            let signed = connection
                .sign(move |params| {
                    build_get_object(&bucket, &key, (size > 0).then_some((offset, last)), params)
                })
                .await?;
            let answer = send_for_object(&signed, connection).await?;
            reader.update(&answer.bytes);
            retry.extend(reader.take_retry());
            offset = last + 1;
        }
    }
    Ok(true)
}

/// Reads files the user chose, in pieces.
async fn read_files(
    files: &[web_sys::File],
    reader: &mut ReportReader,
    retry: &mut Vec<u8>,
) -> Result<(), String> {
    for file in files {
        reader.begin_file(&file.name());
        let size = file.size();
        let mut offset = 0.0;
        while offset < size {
            let end = (offset + PIECE as f64).min(size);
            let piece = file
                .slice_with_f64_and_f64(offset, end)
                .map_err(|_| format!("{}: cannot be read", file.name()))?;
            let buffer = JsFuture::from(piece.array_buffer())
                .await
                .map_err(|_| format!("{}: cannot be read", file.name()))?;
            reader.update(&js_sys::Uint8Array::new(&buffer).to_vec());
            retry.extend(reader.take_retry());
            offset = end;
        }
    }
    Ok(())
}

/// A key for the retry manifest: under `ossbatch-retries/`, named after the job.
fn retry_key(job_id: &str) -> String {
    let safe: String = job_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("ossbatch-retries/{safe}.csv")
}

#[function_component(ReportPanel)]
pub fn report_panel(props: &ReportPanelProps) -> Html {
    let lang = use_lang();
    let t = texts(lang);
    let view = use_state(|| View::Idle);
    let columns = use_state(String::new);
    let seed = use_state(|| 1 + (js_sys::Date::now() as u64) % 1_000_000);
    let files = use_state(Vec::<web_sys::File>::new);
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
    let retry_note = use_state(|| None::<Result<String, Bilingual>>);

    // Reads from OSS (no files chosen) or from the chosen files, with the columns as they are now.
    let read = {
        let (view, columns, files, seed) =
            (view.clone(), columns.clone(), files.clone(), seed.clone());
        let (connection, job) = (props.connection.clone(), props.job.clone());
        Callback::from(move |from_files: bool| {
            let (view, connection, job) = (view.clone(), connection.clone(), job.clone());
            let chosen = (*files).clone();
            let options = match options(&columns, *seed, lang) {
                Ok(options) => options,
                Err(message) => return view.set(View::Unreadable(format!("--columns: {message}"))),
            };
            wasm_bindgen_futures::spawn_local(async move {
                let mut reader = ReportReader::new(options);
                let mut retry = Vec::new();
                let where_ = super::format::report_location(&job).unwrap_or_default();
                view.set(View::Busy(Bilingual::fill(
                    |t| t.finding_report,
                    &[&where_],
                )));
                let progress = {
                    let view = view.clone();
                    move |note: Bilingual| view.set(View::Busy(note))
                };
                let outcome = if from_files {
                    read_files(&chosen, &mut reader, &mut retry)
                        .await
                        .map(|()| true)
                        .map_err(View::Unreadable)
                } else {
                    read_from_oss(&connection, &job, &mut reader, &mut retry, &progress)
                        .await
                        .map_err(|failure| View::Failed(Rc::new(failure)))
                };
                view.set(match outcome {
                    Ok(false) => View::NotFound(where_),
                    Ok(true) => match finish(reader, retry) {
                        Ok(read) => View::Done(read),
                        Err(message) => View::Unreadable(message),
                    },
                    Err(shown) => shown,
                });
            });
        })
    };
    let find = {
        let read = read.clone();
        Callback::from(move |_| read.emit(false))
    };
    let on_files = {
        let (files, read) = (files.clone(), read.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let chosen: Vec<web_sys::File> = input
                .files()
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            files.set(chosen);
            read.emit(true);
        })
    };
    let read_again = {
        let (read, files) = (read.clone(), files.clone());
        Callback::from(move |_| read.emit(!files.is_empty()))
    };
    let on_columns = {
        let columns = columns.clone();
        Callback::from(move |e: InputEvent| columns.set(typed_text(&e)))
    };

    let done = match &*view {
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
        let (done, note) = (done.clone(), retry_note.clone());
        let (bucket, key) = (upload_bucket.clone(), upload_key.clone());
        let (connection, job_id) = (props.connection.clone(), job.job_id.clone());
        let (described, on_clone) = (props.described.clone(), props.on_clone.clone());
        Callback::from(move |_| {
            let Some(read) = done.clone() else { return };
            let (note, connection, job_id) = (note.clone(), connection.clone(), job_id.clone());
            let (bucket, key) = ((*bucket).clone(), (*key).clone());
            let (described, on_clone) = (described.clone(), on_clone.clone());
            note.set(Some(Ok(String::new())));
            wasm_bindgen_futures::spawn_local(async move {
                let body = String::from_utf8_lossy(&read.retry).into_owned();
                let (b, k) = (bucket.clone(), key.clone());
                let signed = match connection
                    .sign(move |params| build_put_object(&b, &k, body, "text/csv", params))
                    .await
                {
                    Ok(signed) => signed,
                    Err(failure) => return note.set(Some(Err(failure_text(&failure)))),
                };
                let answer = match send_for_object(&signed, &connection).await {
                    Ok(answer) => answer,
                    Err(failure) => return note.set(Some(Err(failure_text(&failure)))),
                };
                let theirs = answer.etag.unwrap_or_default().to_ascii_lowercase();
                if theirs != read.etag {
                    return note.set(Some(Err(Bilingual::fill(
                        |t| t.retry_etag_mismatch,
                        &[&theirs, &read.etag],
                    ))));
                }
                let cloned = match clone_described_job(
                    200,
                    &described,
                    &crate::sections::job::new_token(),
                ) {
                    Ok(cloned) => cloned,
                    Err(error) => return note.set(Some(Err(Bilingual::same(error.to_string())))),
                };
                let manifest = UploadedManifest {
                    bucket: &bucket,
                    key: &key,
                    etag: &theirs,
                    fields: &read.fields,
                };
                let request = retry_job(cloned.request, &job_id, read.summary.failed, &manifest);
                on_clone.emit((
                    job_id.clone(),
                    ClonedJob {
                        request,
                        left_out: cloned.left_out,
                    },
                ));
                note.set(Some(Ok(texts(lang).retry_opened.to_string())));
            });
        })
    };

    html! {
        <section id="job-report-panel" class="report-panel" aria-labelledby="job-report-heading">
            <h3 id="job-report-heading">{ t.report_heading }</h3>
            <p class="help">{ t.report_why }</p>
            <div class="job-actions">
                <button type="button" id="report-find" onclick={find} disabled={matches!(*view, View::Busy(_))}>{ t.find_report }</button>
                <label for="report-files" class="file-label">{ t.report_files }</label>
                <input type="file" id="report-files" multiple=true onchange={on_files} />
            </div>
            { match &*view {
                View::Idle => html! {},
                View::Busy(note) => html! { <p id="report-busy" class="help" role="status">{ note.get(lang).to_string() }</p> },
                View::NotFound(where_) => html! { <p id="report-not-found" class="notice-inline" role="status">{ fill(t.report_not_found, &[where_]) }</p> },
                View::Failed(failure) => html! { <div id="report-error" class="error" role="alert">{ failure_view(failure, t.the_request, "report", lang) }</div> },
                View::Unreadable(message) => html! { <p id="report-unreadable" class="error" role="alert" translate="no">{ message }</p> },
                View::Done(read) => summary_view(read, lang),
            } }
            <div class="field">
                <label for="report-columns">{ t.report_columns }</label>
                <input id="report-columns" type="text" value={(*columns).clone()} oninput={on_columns} spellcheck="false"
                    placeholder={done.as_ref().map(|r| r.summary.layout.columns.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")).unwrap_or_default()} />
                <button type="button" id="report-read-again" onclick={read_again} disabled={matches!(*view, View::Busy(_))}>{ t.read_again }</button>
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
                    { match &*retry_note {
                        Some(Ok(text)) if text.is_empty() => html! { <p id="report-retry-note" class="help" role="status">{ t.retry_uploading }</p> },
                        Some(Ok(text)) => html! { <p id="report-retry-note" class="ok" role="status">{ text }</p> },
                        Some(Err(message)) => html! { <p id="report-retry-error" class="error" role="alert">{ message.get(lang).to_string() }</p> },
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

#[derive(Properties, PartialEq)]
struct EffectCheckProps {
    connection: Connection,
    job: JobDescription,
    read: Read,
    seed: UseStateHandle<u64>,
}

/// One sampled object's verdict.
#[derive(Clone, PartialEq)]
struct Checked {
    bucket: String,
    key: String,
    verdict: Verdict,
}

/// Asks OSS for one object's state and judges it.
async fn check_one(
    connection: &Connection,
    expected: &Expectation,
    (bucket, key, version): &(String, String, Option<String>),
) -> Verdict {
    let (b, k, v) = (bucket.clone(), key.clone(), version.clone());
    let call = expected.call();
    let signed = connection
        .sign(move |params| match call {
            StateCall::GetObjectTagging => build_get_object_tagging(&b, &k, v.as_deref(), params),
            StateCall::GetObjectAcl => build_get_object_acl(&b, &k, v.as_deref(), params),
            StateCall::HeadObject => build_head_object(&b, &k, v.as_deref(), params),
        })
        .await;
    let answer = match signed {
        Ok(signed) => send_for_object(&signed, connection).await,
        Err(failure) => Err(failure),
    };
    let observed = match answer {
        Err(Failure::Oss { error, .. }) => Observed::Unreadable(error.code.clone()),
        Err(failure) => Observed::Unreadable(failure_text(&failure).en),
        Ok(answer) => {
            let text = String::from_utf8_lossy(&answer.bytes);
            match call {
                StateCall::GetObjectTagging => parse_get_object_tagging_response(200, &text)
                    .map(Observed::Tags)
                    .unwrap_or_else(|e| Observed::Unreadable(e.to_string())),
                StateCall::GetObjectAcl => parse_get_object_acl_response(200, &text)
                    .map(Observed::Acl)
                    .unwrap_or_else(|e| Observed::Unreadable(e.to_string())),
                StateCall::HeadObject => {
                    Observed::Restore(RestoreState::from_header(answer.restore.as_deref()))
                }
            }
        }
    };
    judge(expected, &observed)
}

#[function_component(EffectCheck)]
fn effect_check(props: &EffectCheckProps) -> Html {
    let lang = use_lang();
    let t = texts(lang);
    let results = use_state(Vec::<Checked>::new);
    let running = use_state(|| false);
    let cancelled = use_mut_ref(|| false);
    let expected = props.job.operation.as_ref().and_then(Expectation::of);
    let sample = props.read.summary.sample.clone();
    let run = {
        let (results, running, cancelled) = (results.clone(), running.clone(), cancelled.clone());
        let (connection, expected, sample) =
            (props.connection.clone(), expected.clone(), sample.clone());
        Callback::from(move |_| {
            let Some(expected) = expected.clone() else {
                return;
            };
            let (results, running, cancelled) =
                (results.clone(), running.clone(), cancelled.clone());
            let (connection, sample) = (connection.clone(), sample.clone());
            *cancelled.borrow_mut() = false;
            running.set(true);
            results.set(Vec::new());
            wasm_bindgen_futures::spawn_local(async move {
                let mut done = Vec::new();
                for object in &sample {
                    if *cancelled.borrow() {
                        break;
                    }
                    let verdict = check_one(&connection, &expected, object).await;
                    done.push(Checked {
                        bucket: object.0.clone(),
                        key: object.1.clone(),
                        verdict,
                    });
                    results.set(done.clone());
                }
                running.set(false);
            });
        })
    };
    let cancel = {
        let cancelled = cancelled.clone();
        Callback::from(move |_| *cancelled.borrow_mut() = true)
    };
    let on_seed = {
        let seed = props.seed.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(value) = typed_text(&e).trim().parse() {
                seed.set(value);
            }
        })
    };
    html! {
        <div id="effect-check" class="effect-check">
            <h4>{ t.effect_heading }</h4>
            <p class="help">{ t.effect_why }</p>
            if expected.is_none() {
                <p id="effect-none" class="help">{ t.effect_none }</p>
            } else {
                <div class="field">
                    <label for="effect-seed">{ t.effect_seed }</label>
                    <input id="effect-seed" type="number" inputmode="numeric" value={props.seed.to_string()} oninput={on_seed} />
                </div>
                <div class="job-actions">
                    <button type="button" id="effect-run" onclick={run} disabled={*running || sample.is_empty()}>{ fill(t.effect_run, &[&sample.len()]) }</button>
                    if *running { <button type="button" id="effect-cancel" onclick={cancel}>{ t.effect_cancel }</button> }
                </div>
                if *running || !results.is_empty() {
                    <progress id="effect-progress" max={sample.len().max(1).to_string()} value={results.len().to_string()}>
                        { fill(t.effect_progress, &[&results.len(), &sample.len()]) }
                    </progress>
                    <p id="effect-progress-text" class="help" role="status">{ fill(t.effect_progress, &[&results.len(), &sample.len()]) }</p>
                }
                <ul id="effect-results">
                    { for results.iter().map(|checked| {
                        let (class, word, reason) = match &checked.verdict {
                            Verdict::Matched => ("matched", t.effect_matched, String::new()),
                            Verdict::NotMatched(why) => ("not-matched", t.effect_not_matched, format!(": {why}")),
                            Verdict::NotReadable(why) => ("not-readable", t.effect_not_readable, format!(": {why}")),
                        };
                        html! {
                            <li class={classes!("effect-result", class)} data-key={checked.key.clone()} data-verdict={class}>
                                <code translate="no">{ format!("{}/{}", checked.bucket, checked.key) }</code>{ format!(" — {word}{reason}") }
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

fn failure_text(failure: &Failure) -> Bilingual {
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

fn summary_view(read: &Read, lang: Lang) -> Html {
    let t = texts(lang);
    let summary = &read.summary;
    html! {
        <div id="report-summary">
            <p id="report-counts" role="status">{ fill(t.report_counts, &[&summary.tasks, &summary.succeeded, &summary.failed]) }</p>
            if !summary.groups.is_empty() {
                <table id="report-groups" class="report-groups">
                    <caption>{ t.failure_groups }</caption>
                    <thead><tr><th>{ t.group_code }</th><th>{ "HTTP" }</th><th>{ t.group_count }</th><th>{ t.group_examples }</th><th>{ t.group_cause }</th></tr></thead>
                    <tbody>
                        { for summary.groups.iter().map(|group| html! {
                            <tr class="report-group" data-code={group.error_code.clone().unwrap_or_default()}>
                                <td translate="no"><code>{ group.error_code.clone().unwrap_or_else(|| "-".into()) }</code></td>
                                <td>{ group.http_status.map(|s| s.to_string()).unwrap_or_default() }</td>
                                <td>{ format!("{} ({:.0}%)", group.count, group.share * 100.0) }</td>
                                <td translate="no">{ group.sample_keys.join(", ") }</td>
                                <td>{ match group.fix {
                                    Some(fix) => html! { <><p class="report-cause">{ fix.cause.get(lang) }</p><p class="report-fix">{ fix.fix.get(lang) }</p></> },
                                    None => html! { <p class="help">{ t.cause_unknown }</p> },
                                } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            if summary.damaged_rows > 0 {
                <div id="report-damaged" class="notice-inline">
                    <p>{ fill(t.damaged_rows, &[&summary.damaged_rows]) }</p>
                    <ul>{ for summary.damaged.iter().map(|d| html! { <li translate="no">{ d.to_string() }</li> }) }</ul>
                </div>
            }
            if !summary.first_rows.is_empty() {
                <table id="report-first-rows" class="report-first-rows">
                    <caption>{ t.report_first_rows }</caption>
                    <thead><tr>{ for summary.layout.columns.iter().map(|c| html! { <th><code>{ c.as_str() }</code></th> }) }</tr></thead>
                    <tbody>{ for summary.first_rows.iter().map(|row| html! {
                        <tr translate="no">{ for row.iter().map(|field| html! { <td>{ field }</td> }) }</tr>
                    }) }</tbody>
                </table>
            }
            <ul id="report-assumptions" class="help">
                { for summary.assumptions.iter().map(|a| html! { <li>{ a }</li> }) }
            </ul>
        </div>
    }
}
