//! The Jobs view: list jobs, open one, confirm, cancel, re-prioritize, watch it, clone it.
//! Its state lives in the App so the submit panel can open a job it just created.

mod format;
mod journal_view;
mod list;
mod page;
mod report;
mod requests;
mod rollback;
pub mod state;

use crate::i18n::use_texts;
use gloo_timers::callback::Timeout;
use ossbatch_core::api::jobs::ClonedJob;
use yew::prelude::*;

use crate::credentials::{Connection, CredentialFields, CredentialForm};
use crate::host::HostContext;
use crate::region::RegionPicker;
use list::JobList;
use page::JobPagePanel;
use state::{JobsAction, JobsState, Loadable};

/// A button's click handler that dispatches `action()`.
fn on_click(
    dispatch: &UseReducerDispatcher<JobsState>,
    action: fn() -> JobsAction,
) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_| dispatch.dispatch(action()))
}

/// A callback that sends what the user types as `action(text)`.
fn on_typed(
    dispatch: &UseReducerDispatcher<JobsState>,
    action: fn(String) -> JobsAction,
) -> Callback<InputEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: InputEvent| dispatch.dispatch(action(crate::fields::typed_text(&e))))
}

/// A callback that sends a checkbox's state as `action(ticked)`.
fn on_ticked(
    dispatch: &UseReducerDispatcher<JobsState>,
    action: impl Fn(bool) -> JobsAction + 'static,
) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| dispatch.dispatch(action(crate::fields::ticked(&e))))
}

#[derive(Properties, PartialEq)]
pub struct JobsViewProps {
    pub state: UseReducerHandle<JobsState>,
    pub credentials: UseStateHandle<CredentialForm>,
    pub region: AttrValue,
    pub on_region: Callback<String>,
    pub on_clone: Callback<(String, ClonedJob)>,
}

#[function_component(JobsView)]
pub fn jobs_view(props: &JobsViewProps) -> Html {
    let state = &props.state;
    let host = use_context::<HostContext>().expect("the App provides its host");
    let connection = Connection {
        form: (*props.credentials).clone(),
        region: props.region.trim().to_string(),
        host,
    };
    // Requests start here, when an action has asked for one (the nonce moved).
    {
        let (connection, state) = (connection.clone(), state.clone());
        use_effect_with(state.list_nonce, move |nonce| {
            if state.list == Loadable::Loading {
                requests::list_jobs(
                    connection,
                    state.list_input.clone(),
                    *nonce,
                    state.dispatcher(),
                );
            }
        });
    }
    {
        let (connection, state) = (connection.clone(), state.clone());
        use_effect_with(state.job_nonce, move |nonce| {
            if let Some(job) = state.job.as_ref().filter(|job| job.loading) {
                requests::describe_job(connection, job.job_id.clone(), *nonce, state.dispatcher());
            }
        });
    }
    // Polling: after each answer, wait (backing off while nothing changes), then refresh.
    {
        let waiting = state.job.as_ref().filter(|job| !job.loading);
        let key = (
            state.polling && waiting.is_some(),
            waiting.map(|job| job.loads),
            state.poll_delay_ms,
        );
        let dispatch = state.dispatcher();
        use_effect_with(key, move |(polling, _, delay)| {
            let timer = polling
                .then(|| Timeout::new(*delay, move || dispatch.dispatch(JobsAction::Refresh)));
            move || drop(timer)
        });
    }
    let missing = connection.missing();
    let t = use_texts();
    html! {
        <div class="jobs-view">
            <section class="section connection" aria-labelledby="connection-heading">
                <h2 id="connection-heading">{ t.account }</h2>
                <p class="help">{ t.account_help }</p>
                <div class="field">
                    <label for="jobs-region">{ t.region }</label>
                    <RegionPicker id="jobs-region" value={props.region.clone()} on_change={props.on_region.clone()} />
                </div>
                <CredentialFields form={props.credentials.clone()} id_prefix="jobs" />
            </section>
            if state.job.is_some() {
                <JobPagePanel state={state.clone()} connection={connection.clone()} on_clone={props.on_clone.clone()} />
            } else {
                <JobList state={state.clone()} blocked={missing.map(|why| why(t))} />
                <journal_view::JournalList state={state.clone()} on_clone={props.on_clone.clone()} />
                <section class="section open-by-id" aria-labelledby="open-by-id-heading">
                    <h2 id="open-by-id-heading">{ t.open_by_id }</h2>
                    <OpenById dispatch={state.dispatcher()} />
                </section>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OpenByIdProps {
    dispatch: UseReducerDispatcher<JobsState>,
}

#[function_component(OpenById)]
fn open_by_id(props: &OpenByIdProps) -> Html {
    let text = use_state(String::new);
    let on_input = crate::fields::keep_typed(&text);
    let on_open = {
        let (text, dispatch) = (text.clone(), props.dispatch.clone());
        Callback::from(move |_| {
            if !text.trim().is_empty() {
                dispatch.dispatch(JobsAction::Open(text.trim().to_string()));
            }
        })
    };
    let t = use_texts();
    html! {
        <div class="token">
            <div class="field">
                <label for="open-job-id">{ t.job_id }</label>
                <input id="open-job-id" name="batchJobId" type="text" spellcheck="false" value={(*text).clone()} oninput={on_input} />
            </div>
            <button type="button" id="open-job-button" onclick={on_open} disabled={text.trim().is_empty()}>{ t.open }</button>
        </div>
    }
}
