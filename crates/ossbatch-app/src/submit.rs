//! Submission: credentials (in memory unless the user asks to remember them), signing in the browser
//! with the core (V4), sending through the ossbatch proxy, and the decoded answer. Also the signature
//! inspector and "copy as curl".

use crate::i18n::{fill, texts, use_lang};
use std::rc::Rc;

use ossbatch_core::limits::CONFIRMATION_WINDOW_DAYS;
use ossbatch_core::{
    build_create_job, has_errors, parse_create_job_response, CreateJobRequest, Issue, SignedRequest,
};
use yew::prelude::*;

use crate::credentials::{Connection, CredentialFields, CredentialForm};
use crate::host::HostContext;
use crate::state::{Action, BuilderState};
use crate::transport::{failure_view, Failure};

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// A curl command that sends the signed request straight to OSS.
pub fn curl_command(signed: &SignedRequest) -> String {
    let mut command = format!("curl -X {} {}", signed.method, shell_quote(&signed.url));
    for (name, value) in &signed.headers {
        command.push_str(&format!(
            " \\\n  -H {}",
            shell_quote(&format!("{name}: {value}"))
        ));
    }
    command.push_str(&format!(
        " \\\n  --data-binary {}",
        shell_quote(&signed.body)
    ));
    command
}

#[derive(Clone, PartialEq)]
enum Outcome {
    Sending,
    Created {
        job_id: String,
        request_id: Option<String>,
    },
    Refused(Failure),
}

#[derive(Properties, PartialEq)]
pub struct SubmitProps {
    pub request: CreateJobRequest,
    pub region: String,
    pub issues: Rc<Vec<Issue>>,
    pub dispatch: UseReducerDispatcher<BuilderState>,
    /// The credentials and proxy, shared with the Jobs view.
    pub credentials: UseStateHandle<CredentialForm>,
    /// Opens a job in the Jobs view (offered once a job is created).
    pub on_open_job: Callback<String>,
}

