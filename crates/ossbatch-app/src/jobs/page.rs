//! One job: its status, progress, failures and report; confirm, cancel and priority changes (each
//! disabled with the reason when the status does not allow it); refresh and polling; cloning.

use crate::i18n::{fill, status_label, texts, use_lang};
use ossbatch_core::api::jobs::{
    clone_described_job, validate_update_job_priority, validate_update_job_status, ClonedJob,
    JobDescription, JobStatus,
};
use ossbatch_core::limits::{
    CONFIRMATION_WINDOW_DAYS, PRIORITY_MAX, PRIORITY_MIN, REASON_MAX, REASON_MIN,
};
use ossbatch_core::Lang;
use yew::prelude::*;

use super::format::{created, report_location, CONFIRMATION_WINDOW_SECONDS};
use super::state::{JobPage, JobsAction, JobsState};
use super::{on_click, on_ticked, on_typed, requests};
use crate::credentials::Connection;
use crate::transport::failure_view;

#[derive(Properties, PartialEq)]
pub struct JobPageProps {
    pub state: UseReducerHandle<JobsState>,
    pub connection: Connection,
    /// Opens a described job's settings in the builder as a new draft.
    pub on_clone: Callback<(String, ClonedJob)>,
}

/// A job that has ended and asked for a report has one to read (Cancelled and Failed jobs may have
/// processed some objects too).
fn shows_report(job: &JobDescription) -> bool {
    let ended = job.status.as_ref().is_some_and(JobStatus::is_final);
    ended && job.report.as_ref().and_then(|r| r.enabled) == Some(true)
}

/// Complete, with tasks that failed: the case the report panel is for.
fn failed_after_complete(job: &JobDescription) -> bool {
    job.status == Some(JobStatus::Complete)
        && job
            .progress_summary
            .as_ref()
            .and_then(|p| p.number_of_tasks_failed)
            .is_some_and(|failed| failed > 0)
}

/// An ended job whose operation changed what a before-image holds (tags or ACLs).
fn can_roll_back(job: &JobDescription) -> bool {
    job.status.as_ref().is_some_and(JobStatus::is_final)
        && matches!(
            job.operation_name.as_deref(),
            Some("PutObjectTagging" | "AddObjectTagging" | "DeleteObjectTagging" | "PutObjectAcl")
        )
}

/// A button that is either enabled or disabled with its reason shown and linked.
fn action_button(
    id: &str,
    label: &str,
    why_not: Option<String>,
    onclick: Callback<MouseEvent>,
) -> Html {
    let why_id = format!("{id}-why");
    html! {
        <div class="job-action">
            <button type="button" id={id.to_string()} {onclick} disabled={why_not.is_some()}
                aria-describedby={why_not.is_some().then(|| why_id.clone())}>{ label }</button>
            if let Some(why) = why_not { <p id={why_id} class="help why-disabled">{ why }</p> }
        </div>
    }
}

