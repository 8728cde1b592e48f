//! The builder's root component: the form on one side, issues and the live request on the other.

use std::rc::Rc;

use ossbatch_core::CreateJobRequest;
use yew::prelude::*;

use ossbatch_core::api::jobs::ClonedJob;

use crate::credentials;
use crate::fields::Part;
use crate::host::{Command, HostContext, Tabs};
use crate::i18n::{self, Bilingual};
use crate::import::ImportPanel;
use crate::issues::IssueList;
use crate::jobs::state::{JobsAction, JobsState, Loadable};
use crate::jobs::JobsView;
use crate::plan::PlanPanel;
use crate::preview::Preview;
use crate::role::RolePanel;
use crate::sections::job::{JobSection, RegionSection};
use crate::sections::manifest::ManifestSection;
use crate::sections::operation::OperationSection;
use crate::sections::report::ReportSection;
use crate::state::{Action, BuilderState};
use crate::storage;
use crate::submit::SubmitPanel;
use ossbatch_core::Lang;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub initial: CreateJobRequest,
    pub region: String,
    /// The page that mounted the builder: its options, callbacks and the handle's commands.
    pub host: HostContext,
    /// Shown once at the top, e.g. when a share link could not be read.
    #[prop_or_default]
    pub notice: Option<Bilingual>,
    /// The initial job came from a share link or the host: show all its issues at once.
    #[prop_or_default]
    pub reveal: bool,
    /// The language a host page asks for; otherwise the remembered choice or the browser's.
    #[prop_or_default]
    pub lang: Option<Lang>,
}