#[function_component(SubmitPanel)]
pub fn submit_panel(props: &SubmitProps) -> Html {
    let form = props.credentials.clone();
    let outcome = use_state(|| None::<Outcome>);
    let last_signed = use_state(|| None::<SignedRequest>);
    let copied = use_state(|| false);
    let host = use_context::<HostContext>().expect("the App provides its host");
    let connection = Connection {
        form: (*form).clone(),
        region: props.region.trim().to_string(),
        host,
    };

    // Missing credentials disable the button; errors do not: trying to submit is how the user asks
    // to see every issue at its field (issue #14), and nothing is sent.
    let has_errors = has_errors(&props.issues);
    let blocked = connection.missing();
    let lang = use_lang();
    let t = texts(lang);
    let attempted = use_state(|| false);

    let on_submit = {
        let (outcome, last_signed) = (outcome.clone(), last_signed.clone());
        let request = props.request.clone();
        let (dispatch, attempted) = (props.dispatch.clone(), attempted.clone());
        Callback::from(move |_| {
            if has_errors {
                dispatch.dispatch(Action::RevealAll);
                attempted.set(true);
                return;
            }
            outcome.set(Some(Outcome::Sending));
            let (outcome, last_signed) = (outcome.clone(), last_signed.clone());
            let (connection, request) = (connection.clone(), request.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // Journaled before it is sent (issue #31): a crash leaves the token and the draft.
                let token = request.client_request_token.clone().unwrap_or_default();
                crate::journal::submitting(&token, &connection.region, &request).await;
                let result = connection
                    .call(
                        |params| build_create_job(&request, params),
                        parse_create_job_response,
                        |signed| last_signed.set(Some(signed.clone())),
                    )
                    .await;
                outcome.set(Some(match result {
                    Ok((created, request_id)) => {
                        crate::journal::created(&token, &created.job_id).await;
                        connection
                            .host
                            .submitted(&created.job_id, &connection.region, &request);
                        Outcome::Created {
                            job_id: created.job_id,
                            request_id,
                        }
                    }
                    Err(failure) => Outcome::Refused(failure),
                }));
            });
        })
    };
    let on_new_job = {
        let (dispatch, outcome) = (props.dispatch.clone(), outcome.clone());
        Callback::from(move |_| {
            dispatch.dispatch(Action::RegenerateToken(crate::sections::job::new_token()));
            outcome.set(None);
        })
    };
    let on_copy_curl = {
        let (last_signed, copied) = (last_signed.clone(), copied.clone());
        Callback::from(move |_| {
            if let (Some(signed), Some(window)) = (&*last_signed, web_sys::window()) {
                let _ = window
                    .navigator()
                    .clipboard()
                    .write_text(&curl_command(signed));
                copied.set(true);
            }
        })
    };

    let result = match &*outcome {
        None => html! {},
        Some(Outcome::Sending) => {
            html! { <p id="submit-result" class="help" role="status">{ t.sending }</p> }
        }
        Some(Outcome::Created { job_id, request_id }) => {
            let confirm = props.request.confirmation_required == Some(true);
            let on_open = {
                let (open, job_id) = (props.on_open_job.clone(), job_id.clone());
                Callback::from(move |_| open.emit(job_id.clone()))
            };
            html! {
                <div id="submit-result" class="ok" role="status">
                    <p>{ t.job_created }<code id="job-id">{ job_id }</code></p>
                    if let Some(id) = request_id { <p class="help">{ fill(t.request_id, &[id]) }</p> }
                    if confirm {
                        <p id="confirm-needed">{ fill(t.confirm_needed, &[&CONFIRMATION_WINDOW_DAYS]) }</p>
                    }
                    <button type="button" id="open-created-job" onclick={on_open}>
                        { if confirm { t.open_job_to_confirm } else { t.open_the_job } }
                    </button>
                    <p class="help">{ t.same_token_returns }</p>
                    <button type="button" id="new-job" onclick={on_new_job.clone()}>{ t.start_new_job }</button>
                </div>
            }
        }
        Some(Outcome::Refused(failure)) => {
            // SignatureDoesNotMatch with OSS's own string to sign: the first line that differs.
            let difference = match (failure, &*last_signed) {
                (Failure::Oss { error, .. }, Some(signed)) => {
                    ossbatch_core::sign::compare::explain_signature_mismatch(
                        error,
                        &signed.inspector,
                    )
                }
                _ => None,
            };
            html! {
                <div id="submit-result" class="error" role="alert">
                    { failure_view(failure, t.the_job, "", lang) }
                    if let Some(difference) = difference {
                        <p id="signature-difference">
                            { fill(t.signature_difference, &[&difference.line, &difference.ours.clone().unwrap_or_default(), &difference.theirs.clone().unwrap_or_default()]) }
                            { " " }{ difference.hint.get(lang) }
                        </p>
                    }
                    if matches!(failure, Failure::Oss { .. }) {
                        <p class="help">{ t.retry_reuses_token }</p>
                    }
                </div>
            }
        }
    };

    html! {
        <section class="submit" aria-labelledby="submit-heading">
            <h2 id="submit-heading">{ t.submit }</h2>
            <p class="help">{ t.submit_help }</p>
            <CredentialFields form={props.credentials.clone()} id_prefix="f" />
            <button type="button" id="submit-button" onclick={on_submit} disabled={blocked.is_some()}
                aria-describedby="submit-blocked">{ t.create_job }</button>
            if let Some(reason) = blocked { <p id="submit-blocked" class="help">{ reason(t) }</p> }
            else if has_errors {
                <p id="submit-blocked" class={if *attempted { "issue error" } else { "help" }} role={(*attempted).then_some("alert")}>
                    { t.fix_errors_first }
                </p>
            }
            { result }
            if let Some(signed) = &*last_signed {
                <details class="inspector">
                    <summary>{ t.signature_inspector }</summary>
                    <h3>{ t.canonical_request }</h3>
                    <pre id="canonical-request" class="code">{ signed.inspector.canonical_request.clone().unwrap_or_default() }</pre>
                    <h3>{ t.string_to_sign }</h3>
                    <pre id="string-to-sign" class="code">{ signed.inspector.string_to_sign.clone() }</pre>
                    <p class="help">{ fill(t.signed_headers, &[&signed.inspector.signed_headers.join(", ")]) }</p>
                    <button type="button" id="copy-curl" onclick={on_copy_curl}>{ t.copy_as_curl }</button>
                    if *copied { <p class="help" role="status">{ t.copied_curl }</p> }
                </details>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_quotes_everything() {
        use ossbatch_core::api::SigningParams;
        use ossbatch_core::{Credentials, SignatureVersion, SigningTime};
        let credentials = Credentials::new("AKID", "secret");
        let params = SigningParams {
            region: "cn-hangzhou",
            endpoint: None,
            credentials: &credentials,
            signed_at: SigningTime::from_unix_seconds(1_764_048_600).unwrap(),
            version: SignatureVersion::V4,
        };
        let mut request = ossbatch_core::presets::new_draft();
        request.description = Some("it's a job".into());
        let signed = build_create_job(&request, &params).unwrap();
        let curl = curl_command(&signed);
        assert!(curl.starts_with("curl -X POST 'https://oss-cn-hangzhou.aliyuncs.com/?batchJob'"));
        assert!(curl.contains("-H 'Authorization: OSS4-HMAC-SHA256 Credential=AKID/"));
        assert!(curl.contains("<Description>it&apos;s a job</Description>"));
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert!(!curl.contains("secret"));
    }
}