fn facts(job: &JobDescription, suspended_since: Option<&str>, lang: Lang) -> Html {
    let t = texts(lang);
    let status = job
        .status
        .as_ref()
        .map(|s| s.as_str().to_string())
        .unwrap_or_default();
    let progress = job
        .progress_summary
        .as_ref()
        .map(|summary| super::format::progress(summary, lang));
    let complete_note = match (&job.status, &progress) {
        (Some(JobStatus::Complete), Some(shown)) if shown.failed > 0 => {
            Some(fill(t.complete_with_failures, &[&shown.failed]))
        }
        (Some(JobStatus::Complete), _) => Some(t.complete_note.to_string()),
        _ => None,
    };
    // From when the journal first saw it Suspended, when it knows; else the creation time.
    let seen = suspended_since.and_then(|at| {
        let ms = js_sys::Date::parse(at);
        (!ms.is_nan()).then(|| (at.to_string(), (ms / 1000.0) as i64))
    });
    let deadline =
        (job.status == Some(JobStatus::Suspended)).then(|| match (seen, job.creation_time) {
            (Some((at, since)), _) => fill(
                t.waiting_confirm_seen,
                &[
                    &CONFIRMATION_WINDOW_DAYS,
                    &at,
                    &created(since + CONFIRMATION_WINDOW_SECONDS, lang),
                ],
            ),
            (None, Some(time)) => fill(
                t.waiting_confirm_before,
                &[
                    &CONFIRMATION_WINDOW_DAYS,
                    &created(time + CONFIRMATION_WINDOW_SECONDS, lang),
                ],
            ),
            (None, None) => fill(t.waiting_confirm, &[&CONFIRMATION_WINDOW_DAYS]),
        });
    html! {
        <>
            <dl class="job-facts">
                <dt>{ t.status }</dt>
                <dd><span id="job-status" class={classes!("job-status", format!("status-{}", status.to_lowercase()))}
                    data-status={status.clone()}>{ if status.is_empty() { t.not_given.to_string() } else { status_label(&status, lang) } }</span>
                    if let Some(reason) = &job.status_update_reason { <span id="job-status-reason" class="help" translate="no">{ format!(" — {reason}") }</span> }</dd>
                <dt>{ t.priority }</dt><dd id="job-priority-value">{ job.priority.map(|p| p.to_string()).unwrap_or_default() }</dd>
                if let Some(operation) = &job.operation_name { <dt>{ t.operation }</dt><dd id="job-operation">{ operation }</dd> }
                if let Some(time) = job.creation_time { <dt>{ t.created }</dt><dd id="job-created">{ created(time, lang) }</dd> }
                if let Some(date) = job.termination_date { <dt>{ t.ended }</dt><dd id="job-ended">{ created(date, lang) }</dd> }
                if let Some(description) = &job.description { <dt>{ t.description }</dt><dd id="job-description" translate="no">{ description }</dd> }
                if let Some(required) = job.confirmation_required { <dt>{ t.confirmation_required }</dt><dd>{ if required { t.yes } else { t.no } }</dd> }
                <dt>{ t.report }</dt>
                <dd id="job-report">{
                    match (job.report.as_ref().and_then(|r| r.enabled), report_location(job)) {
                        (Some(false), _) => t.no_report.to_string(),
                        (_, Some(location)) => location,
                        (_, None) => t.not_given.to_string(),
                    }
                }</dd>
                if let Some(role) = &job.role_arn { <dt>{ t.role }</dt><dd><code>{ role }</code></dd> }
            </dl>
            if let Some(note) = deadline { <p id="job-deadline" class="notice-inline">{ note }</p> }
            if let Some(shown) = progress {
                <div class="job-progress">
                    <label for="job-progress">{ t.progress }</label>
                    // Without a total the bar is indeterminate (no value): the job is still counting.
                    if let Some(total) = shown.total {
                        <progress id="job-progress" max={total.max(shown.done).max(1).to_string()} value={shown.done.to_string()}>{ shown.text.clone() }</progress>
                    } else {
                        <progress id="job-progress">{ shown.text.clone() }</progress>
                    }
                    <p id="job-progress-text" class="help">{ shown.text }</p>
                </div>
            }
            if let Some(note) = complete_note { <p id="job-complete-note" class="notice-inline">{ note }</p> }
            <h3>{ t.failure_reasons }</h3>
            if job.failure_reasons.is_empty() {
                <p id="job-failures-none" class="help">{ t.none }</p>
            } else {
                <ul id="job-failures">
                    { for job.failure_reasons.iter().map(|f| html! {
                        <li class="job-failure" translate="no">
                            <code>{ f.failure_code.clone().unwrap_or_else(|| t.no_code.into()) }</code>
                            { format!(": {}", f.failure_reason.clone().unwrap_or_default()) }
                        </li>
                    }) }
                </ul>
            }
            if !job.other.is_empty() {
                <details><summary>{ t.other_fields }</summary>
                    <dl translate="no">{ for job.other.iter().map(|(k, v)| html! { <><dt>{ k }</dt><dd>{ v }</dd></> }) }</dl>
                </details>
            }
        </>
    }
}

