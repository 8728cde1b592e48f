//! The builder's root component: the form on one side, issues and the live request on the other.

use ossbatch_core::{to_json, validate_with, CreateJobRequest, ValidateOptions};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::fields::Part;
use crate::import::ImportPanel;
use crate::issues::IssueList;
use crate::preview::Preview;
use crate::sections::job::JobSection;
use crate::sections::manifest::ManifestSection;
use crate::sections::operation::OperationSection;
use crate::sections::report::ReportSection;
use crate::state::BuilderState;
use crate::storage;
use crate::submit::SubmitPanel;

/// A host page's change listener (embedding); identity does not matter for re-rendering.
#[derive(Clone)]
pub struct HostCallback(pub js_sys::Function);

impl PartialEq for HostCallback {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub initial: CreateJobRequest,
    pub region: String,
    /// Autosave to localStorage (the standalone page); embedded builders leave storage to the host.
    pub persist: bool,
    #[prop_or_default]
    pub on_change: Option<HostCallback>,
    /// Shown once at the top, e.g. when a share link could not be read.
    #[prop_or_default]
    pub notice: Option<String>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| BuilderState::new(props.initial.clone(), props.region.clone()));
    let issues = {
        let request = state.request.clone();
        let region = state.region.trim().to_string();
        use_memo((request, region), |(request, region)| {
            let options = ValidateOptions {
                region: (!region.is_empty()).then(|| region.clone()),
            };
            validate_with(request, &options)
        })
    };
    // Autosave: debounced so typing does not write localStorage on every keystroke, and flushed when
    // the page is hidden or unloaded so a reload never loses the last edit.
    let autosave = use_mut_ref(|| storage::Autosave::new(props.persist));
    {
        let on_change = props.on_change.clone();
        let autosave = autosave.clone();
        use_effect_with(
            (state.request.clone(), state.region.clone()),
            move |(request, region)| {
                storage::Autosave::schedule(&autosave, request.clone(), region.clone());
                if let Some(HostCallback(function)) = on_change {
                    if let Ok(value) = js_sys::JSON::parse(&to_json(request, false)) {
                        let _ = function.call1(&JsValue::NULL, &value);
                    }
                }
            },
        );
    }
    let share = use_state(String::new);
    let on_share = {
        let (share, request) = (share.clone(), state.request.clone());
        Callback::from(move |_| {
            let link = format!(
                "{}{}",
                storage::page_address(),
                storage::share_fragment(&request)
            );
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&link);
            }
            share.set(link);
        })
    };
    let prevent_submit = Callback::from(|e: SubmitEvent| e.prevent_default());
    html! {
        <div class="builder-app">
            <header class="app-header">
                <h1>{ "ossbatch" }</h1>
                <p>{ "Build and check Alibaba Cloud OSS Batch Operations jobs (CreateJob)." }</p>
            </header>
            if let Some(notice) = &props.notice { <p class="notice" role="alert">{ notice }</p> }
            <div class="layout">
                <form class="form" onsubmit={prevent_submit} aria-label="Job">
                    <ImportPanel dispatch={state.dispatcher()} />
                    <OperationSection state={state.clone()} issues={issues.clone()} part={Part::Operation} />
                    <ManifestSection state={state.clone()} issues={issues.clone()} part={Part::Objects} />
                    <ReportSection state={state.clone()} issues={issues.clone()} part={Part::Report} />
                    <JobSection state={state.clone()} issues={issues.clone()} part={Part::Job} />
                </form>
                <aside class="side">
                    <IssueList issues={issues.clone()} />
                    <SubmitPanel request={state.request.clone()} region={state.region.clone()} issues={issues.clone()} dispatch={state.dispatcher()} />
                    <Preview request={state.request.clone()} />
                    <section class="share" aria-labelledby="share-heading">
                        <h2 id="share-heading">{ "Share" }</h2>
                        <p class="help">{ "The link holds this job (never credentials) in its #fragment, which browsers do not send to servers." }</p>
                        <button type="button" id="share-button" onclick={on_share}>{ "Copy share link" }</button>
                        if !share.is_empty() {
                            <label for="share-link">{ "Share link" }</label>
                            <input id="share-link" type="text" readonly=true value={(*share).clone()} />
                        }
                    </section>
                </aside>
            </div>
        </div>
    }
}
