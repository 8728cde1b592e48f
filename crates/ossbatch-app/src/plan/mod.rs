//! The Plan step (issue #30): before Create job, what the job will do to each object — the rows
//! predicted to fail with causes and fixes, what it overwrites, the running jobs it meets, the
//! lifecycle rules its tags set in motion, what it may cost — and a fixed manifest to point the
//! draft at. Its code is a second wasm loaded when the step is used ([`module`]); what it reads goes
//! through the one client ([`gather`]), the host's `fetch` when embedded.

mod gather;
pub mod module;
pub mod texts;

pub use gather::text_of as failure_text;

use std::cell::Cell;
use std::rc::Rc;

use ossbatch_core::CreateJobRequest;
use yew::prelude::*;

use crate::credentials::{Connection, CredentialForm};
use crate::host::HostContext;
use crate::i18n::{fill, use_lang, Bilingual};
use crate::state::{Action, BuilderState, Field};
use module::Js;
use texts::{bilingual, plan_texts};

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Running {
        done: usize,
        total: usize,
    },
    Done {
        plan: Rc<Js>,
        planned: Box<CreateJobRequest>,
    },
    Failed(Bilingual),
}

/// The most objects whose before-image the Plan step saves (the states are held in the page; larger
/// jobs use `ossbatch snapshot`, which streams them to disk). docs/decisions.md.
pub const SNAPSHOT_MAX_OBJECTS: u64 = 100_000;

#[derive(Clone, PartialEq)]
enum Fix {
    None,
    Uploading,
    Done(String, String),
    Failed(Bilingual),
}

#[derive(Properties, PartialEq)]
pub struct PlanProps {
    pub request: CreateJobRequest,
    pub region: String,
    pub credentials: UseStateHandle<CredentialForm>,
    pub dispatch: UseReducerDispatcher<BuilderState>,
}

#[function_component(PlanPanel)]
pub fn plan_panel(props: &PlanProps) -> Html {
    let lang = use_lang();
    let t = plan_texts(lang);
    let status = use_state(|| Status::Idle);
    let fix = use_state(|| Fix::None);
    let cancelled = use_mut_ref(|| Rc::new(Cell::new(false)));
    // What the last plan read, kept for "Save a before-image" (not rendered: no PartialEq needed).
    let gathered = use_mut_ref(|| None::<Rc<gather::Gathered>>);
    let saved = use_state(|| None::<Result<(String, u64), Bilingual>>);
    let host = use_context::<HostContext>().expect("the App provides its host");
    let connection = Connection {
        form: (*props.credentials).clone(),
        region: props.region.trim().to_string(),
        host,
    };

    let on_run = {
        let (status, fix, connection, request) = (
            status.clone(),
            fix.clone(),
            connection.clone(),
            props.request.clone(),
        );
        let (cancelled, kept, saved) = (cancelled.clone(), gathered.clone(), saved.clone());
        Callback::from(move |_| {
            saved.set(None);
            let kept = kept.clone();
            let flag = Rc::new(Cell::new(false));
            *cancelled.borrow_mut() = flag.clone();
            status.set(Status::Running { done: 0, total: 0 });
            fix.set(Fix::None);
            let (status, connection, request) =
                (status.clone(), connection.clone(), request.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let status = status.clone();
                    move |done, total| status.set(Status::Running { done, total })
                };
                let outcome = match gather::gather(&connection, &request, progress, flag).await {
                    Ok(gathered) => {
                        let input = gathered.input.to_string();
                        let plan = gathered
                            .module
                            .plan(&gathered.job_xml, &input)
                            .map_err(|error| bilingual(|t| t.failed, &[&error]));
                        *kept.borrow_mut() = Some(Rc::new(gathered));
                        plan
                    }
                    Err(why) => Err(why),
                };
                status.set(match outcome {
                    Ok(plan) => Status::Done {
                        plan: Rc::new(plan),
                        planned: Box::new(request),
                    },
                    Err(why) => Status::Failed(why),
                });
            });
        })
    };
    let on_cancel = {
        let cancelled = cancelled.clone();
        Callback::from(move |_| cancelled.borrow().set(true))
    };

    let body = match &*status {
        Status::Idle => html! {},
        Status::Running { done, total } => html! {
            <p id="plan-progress" role="status">{
                if *total == 0 { t.loading.to_string() } else { fill(t.progress, &[done, total]) }
            }</p>
        },
        Status::Failed(why) => {
            html! { <p id="plan-error" class="error" role="alert">{ why.get(lang) }</p> }
        }
        Status::Done { plan, planned } => {
            let stale = **planned != props.request;
            let on_fix = fix_callback(&connection, planned, plan, &fix, &props.dispatch);
            let on_snapshot = snapshot_callback(&gathered, &saved);
            html! {
                <>
                    { result_view(plan, stale, &fix, on_fix, lang) }
                    { snapshot_view(plan.get("targets").number(), &saved, on_snapshot, lang) }
                </>
            }
        }
    };
    let running = matches!(*status, Status::Running { .. });
    html! {
        <section class="plan" id="plan-panel" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{ t.heading }</h2>
            <p class="help">{ t.help }</p>
            <button type="button" id="plan-run" onclick={on_run} disabled={running || connection.missing().is_some()}>{ t.run }</button>
            if running {
                <button type="button" id="plan-cancel" onclick={on_cancel}>{ t.cancel }</button>
            }
            { body }
        </section>
    }
}