#[function_component(JobPagePanel)]
pub fn job_page_panel(props: &JobPageProps) -> Html {
    let clone_error = use_state(|| None::<String>);
    let failed_tasks = use_state(|| None::<std::rc::Rc<Vec<u8>>>);
    let suspended_since = use_state(|| None::<String>);
    {
        // The journal's first sight of the job Suspended, read again when its status changes.
        let key = props
            .state
            .job
            .as_ref()
            .map(|page| (page.job_id.clone(), page.status().cloned()));
        let suspended_since = suspended_since.clone();
        use_effect_with(key, move |key| {
            if let Some((job_id, Some(JobStatus::Suspended))) = key.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let since = crate::journal::all()
                        .await
                        .into_iter()
                        .find(|e| e.job_id.as_deref() == Some(job_id.as_str()))
                        .and_then(|e| e.suspended_since().map(String::from));
                    suspended_since.set(since);
                });
            }
        });
    }
    let state = &props.state;
    let dispatch = state.dispatcher();
    let Some(page) = state.job.as_ref() else {
        return html! {};
    };
    let JobPage { job_id, .. } = page;
    let status = page.status().cloned();
    let missing = props.connection.missing();
    let lang = use_lang();
    let t = texts(lang);
    let reason = (!page.reason.is_empty()).then(|| page.reason.clone());
    let reason_issue =
        validate_update_job_status(job_id, None, &JobStatus::Ready, reason.as_deref())
            .into_iter()
            .find(|i| i.path == "statusUpdateReason")
            .map(|i| i.message_in(lang));

    // What stops any change now, in the order a user would fix things.
    let not_ready: Option<String> = if let Some(missing) = missing {
        Some(missing(t).to_string())
    } else if page.updating {
        Some(t.waiting_answer.into())
    } else if status.is_none() {
        Some(t.load_status_first.into())
    } else {
        None
    };
    let status_refusal = |requested: &JobStatus| -> Option<String> {
        not_ready
            .clone()
            .or_else(|| {
                let current = status.as_ref()?;
                current
                    .transition_refusal_in(requested, lang)
                    .map(|why| fill(t.the_job_is, &[&status_label(current.as_str(), lang), &why]))
            })
            .or_else(|| {
                reason_issue
                    .clone()
                    .map(|m| fill(t.fix_reason_first, &[&m]))
            })
    };
    let priority_number = page.priority.trim().parse::<i64>();
    let priority_issue = match &priority_number {
        Ok(priority) => validate_update_job_priority(job_id, *priority)
            .into_iter()
            .next()
            .map(|i| i.message_in(lang)),
        Err(_) => Some(fill(
            t.priority_whole_number,
            &[&PRIORITY_MIN, &PRIORITY_MAX],
        )),
    };
    let priority_refusal = not_ready
        .clone()
        .or_else(|| {
            let current = status.as_ref().filter(|s| s.is_final())?;
            Some(fill(
                t.finished_priority,
                &[&status_label(current.as_str(), lang)],
            ))
        })
        .or_else(|| {
            priority_issue
                .clone()
                .map(|m| fill(t.fix_priority_first, &[&m]))
        });

    let on_status = |requested: JobStatus| {
        let (connection, dispatch, job_id, reason) = (
            props.connection.clone(),
            dispatch.clone(),
            job_id.clone(),
            reason.clone(),
        );
        Callback::from(move |_| {
            requests::update_job_status(
                connection.clone(),
                job_id.clone(),
                requested.clone(),
                reason.clone(),
                dispatch.clone(),
            )
        })
    };
    let on_priority = {
        let (connection, dispatch, job_id) =
            (props.connection.clone(), dispatch.clone(), job_id.clone());
        let priority = priority_number.clone().unwrap_or_default();
        Callback::from(move |_| {
            requests::update_job_priority(
                connection.clone(),
                job_id.clone(),
                priority,
                dispatch.clone(),
            )
        })
    };
    let on_reason = on_typed(&dispatch, JobsAction::SetReason);
    let on_priority_input = on_typed(&dispatch, JobsAction::SetPriority);
    let on_polling = on_ticked(&dispatch, JobsAction::SetPolling);
    let send = |action: fn() -> JobsAction| on_click(&dispatch, action);
    let on_clone = {
        let (on_clone, clone_error) = (props.on_clone.clone(), clone_error.clone());
        let described = page.described.clone();
        let job_id = job_id.clone();
        Callback::from(move |_| {
            let Some((_, body)) = &described else { return };
            match clone_described_job(200, body, &crate::sections::job::new_token()) {
                Ok(cloned) => {
                    clone_error.set(None);
                    on_clone.emit((job_id.clone(), cloned));
                }
                Err(error) => clone_error.set(Some(error.to_string())),
            }
        })
    };

    let report_panel = match page.described.as_ref().filter(|(d, _)| shows_report(d)) {
        Some((description, body)) => html! {
            <super::report::ReportPanel connection={props.connection.clone()} job={description.clone()}
                described={body.clone()} on_clone={props.on_clone.clone()}
                on_failed={{ let f = failed_tasks.clone(); Callback::from(move |r| f.set(Some(r))) }} />
        },
        None => html! {},
    };
    let rollback_panel = match page.described.as_ref().filter(|(d, _)| can_roll_back(d)) {
        Some(_) => html! {
            <super::rollback::RollbackPanel connection={props.connection.clone()} job_id={job_id.clone()}
                failed={(*failed_tasks).clone()} on_clone={props.on_clone.clone()}
                saved={state.rollback.clone()}
                on_keep={{ let d = dispatch.clone(); Callback::from(move |saved| d.dispatch(JobsAction::KeepRollback(saved))) }} />
        },
        None => html! {},
    };
    let report_first = page
        .described
        .as_ref()
        .is_some_and(|(d, _)| shows_report(d) && failed_after_complete(d));

    html! {
        <section class="section job-page" aria-labelledby="job-heading">
            <button type="button" id="jobs-back" class="link" onclick={send(|| JobsAction::Close)}>{ t.all_jobs }</button>
            <h2 id="job-heading">{ t.job_heading }<code id="job-page-id">{ job_id }</code></h2>
            if page.loading { <p id="job-loading" class="help" role="status">{ t.loading }</p> }
            if let Some(failure) = &page.failure {
                <div id="job-error" class="error" role="alert">{ failure_view(failure, t.the_request, "job", lang) }</div>
            }
            // A Complete job with failed tasks shows its report first: "Complete" hides the failures.
            if report_first { { report_panel.clone() } }
            if let Some((description, _)) = &page.described { { facts(description, suspended_since.as_deref(), lang) } }
            if !report_first { { report_panel } }
            { rollback_panel }
            <div class="job-refresh">
                <button type="button" id="job-refresh" onclick={send(|| JobsAction::Refresh)}
                    disabled={page.loading || missing.is_some()}>{ t.refresh }</button>
                <span class="field checkbox inline">
                    <input type="checkbox" id="job-polling" checked={state.polling} onchange={on_polling} />
                    <label for="job-polling">{ t.refresh_automatically }</label>
                </span>
                if state.polling {
                    <span id="job-polling-interval" class="help">{ fill(t.polling_interval, &[&(state.poll_delay_ms / 1000), &(super::state::POLL_MAX_MS / 1000)]) }</span>
                }
                if let Some(note) = &state.polling_note { <span id="job-polling-note" class="help" role="status">{ note.get(lang).to_string() }</span> }
            </div>
            <h3>{ t.change_the_job }</h3>
            <div class="field">
                <label for="job-reason">{ fill(t.reason_label, &[&REASON_MIN, &REASON_MAX]) }</label>
                <input id="job-reason" name="statusUpdateReason" type="text" value={page.reason.clone()} oninput={on_reason}
                    aria-invalid={reason_issue.is_some().then_some("true")}
                    aria-describedby={reason_issue.is_some().then_some("job-reason-issue")} />
                if let Some(message) = &reason_issue { <p id="job-reason-issue" class="issue error">{ message }</p> }
            </div>
            <div class="job-actions">
                { action_button("job-confirm", t.confirm_run, status_refusal(&JobStatus::Ready), on_status(JobStatus::Ready)) }
                { action_button("job-cancel", t.cancel_job, status_refusal(&JobStatus::Cancelled), on_status(JobStatus::Cancelled)) }
            </div>
            <div class="field">
                <label for="job-priority">{ fill(t.priority_label, &[&PRIORITY_MIN, &PRIORITY_MAX]) }</label>
                <input id="job-priority" name="targetPriority" type="number" min={PRIORITY_MIN.to_string()} max={PRIORITY_MAX.to_string()} inputmode="numeric"
                    value={page.priority.clone()} oninput={on_priority_input}
                    aria-invalid={priority_issue.is_some().then_some("true")}
                    aria-describedby={priority_issue.is_some().then_some("job-priority-issue")} />
                if let Some(message) = &priority_issue { <p id="job-priority-issue" class="issue error">{ message }</p> }
            </div>
            <div class="job-actions">
                { action_button("job-set-priority", t.change_priority, priority_refusal, on_priority) }
            </div>
            if page.updating { <p class="help" role="status">{ t.sending }</p> }
            { match &page.update {
                Some(Ok(message)) => html! { <p id="job-update-result" class="ok" role="status">{ message.get(lang).to_string() }</p> },
                Some(Err(failure)) => html! { <div id="job-update-error" class="error" role="alert">{ failure_view(failure, t.the_change, "job-update", lang) }</div> },
                None => html! {},
            } }
            <h3>{ t.reuse }</h3>
            <button type="button" id="job-clone" onclick={on_clone} disabled={page.described.is_none()}>{ t.clone_into_builder }</button>
            if let Some(message) = &*clone_error { <p id="job-clone-error" class="error" role="alert">{ message }</p> }
        </section>
    }
}