/// The two views: building a job, and managing the jobs the account has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Builder,
    Jobs,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    // The interface language: the browser's until the user picks one (remembered). The standalone
    // page sets <html lang>; an embedded builder marks only its own root, never the host's page.
    let host = props.host.clone();
    let lang = use_state(|| {
        props.lang.unwrap_or_else(|| {
            i18n::initial_lang(host.persist.then(crate::storage::load_lang).flatten())
        })
    });
    {
        let host = host.clone();
        use_effect_with(*lang, move |lang| {
            host.bridge.borrow_mut().lang = Some(*lang);
            if host.standalone {
                i18n::apply_to_document(*lang)
            }
        });
    }
    let choose_lang = |chosen: Lang| {
        let (lang, persist) = (lang.clone(), host.persist);
        Callback::from(move |_: MouseEvent| {
            if persist {
                storage::save_lang(chosen);
            }
            lang.set(chosen);
        })
    };
    let t = i18n::texts(*lang);
    let state = use_reducer(|| {
        let mut state = BuilderState::new(props.initial.clone(), props.region.clone());
        state.reveal = props.reveal;
        state
    });
    let issues = {
        let request = state.request.clone();
        let region = state.region.trim().to_string();
        use_memo((request, region), |(request, region)| {
            crate::host::validate_in(request, region)
        })
    };
    let view = use_state(|| {
        if host.tabs.has_builder() {
            View::Builder
        } else {
            View::Jobs
        }
    });
    // The handle's commands (setRequest, setLang, setRegion, focusIssue) arrive here.
    {
        let (host, dispatch, lang, view) =
            (host.clone(), state.dispatcher(), lang.clone(), view.clone());
        use_effect_with((), move |_| {
            let handler = {
                let host = host.clone();
                Callback::from(move |command: Command| match command {
                    Command::SetRequest(request) => {
                        host.bridge.borrow_mut().set_by_host = Some(*request.clone());
                        dispatch.dispatch(Action::Replace(request));
                    }
                    Command::SetLang(chosen) => lang.set(chosen),
                    Command::SetRegion(region) => {
                        let request = host.bridge.borrow().request.clone();
                        host.bridge.borrow_mut().set_by_host = Some(request);
                        dispatch.dispatch(Action::SetRegion(region));
                    }
                    Command::FocusIssue(path) => {
                        if host.tabs.has_builder() {
                            view.set(View::Builder);
                            // After the builder view is shown again.
                            let root = host.root.clone();
                            gloo_timers::callback::Timeout::new(0, move || {
                                crate::issues::focus_path(&root, &path)
                            })
                            .forget();
                        }
                    }
                })
            };
            host.connect(handler);
            move || host.disconnect()
        });
    }
    // Autosave: debounced so typing does not write localStorage on every keystroke, and flushed when
    // the page is hidden or unloaded so a reload never loses the last edit.
    let autosave = use_mut_ref(|| storage::Autosave::new(host.persist));
    // The host hears the user's changes, not the request it mounted with or set itself.
    let first = use_mut_ref(|| true);
    {
        let (host, autosave, lang, issues) =
            (host.clone(), autosave.clone(), *lang, issues.clone());
        use_effect_with(
            (state.request.clone(), state.region.clone()),
            move |(request, region)| {
                storage::Autosave::schedule(&autosave, request.clone(), region.clone());
                let tell = !std::mem::replace(&mut *first.borrow_mut(), false);
                // The memo's issues are this request's: validation runs once per change.
                host.changed(request, region, &issues, lang, tell);
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
    // Calm validation (issue #14): a field shows its issues once the user leaves it, or after a
    // submit attempt or an import; the issue list always has them all.
    let field_issues = Rc::new(state.shown_issues(&issues));
    let on_focus_out = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: FocusEvent| {
            let name = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .and_then(|el| el.get_attribute("name"));
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                dispatch.dispatch(Action::Touch(name));
            }
        })
    };
    // Buckets named by a manifest checked in the page: the Role panel's target objects.
    let manifest_buckets = use_state(|| None::<Vec<String>>);
    let on_manifest_buckets = {
        let manifest_buckets = manifest_buckets.clone();
        Callback::from(move |buckets: Option<Vec<String>>| manifest_buckets.set(buckets))
    };

    // Shared by the submit panel and the Jobs view; in memory unless the user asks to remember them.
    let credentials = use_state(credentials::remembered);
    let jobs = use_reducer(JobsState::default);
    let notice = use_state(|| props.notice.clone());
    let show = |target: View| {
        let (view, jobs, credentials, region, host) = (
            view.clone(),
            jobs.clone(),
            credentials.clone(),
            state.region.clone(),
            host.clone(),
        );
        Callback::from(move |_: ()| {
            // The first visit to the Jobs view loads the list when it can.
            let ready = credentials::Connection {
                form: (*credentials).clone(),
                region: region.clone(),
                host: host.clone(),
            }
            .missing()
            .is_none();
            if target == View::Jobs && jobs.job.is_none() && jobs.list == Loadable::Idle && ready {
                jobs.dispatch(JobsAction::ListFirst);
            }
            view.set(target);
        })
    };
    {
        // A Jobs-only widget opens on the list.
        let open_jobs = (!host.tabs.has_builder()).then(|| show(View::Jobs));
        use_effect_with((), move |_| {
            if let Some(open) = open_jobs {
                open.emit(());
            }
        });
    }
    let on_open_job = {
        let (view, jobs) = (view.clone(), jobs.clone());
        Callback::from(move |job_id: String| {
            jobs.dispatch(JobsAction::Open(job_id));
            view.set(View::Jobs);
        })
    };
    let on_clone = {
        let (view, dispatch, notice) = (view.clone(), state.dispatcher(), notice.clone());
        Callback::from(move |(job_id, cloned): (String, ClonedJob)| {
            let mut message = Bilingual::fill(|t| t.cloned_notice, &[&job_id]);
            if !cloned.left_out.is_empty() {
                let left_out =
                    Bilingual::fill(|t| t.cloned_left_out, &[&cloned.left_out.join("; ")]);
                message.en.push_str(&left_out.en);
                message.zh.push_str(&left_out.zh);
            }
            dispatch.dispatch(Action::Replace(Box::new(cloned.request)));
            notice.set(Some(message));
            view.set(View::Builder);
        })
    };
    let on_dismiss = {
        let notice = notice.clone();
        Callback::from(move |_| notice.set(None))
    };
    let on_region = {
        let dispatch = state.dispatcher();
        Callback::from(move |region: String| dispatch.dispatch(Action::SetRegion(region)))
    };
    let tab = |target: View, id: &'static str, label: &'static str| {
        let selected = *view == target;
        html! {
            <button type="button" role="tab" id={id} aria-selected={selected.to_string()}
                aria-controls={selected.then_some(if target == View::Builder { "builder-view" } else { "jobs-view" })}
                class={classes!("view-tab", selected.then_some("selected"))} onclick={show(target).reform(|_| ())}>{ label }</button>
        }
    };
    let tabbed = host.tabs == Tabs::Both;
    // In-page links: the targets are in the widget's shadow root, where the document's fragment
    // navigation cannot find them (and the page's URL is the host's).
    let jump = |target: &'static str| {
        let root = host.root.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Ok(Some(element)) = root.query_selector(&format!("#{target}")) {
                crate::issues::show(element);
            }
        })
    };
    html! {
        <ContextProvider<HostContext> context={host.clone()}>
        <ContextProvider<Lang> context={*lang}>
        <div class="builder-app" lang={lang.as_str()}>
            <header class="app-header">
                <h1>{ "ossbatch" }</h1>
                <p>{ t.app_tagline }</p>
                // Each language names itself, so it can be found whichever is showing.
                <div class="lang-switch" id="lang-switch" role="group" aria-label={t.language}>
                    { for Lang::ALL.iter().map(|&choice| html! {
                        <button type="button" id={format!("lang-{}", choice.as_str())} lang={choice.as_str()}
                            aria-pressed={(*lang == choice).to_string()} onclick={choose_lang(choice)}>
                            { if choice == Lang::En { "English" } else { "中文" } }
                        </button>
                    }) }
                </div>
                if tabbed {
                    <nav class="view-tabs" role="tablist" aria-label={t.views}>
                        { tab(View::Builder, "tab-builder", t.tab_builder) }
                        { tab(View::Jobs, "tab-jobs", t.tab_jobs) }
                    </nav>
                }
            </header>
            if let Some(text) = &*notice {
                <div class="notice" role="alert">
                    <p id="notice">{ text.get(*lang).to_string() }</p>
                    <button type="button" id="notice-dismiss" class="link" onclick={on_dismiss}>{ t.dismiss }</button>
                </div>
            }
            // The Jobs view is mounted only while shown (its state lives here), so the page never holds
            // two sets of credential fields; the builder stays mounted to keep the submit panel's answer.
            if *view == View::Jobs {
                <div id="jobs-view" role={tabbed.then_some("tabpanel")} aria-labelledby={tabbed.then_some("tab-jobs")} class="jobs-panel">
                    <JobsView state={jobs.clone()} credentials={credentials.clone()} region={state.region.clone()}
                        on_region={on_region} on_clone={on_clone} />
                </div>
            }
            if host.tabs.has_builder() && host.read_only {
            // A review screen: the request and its issues, nothing to edit or send.
            <div id="builder-view" role={tabbed.then_some("tabpanel")} aria-labelledby={tabbed.then_some("tab-builder")} hidden={*view != View::Builder} class="layout review">
                <aside class="side">
                    <Preview request={state.request.clone()} region={state.region.clone()} />
                    <IssueList issues={issues.clone()} open=true />
                </aside>
            </div>
            } else if host.tabs.has_builder() {
            <div id="builder-view" role={tabbed.then_some("tabpanel")} aria-labelledby={tabbed.then_some("tab-builder")} hidden={*view != View::Builder} class="layout">
                // On phones the preview is below the form: a bar jumps there and back (issue #14).
                <a class="jump-bar" id="jump-to-preview" href="#preview" onclick={jump("preview")}>{ t.jump_to_preview }</a>
                <form class="form" id="job-form" onsubmit={prevent_submit} onfocusout={on_focus_out} aria-label={t.job_form}>
                    <RegionSection state={state.clone()} issues={field_issues.clone()} part={Part::Job} lang={*lang} />
                    <ImportPanel dispatch={state.dispatcher()} />
                    <OperationSection state={state.clone()} issues={field_issues.clone()} part={Part::Operation} lang={*lang} />
                    <ManifestSection state={state.clone()} issues={field_issues.clone()} part={Part::Objects} lang={*lang}
                        on_manifest_buckets={on_manifest_buckets} />
                    <ReportSection state={state.clone()} issues={field_issues.clone()} part={Part::Report} lang={*lang} />
                    <JobSection state={state.clone()} issues={field_issues.clone()} part={Part::Job} lang={*lang} />
                </form>
                <aside class="side">
                    // The preview first: the reason to use the builder, in view while editing (issue #14).
                    <Preview request={state.request.clone()} region={state.region.clone()} />
                    <IssueList issues={issues.clone()} open={state.reveal} />
                    <PlanPanel request={state.request.clone()} region={state.region.clone()} credentials={credentials.clone()} dispatch={state.dispatcher()} />
                    <SubmitPanel request={state.request.clone()} region={state.region.clone()} issues={issues.clone()} dispatch={state.dispatcher()}
                        credentials={credentials.clone()} on_open_job={on_open_job} />
                    <RolePanel request={state.request.clone()} manifest_buckets={(*manifest_buckets).clone()} />
                    // A share link opens the standalone page; an embedding host has its own address.
                    if host.standalone {
                    <section class="share" aria-labelledby="share-heading">
                        <h2 id="share-heading">{ t.share }</h2>
                        <p class="help">{ t.share_help }</p>
                        <button type="button" id="share-button" onclick={on_share}>{ t.copy_share_link }</button>
                        if !share.is_empty() {
                            <label for="share-link">{ t.share_link }</label>
                            <input id="share-link" type="text" readonly=true value={(*share).clone()} />
                        }
                    </section>
                    }
                    <a class="jump-bar back" href="#job-form" onclick={jump("job-form")}>{ t.jump_to_form }</a>
                </aside>
            </div>
            }
        </div>
        </ContextProvider<Lang>>
        </ContextProvider<HostContext>>
    }
}