fn result_view(
    plan: &Js,
    stale: bool,
    fix: &UseStateHandle<Fix>,
    on_fix: Callback<MouseEvent>,
    lang: ossbatch_core::Lang,
) -> Html {
    let t = plan_texts(lang);
    let predicted = plan.get("predicted");
    let lifecycle = plan.get("lifecycle").items().into_iter().map(|hit| {
        let effect = if hit.get("effect").text() == "stops" {
            t.lifecycle_stops
        } else {
            t.lifecycle_starts
        };
        let days = hit
            .get("days")
            .float()
            .map(|d| fill(t.after_days, &[&d]))
            .unwrap_or_default();
        let text = fill(
            t.lifecycle,
            &[
                &hit.get("ruleId").text(),
                &hit.get("bucket").text(),
                &hit.get("objects").number(),
                &effect,
                &hit.get("action").text(),
                &days,
            ],
        );
        html! { <li data-rule={hit.get("ruleId").text()}>{ text }</li> }
    });
    let collisions = plan.get("collisions").items().into_iter().map(|c| {
        let text = fill(
            t.collision,
            &[
                &c.get("jobId").text(),
                &c.get("status").text(),
                &c.get("how").text(),
            ],
        );
        html! { <li data-job={c.get("jobId").text()}>{ text }</li> }
    });
    let groups = plan.get("groups").items().into_iter().map(|g| {
        let keys: Vec<String> = g.get("sampleKeys").items().iter().map(Js::text).collect();
        let oss = g
            .get("ossErrorCode")
            .string()
            .map(|c| fill(t.oss_error, &[&c]))
            .unwrap_or_default();
        html! {
            <tr class="plan-group" data-code={g.get("code").text()} data-severity={g.get("severity").text()}>
                <td translate="no">{ g.get("code").text() }<br /><small>{ oss }</small></td>
                <td>{ g.get("count").number() }</td>
                <td>{ g.get("cause").text() }</td>
                <td>{ g.get("fix").text() }</td>
                <td translate="no">{ keys.join(", ") }</td>
            </tr>
        }
    });
    let cost = plan.get("cost");
    let cost_text = match cost.get("total").float() {
        Some(total) => fill(
            t.cost_total,
            &[&format!("{total:.2}"), &cost.get("currency").text()],
        ),
        None => {
            let unknown: Vec<String> = cost.get("unknown").items().iter().map(Js::text).collect();
            fill(t.cost_unknown, &[&unknown.join(", ")])
        }
    };
    let fails = predicted.get("fail").number();
    let overwrites = plan.get("overwrites");
    html! {
        <div id="plan-result">
            if stale { <p id="plan-stale" class="warning" role="status">{ t.stale }</p> }
            <ul id="plan-lifecycle">{ for lifecycle }</ul>
            <ul id="plan-collisions">{ for collisions }</ul>
            <p id="plan-counts">{ fill(t.counts, &[&plan.get("targets").number(), &predicted.get("succeed").number(), &fails, &predicted.get("warn").number()]) }</p>
            <table id="plan-groups">
                <thead><tr><th>{ t.group_code }</th><th>{ t.group_count }</th><th>{ t.group_cause }</th><th>{ t.group_fix }</th><th>{ t.group_keys }</th></tr></thead>
                <tbody>{ for groups }</tbody>
            </table>
            <p id="plan-overwrites">{ fill(t.overwrites, &[&overwrites.get("objects").number(), &overwrites.get("tagsLost").number()]) }</p>
            <p id="plan-cost">{ cost_text }</p>
            if fails > 0 && plan.get("fixedManifest").string().is_some() {
                <p class="help">{ t.fix_help }</p>
                <button type="button" id="plan-fix" onclick={on_fix} disabled={matches!(**fix, Fix::Uploading)}>{ t.fix }</button>
            }
            { match &**fix {
                Fix::None => html! {},
                Fix::Uploading => html! { <p id="plan-fix-progress" role="status">{ t.fix_uploading }</p> },
                Fix::Done(key, etag) => html! { <p id="plan-fix-done" role="status">{ fill(t.fix_done, &[key, etag]) }</p> },
                Fix::Failed(why) => html! { <p id="plan-fix-error" class="error" role="alert">{ why.get(lang) }</p> },
            } }
        </div>
    }
}

