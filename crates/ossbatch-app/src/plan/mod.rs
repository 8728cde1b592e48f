//! The Plan step (issue #30): before Create job, what the job will do to each object — the rows
//! predicted to fail with causes and fixes, what it overwrites, the running jobs it meets, the
//! lifecycle rules its tags set in motion, what it may cost — and a fixed manifest to point the
//! draft at. Its code is a second wasm loaded when the step is used ([`module`]); what it reads goes
//! through the one client ([`gather`]), the host's `fetch` when embedded.

mod gather;
pub mod module;
mod texts;

use std::cell::Cell;
use std::rc::Rc;

use ossbatch_core::api::objects::build_put_object;
use ossbatch_core::CreateJobRequest;
use yew::prelude::*;

use crate::credentials::{Connection, CredentialForm};
use crate::host::HostContext;
use crate::i18n::{fill, use_lang, Bilingual};
use crate::state::{Action, BuilderState, Field};
use texts::{bilingual, plan_texts};

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Running {
        done: usize,
        total: usize,
    },
    Done {
        plan: Rc<serde_json::Value>,
        planned: Box<CreateJobRequest>,
    },
    Failed(Bilingual),
}

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

fn number(value: &serde_json::Value) -> u64 {
    value.as_u64().unwrap_or(0)
}

#[function_component(PlanPanel)]
pub fn plan_panel(props: &PlanProps) -> Html {
    let lang = use_lang();
    let t = plan_texts(lang);
    let status = use_state(|| Status::Idle);
    let fix = use_state(|| Fix::None);
    let cancelled = use_mut_ref(|| Rc::new(Cell::new(false)));
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
        let cancelled = cancelled.clone();
        Callback::from(move |_| {
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
                        gathered
                            .module
                            .plan(&gathered.job_xml, &input)
                            .map_err(|error| bilingual(|t| t.failed, &[&error]))
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
            result_view(plan, stale, &fix, on_fix, lang)
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
    plan: &serde_json::Value,
    stale: bool,
    fix: &UseStateHandle<Fix>,
    on_fix: Callback<MouseEvent>,
    lang: ossbatch_core::Lang,
) -> Html {
    let t = plan_texts(lang);
    let predicted = &plan["predicted"];
    let list = |key: &str| plan[key].as_array().cloned().unwrap_or_default();
    let lifecycle = list("lifecycle").into_iter().map(|hit| {
        let effect = if hit["effect"] == "stops" {
            t.lifecycle_stops
        } else {
            t.lifecycle_starts
        };
        let days = hit["days"]
            .as_u64()
            .map(|d| fill(t.after_days, &[&d]))
            .unwrap_or_default();
        let text = fill(
            t.lifecycle,
            &[
                &hit["ruleId"].as_str().unwrap_or(""),
                &hit["bucket"].as_str().unwrap_or(""),
                &number(&hit["objects"]),
                &effect,
                &hit["action"].as_str().unwrap_or(""),
                &days,
            ],
        );
        html! { <li data-rule={hit["ruleId"].as_str().unwrap_or("").to_string()}>{ text }</li> }
    });
    let collisions = list("collisions").into_iter().map(|c| {
        let text = fill(
            t.collision,
            &[
                &c["jobId"].as_str().unwrap_or(""),
                &c["status"].as_str().unwrap_or(""),
                &c["how"].as_str().unwrap_or(""),
            ],
        );
        html! { <li data-job={c["jobId"].as_str().unwrap_or("").to_string()}>{ text }</li> }
    });
    let groups = list("groups").into_iter().map(|g| {
        let keys: Vec<&str> = g["sampleKeys"].as_array().map(|k| k.iter().filter_map(|k| k.as_str()).collect()).unwrap_or_default();
        let oss = g["ossErrorCode"].as_str().map(|c| fill(t.oss_error, &[&c])).unwrap_or_default();
        html! {
            <tr class="plan-group" data-code={g["code"].as_str().unwrap_or("").to_string()} data-severity={g["severity"].as_str().unwrap_or("").to_string()}>
                <td translate="no">{ g["code"].as_str().unwrap_or("") }<br /><small>{ oss }</small></td>
                <td>{ number(&g["count"]) }</td>
                <td>{ g["cause"].as_str().unwrap_or("") }</td>
                <td>{ g["fix"].as_str().unwrap_or("") }</td>
                <td translate="no">{ keys.join(", ") }</td>
            </tr>
        }
    });
    let cost = &plan["cost"];
    let cost_text = match cost["total"].as_f64() {
        Some(total) => fill(
            t.cost_total,
            &[
                &format!("{total:.2}"),
                &cost["currency"].as_str().unwrap_or(""),
            ],
        ),
        None => {
            let unknown: Vec<&str> = cost["unknown"]
                .as_array()
                .map(|u| u.iter().filter_map(|x| x.as_str()).collect())
                .unwrap_or_default();
            fill(t.cost_unknown, &[&unknown.join(", ")])
        }
    };
    let fails = number(&predicted["fail"]);
    html! {
        <div id="plan-result">
            if stale { <p id="plan-stale" class="warning" role="status">{ t.stale }</p> }
            <ul id="plan-lifecycle">{ for lifecycle }</ul>
            <ul id="plan-collisions">{ for collisions }</ul>
            <p id="plan-counts">{ fill(t.counts, &[&number(&plan["targets"]), &number(&predicted["succeed"]), &fails, &number(&predicted["warn"])]) }</p>
            <table id="plan-groups">
                <thead><tr><th>{ t.group_code }</th><th>{ t.group_count }</th><th>{ t.group_cause }</th><th>{ t.group_fix }</th><th>{ t.group_keys }</th></tr></thead>
                <tbody>{ for groups }</tbody>
            </table>
            <p id="plan-overwrites">{ fill(t.overwrites, &[&number(&plan["overwrites"]["objects"]), &number(&plan["overwrites"]["tagsLost"])]) }</p>
            <p id="plan-cost">{ cost_text }</p>
            if fails > 0 && plan["fixedManifest"].is_string() {
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
    plan: &Rc<serde_json::Value>,
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
        let body = plan["fixedManifest"].as_str().unwrap_or("").to_string();
        let ours = plan["fixedManifestETag"].as_str().unwrap_or("").to_string();
        let stem = original
            .rsplit_once('.')
            .map_or(original.as_str(), |(stem, _)| stem)
            .to_string();
        let key = format!("{stem}.fixed-{}.csv", &ours[..ours.len().min(8)]);
        let (connection, fix, dispatch) = (connection.clone(), fix.clone(), dispatch.clone());
        fix.set(Fix::Uploading);
        wasm_bindgen_futures::spawn_local(async move {
            let (b, k) = (bucket.clone(), key.clone());
            let answer = connection
                .object_call(move |params| build_put_object(&b, &k, body, "text/csv", params))
                .await;
            match answer {
                Ok(answer) => {
                    let theirs = answer.etag.unwrap_or_default().to_ascii_lowercase();
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
