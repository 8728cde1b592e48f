//! The effect check of a job's Report panel (issue #22): a seeded sample of the succeeded tasks, each
//! object's state read back from OSS (HeadObject, GetObjectTagging or GetObjectAcl through the one
//! client, so failures reach the host's `onError`) and judged by the core against what the job asked.

use ossbatch_core::api::describe_job::JobDescription;
use ossbatch_core::api::objects::{
    build_get_object_acl, build_get_object_tagging, build_head_object,
    parse_get_object_acl_response, parse_get_object_tagging_response, RestoreState,
};
use ossbatch_core::effect_check::{judge, Expectation, Observed, StateCall, Verdict};
use yew::prelude::*;

use super::state::{Checked, EffectAction, EffectState};
use super::{failure_text, Read};
use crate::credentials::Connection;
use crate::fields::typed_text;
use crate::i18n::{fill, texts, use_lang};
use crate::transport::Failure;

#[derive(Properties, PartialEq)]
pub(super) struct EffectCheckProps {
    pub(super) connection: Connection,
    pub(super) job: JobDescription,
    pub(super) read: Read,
    pub(super) seed: UseStateHandle<u64>,
}

/// Asks OSS for one object's state and judges it.
async fn check_one(
    connection: &Connection,
    expected: &Expectation,
    (bucket, key, version): &(String, String, Option<String>),
) -> Verdict {
    let (b, k, v) = (bucket.clone(), key.clone(), version.clone());
    let call = expected.call();
    let answer = connection
        .object_call(move |params| match call {
            StateCall::GetObjectTagging => build_get_object_tagging(&b, &k, v.as_deref(), params),
            StateCall::GetObjectAcl => build_get_object_acl(&b, &k, v.as_deref(), params),
            StateCall::HeadObject => build_head_object(&b, &k, v.as_deref(), params),
        })
        .await;
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
pub(super) fn effect_check(props: &EffectCheckProps) -> Html {
    let lang = use_lang();
    let t = texts(lang);
    let state = use_reducer(EffectState::default);
    let cancelled = use_mut_ref(|| false);
    let expected = props.job.operation.as_ref().and_then(Expectation::of);
    let sample = props.read.summary.sample.clone();
    let run = {
        let (state, cancelled) = (state.clone(), cancelled.clone());
        let (connection, expected, sample) =
            (props.connection.clone(), expected.clone(), sample.clone());
        Callback::from(move |_| {
            let Some(expected) = expected.clone() else {
                return;
            };
            let (state, cancelled) = (state.clone(), cancelled.clone());
            let (connection, sample) = (connection.clone(), sample.clone());
            *cancelled.borrow_mut() = false;
            state.dispatch(EffectAction::Started);
            wasm_bindgen_futures::spawn_local(async move {
                for object in &sample {
                    if *cancelled.borrow() {
                        break;
                    }
                    let verdict = check_one(&connection, &expected, object).await;
                    state.dispatch(EffectAction::Checked(Checked {
                        bucket: object.0.clone(),
                        key: object.1.clone(),
                        verdict,
                    }));
                }
                state.dispatch(EffectAction::Ended);
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
                    <button type="button" id="effect-run" onclick={run} disabled={state.running || sample.is_empty()}>{ fill(t.effect_run, &[&sample.len()]) }</button>
                    if state.running { <button type="button" id="effect-cancel" onclick={cancel}>{ t.effect_cancel }</button> }
                </div>
                if state.running || !state.results.is_empty() {
                    <progress id="effect-progress" max={sample.len().max(1).to_string()} value={state.results.len().to_string()}>
                        { fill(t.effect_progress, &[&state.results.len(), &sample.len()]) }
                    </progress>
                    <p id="effect-progress-text" class="help" role="status">{ fill(t.effect_progress, &[&state.results.len(), &sample.len()]) }</p>
                }
                <ul id="effect-results">
                    { for state.results.iter().map(|checked| {
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
