//! The job list: status filters, page size, the table and its paging.

use crate::i18n::{fill, status_label, texts, use_lang};
use ossbatch_core::api::jobs::{validate_list_jobs, JobListDescriptor, JobStatus};
use ossbatch_core::limits::{MAX_KEYS_MAX, MAX_KEYS_MIN};
use ossbatch_core::Lang;
use yew::prelude::*;

use super::format::{created, progress_text};
use super::state::{JobsAction, JobsState, Loadable};
use super::{on_click, on_ticked, on_typed};
use crate::transport::failure_view;

#[derive(Properties, PartialEq)]
pub struct JobListProps {
    pub state: UseReducerHandle<JobsState>,
    /// Why nothing can be loaded yet (no credentials), if so.
    pub blocked: Option<&'static str>,
}

/// One job's row; `extra` is a last cell (the journal's "Open the draft").
pub(super) fn row(
    job: &JobListDescriptor,
    dispatch: &UseReducerDispatcher<JobsState>,
    lang: Lang,
    extra: Html,
) -> Html {
    let t = texts(lang);
    let on_open = {
        let (dispatch, id) = (dispatch.clone(), job.job_id.clone());
        Callback::from(move |_| dispatch.dispatch(JobsAction::Open(id.clone())))
    };
    let status = job
        .status
        .as_ref()
        .map(|s| s.as_str().to_string())
        .unwrap_or_default();
    html! {
        <tr class="job-row" data-job-id={job.job_id.clone()} data-status={status.clone()}>
            // A journal entry whose CreateJob never answered has no job to open.
            if job.job_id.is_empty() {
                <td class="no-job-id">{ "—" }</td>
            } else {
                <td><button type="button" class="open-job link" onclick={on_open}
                    aria-label={fill(t.open_job_n, &[&job.job_id])}><code>{ &job.job_id }</code></button></td>
            }
            <td class={classes!("job-status", format!("status-{}", status.to_lowercase()))}>{ status_label(&status, lang) }</td>
            <td>{ job.operation.clone().unwrap_or_default() }</td>
            <td>{ job.priority.map(|p| p.to_string()).unwrap_or_default() }</td>
            <td>{ job.creation_time.map(|time| created(time, lang)).unwrap_or_default() }</td>
            <td>{ job.progress_summary.as_ref().map(|p| progress_text(p, lang)).unwrap_or_default() }</td>
            <td class="job-description" translate="no">{ job.description.clone().unwrap_or_default() }</td>
            { extra }
        </tr>
    }
}

#[function_component(JobList)]
pub fn job_list(props: &JobListProps) -> Html {
    let state = &props.state;
    let dispatch = state.dispatcher();
    let lang = use_lang();
    let t = texts(lang);
    let input = state.input_for(None);
    let page_size_valid = state.page_size.trim().parse::<u32>().is_ok();
    let issues = validate_list_jobs(&input);
    // A page size that is not a whole number never reaches the core's max-keys check.
    let page_size_issue = if page_size_valid {
        issues
            .iter()
            .find(|i| i.path == "max-keys")
            .map(|i| i.message_in(lang))
    } else {
        Some(fill(t.page_size_rule, &[&MAX_KEYS_MIN, &MAX_KEYS_MAX]))
    };
    let loading = state.list == Loadable::Loading;
    let load_blocked = props
        .blocked
        .or_else(|| (!page_size_valid || !issues.is_empty()).then_some(t.fix_page_size));

    let status_box = |status: &'static str| {
        let onchange = on_ticked(&dispatch, move |on| {
            JobsAction::ToggleStatus(status.to_string(), on)
        });
        let id = format!("jobs-status-{}", status.to_lowercase());
        html! {
            <span class="field checkbox inline">
                <input type="checkbox" id={id.clone()} name="batchJobStatuses" value={status}
                    checked={state.statuses.contains(status)} {onchange} />
                <label for={id}>{ status_label(status, lang) }</label>
            </span>
        }
    };
    let on_page_size = on_typed(&dispatch, JobsAction::SetPageSize);
    let send = |action: fn() -> JobsAction| on_click(&dispatch, action);

    let (table, next_token) = match &state.list {
        Loadable::Idle => (html! { <p class="help">{ t.choose_filters }</p> }, None),
        Loadable::Loading => (
            html! { <p id="jobs-loading" class="help" role="status">{ t.loading_jobs }</p> },
            None,
        ),
        Loadable::Failed(failure) => (
            html! { <div id="jobs-error" class="error" role="alert">{ failure_view(failure, t.the_list, "jobs", lang) }</div> },
            None,
        ),
        Loadable::Loaded(list) if list.jobs.is_empty() => (
            html! { <p id="jobs-empty" class="help" role="status">{ t.no_jobs }</p> },
            list.next_token.clone(),
        ),
        Loadable::Loaded(list) => (
            html! {
                <div class="table-scroll">
                    <table id="jobs-table">
                        <caption class="visually-hidden">{ t.jobs }</caption>
                        <thead><tr>
                            <th scope="col">{ t.job_id }</th><th scope="col">{ t.status }</th>
                            <th scope="col">{ t.operation }</th><th scope="col">{ t.priority }</th>
                            <th scope="col">{ t.created }</th><th scope="col">{ t.progress }</th>
                            <th scope="col">{ t.description }</th>
                        </tr></thead>
                        <tbody>{ for list.jobs.iter().map(|job| row(job, &dispatch, lang, html! {})) }</tbody>
                    </table>
                </div>
            },
            list.next_token.clone(),
        ),
    };
    let page_number = state.previous_tokens.len() + 1;

    html! {
        <section class="section jobs-list" aria-labelledby="jobs-list-heading">
            <h2 id="jobs-list-heading">{ t.jobs }</h2>
            <fieldset class="status-filters">
                <legend>{ t.statuses_filter }</legend>
                { for JobStatus::values().iter().map(|s| status_box(s)) }
            </fieldset>
            <div class="field">
                <label for="jobs-page-size">{ fill(t.page_size, &[&MAX_KEYS_MIN, &MAX_KEYS_MAX]) }</label>
                <input id="jobs-page-size" name="max-keys" type="number" min="1" max="1000" inputmode="numeric"
                    value={state.page_size.clone()} oninput={on_page_size}
                    aria-invalid={page_size_issue.is_some().then_some("true")}
                    aria-describedby={page_size_issue.is_some().then_some("jobs-page-size-issue")} />
                if let Some(message) = page_size_issue {
                    <p id="jobs-page-size-issue" class="issue error">{ message }</p>
                }
            </div>
            <div class="job-actions">
                <button type="button" id="jobs-load" onclick={send(|| JobsAction::ListFirst)}
                    disabled={load_blocked.is_some() || loading}
                    aria-describedby={load_blocked.is_some().then_some("jobs-load-why")}>{ t.load_jobs }</button>
            </div>
            if let Some(why) = load_blocked { <p id="jobs-load-why" class="help">{ why }</p> }
            { table }
            <nav class="paging" aria-label={t.pages}>
                <button type="button" id="jobs-previous" onclick={send(|| JobsAction::ListPrevious)}
                    disabled={state.previous_tokens.is_empty() || loading}>{ t.previous_page }</button>
                <span id="jobs-page" class="help">{ fill(t.page_n, &[&page_number]) }</span>
                <button type="button" id="jobs-next" onclick={send(|| JobsAction::ListNext)}
                    disabled={next_token.is_none() || loading}>{ t.next_page }</button>
            </nav>
        </section>
    }
}