/// Uploads the fixed manifest beside the job's own, checks OSS's ETag, and points the draft at it.
fn fix_callback(
    connection: &Connection,
    planned: &CreateJobRequest,
    plan: &Rc<Js>,
    fix: &UseStateHandle<Fix>,
    dispatch: &UseReducerDispatcher<BuilderState>,
) -> Callback<MouseEvent> {
    let location = planned
        .manifest
        .as_ref()
        .and_then(|m| m.location.clone())
        .unwrap_or_default();
    let (connection, plan, fix, dispatch) = (
        connection.clone(),
        plan.clone(),
        fix.clone(),
        dispatch.clone(),
    );
    Callback::from(move |_| {
        let bucket = location.bucket.clone().unwrap_or_default();
        let original = location.object.clone().unwrap_or_default();
        let body = plan.get("fixedManifest").text();
        let ours = plan.get("fixedManifestETag").text();
        let stem = original
            .rsplit_once('.')
            .map_or(original.as_str(), |(stem, _)| stem)
            .to_string();
        let key = format!("{stem}.fixed-{}.csv", &ours[..ours.len().min(8)]);
        let (connection, fix, dispatch) = (connection.clone(), fix.clone(), dispatch.clone());
        fix.set(Fix::Uploading);
        wasm_bindgen_futures::spawn_local(async move {
            match connection.put_manifest(bucket, key.clone(), body).await {
                Ok(theirs) => {
                    if theirs != ours {
                        fix.set(Fix::Failed(bilingual(
                            |t| t.fix_etag_mismatch,
                            &[&theirs, &ours],
                        )));
                        return;
                    }
                    dispatch.dispatch(Action::Set(Field::LocationObject, key.clone()));
                    dispatch.dispatch(Action::Set(Field::LocationETag, theirs.clone()));
                    fix.set(Fix::Done(key, theirs));
                }
                Err(failure) => fix.set(Fix::Failed(bilingual(
                    |t| t.fix_failed,
                    &[&gather::text_of(&failure)],
                ))),
            }
        });
    })
}

fn snapshot_view(
    targets: u64,
    saved: &UseStateHandle<Option<Result<(String, u64), Bilingual>>>,
    on_snapshot: Callback<MouseEvent>,
    lang: ossbatch_core::Lang,
) -> Html {
    let t = plan_texts(lang);
    if targets > SNAPSHOT_MAX_OBJECTS {
        return html! {
            <p id="plan-snapshot-too-large" class="help">{ fill(t.snapshot_too_large, &[&SNAPSHOT_MAX_OBJECTS, &targets]) }</p>
        };
    }
    html! {
        <div class="plan-snapshot">
            <p class="help">{ fill(t.snapshot_help, &[&SNAPSHOT_MAX_OBJECTS]) }</p>
            <button type="button" id="plan-snapshot" onclick={on_snapshot}>{ t.snapshot }</button>
            { match &**saved {
                None => html! {},
                Some(Ok((name, objects))) => html! { <p id="plan-snapshot-done" role="status">{ fill(t.snapshot_saved, &[name, objects]) }</p> },
                Some(Err(why)) => html! { <p id="plan-snapshot-error" class="error" role="alert">{ why.get(lang) }</p> },
            } }
        </div>
    }
}

/// Makes the single-file snapshot of what the plan read and downloads it.
fn snapshot_callback(
    gathered: &Rc<std::cell::RefCell<Option<Rc<gather::Gathered>>>>,
    saved: &UseStateHandle<Option<Result<(String, u64), Bilingual>>>,
) -> Callback<MouseEvent> {
    let (gathered, saved) = (gathered.clone(), saved.clone());
    Callback::from(move |_| {
        let Some(g) = gathered.borrow().clone() else {
            return;
        };
        let read_at = g
            .input
            .get("stateReadAt")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        match g
            .module
            .snapshot_file(&g.job_xml, &g.input.to_string(), read_at)
        {
            Ok(file) => {
                let objects = file.lines().count().saturating_sub(1) as u64;
                let stamp: String = read_at
                    .chars()
                    .filter(char::is_ascii_digit)
                    .take(14)
                    .collect();
                let name = format!("ossbatch-snapshot-{stamp}.jsonl");
                crate::preview::download(&name, "application/x-ndjson", &file);
                saved.set(Some(Ok((name, objects))));
            }
            Err(error) => saved.set(Some(Err(bilingual(|t| t.snapshot_failed, &[&error])))),
        }
    })
}
