//! Submission: credentials (in memory unless the user asks to remember them), signing in the browser
//! with the core (V4), sending through the ossbatch proxy, and the decoded answer. Also the signature
//! inspector and "copy as curl".

use ossbatch_core::api::response::{hint_for_code, ResponseError};
use ossbatch_core::api::SigningParams;
use ossbatch_core::{
    build_create_job, has_errors, parse_create_job_response, CreateJobRequest, Credentials, Issue,
    SignatureVersion, SignedRequest, SigningTime,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, RequestInit};
use yew::prelude::*;

use crate::state::{Action, BuilderState};

const CREDENTIALS_KEY: &str = "ossbatch.credentials.v1";

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
struct CredentialForm {
    access_key_id: String,
    access_key_secret: String,
    security_token: String,
    proxy_url: String,
    remember: bool,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn remembered() -> CredentialForm {
    storage()
        .and_then(|s| s.get_item(CREDENTIALS_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Stores the credentials only when the user ticked "remember"; otherwise makes sure none are stored.
fn persist(form: &CredentialForm) {
    let Some(storage) = storage() else { return };
    if form.remember {
        if let Ok(text) = serde_json::to_string(form) {
            let _ = storage.set_item(CREDENTIALS_KEY, &text);
        }
    } else {
        let _ = storage.remove_item(CREDENTIALS_KEY);
    }
}

/// `<proxy>/oss/<region>/?batchJob`; the proxy defaults to the page's own origin.
fn proxy_endpoint(proxy_url: &str, region: &str) -> String {
    let base = proxy_url.trim().trim_end_matches('/');
    let base = if base.is_empty() {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    } else {
        base.to_string()
    };
    let base = base.trim_end_matches("/oss");
    format!("{base}/oss/{region}/?batchJob")
}

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
    OssError {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
        ec: Option<String>,
        hint: Option<String>,
    },
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct SubmitProps {
    pub request: CreateJobRequest,
    pub region: String,
    pub issues: std::rc::Rc<Vec<Issue>>,
    pub dispatch: UseReducerDispatcher<BuilderState>,
}

async fn send(signed: SignedRequest, endpoint: String) -> Outcome {
    let Some(window) = web_sys::window() else {
        return Outcome::Failed("no window".into());
    };
    let init = RequestInit::new();
    init.set_method(&signed.method);
    let headers = match web_sys::Headers::new() {
        Ok(headers) => headers,
        Err(_) => return Outcome::Failed("cannot build the request headers".into()),
    };
    for (name, value) in &signed.headers {
        if headers.set(name, value).is_err() {
            return Outcome::Failed(format!("the browser refused the header {name}"));
        }
    }
    init.set_headers(&headers);
    init.set_body(&wasm_bindgen::JsValue::from_str(&signed.body));
    let response = match JsFuture::from(window.fetch_with_str_and_init(&endpoint, &init)).await {
        Ok(value) => value,
        Err(_) => {
            return Outcome::Failed(format!(
                "Cannot reach the proxy at {endpoint}. Is ossbatch-proxy running, and is this page's origin allowed?"
            ))
        }
    };
    let Ok(response) = response.dyn_into::<web_sys::Response>() else {
        return Outcome::Failed("the browser returned something that is not a response".into());
    };
    let status = response.status();
    let request_id = response.headers().get("x-oss-request-id").ok().flatten();
    let from_proxy = response
        .headers()
        .get("x-ossbatch-proxy-error")
        .ok()
        .flatten()
        .is_some();
    let body = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    if from_proxy {
        let reason = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["error"].as_str().map(str::to_string))
            .unwrap_or(body);
        return Outcome::Failed(format!(
            "The proxy refused the request (HTTP {status}): {reason}"
        ));
    }
    match parse_create_job_response(status, &body) {
        Ok(result) => Outcome::Created {
            job_id: result.job_id,
            request_id,
        },
        Err(ResponseError::Oss { status, error }) => Outcome::OssError {
            status,
            hint: hint_for_code(&error.code).map(str::to_string),
            code: error.code,
            message: error.message,
            request_id: error.request_id.or(request_id),
            ec: error.ec,
        },
        Err(other) => Outcome::Failed(other.to_string()),
    }
}

#[function_component(SubmitPanel)]
pub fn submit_panel(props: &SubmitProps) -> Html {
    let form = use_state(remembered);
    let outcome = use_state(|| None::<Outcome>);
    let last_signed = use_state(|| None::<SignedRequest>);
    let copied = use_state(|| false);

    let edit = |apply: fn(&mut CredentialForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*form).clone();
            apply(&mut next, el.value());
            persist(&next);
            form.set(next);
        })
    };
    let on_remember = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*form).clone();
            next.remember = el.checked();
            persist(&next);
            form.set(next);
        })
    };

    let blocked = if has_errors(&props.issues) {
        Some("Fix the errors in the issues list first.")
    } else if form.access_key_id.trim().is_empty() || form.access_key_secret.is_empty() {
        Some("Enter an AccessKey ID and secret.")
    } else {
        None
    };

    let on_submit = {
        let (form, outcome, last_signed) = (form.clone(), outcome.clone(), last_signed.clone());
        let (request, region) = (props.request.clone(), props.region.trim().to_string());
        Callback::from(move |_| {
            let mut credentials =
                Credentials::new(form.access_key_id.trim(), form.access_key_secret.clone());
            if !form.security_token.trim().is_empty() {
                credentials = credentials.with_security_token(form.security_token.trim());
            }
            let signed_at = match SigningTime::from_unix_millis(js_sys::Date::now()) {
                Ok(time) => time,
                Err(error) => return outcome.set(Some(Outcome::Failed(error.to_string()))),
            };
            let params = SigningParams {
                region: &region,
                endpoint: None,
                credentials: &credentials,
                signed_at,
                version: SignatureVersion::V4,
            };
            let signed = match build_create_job(&request, &params) {
                Ok(signed) => signed,
                Err(error) => {
                    return outcome.set(Some(Outcome::Failed(format!("Cannot sign: {error}"))))
                }
            };
            last_signed.set(Some(signed.clone()));
            outcome.set(Some(Outcome::Sending));
            let endpoint = proxy_endpoint(&form.proxy_url, &region);
            let outcome = outcome.clone();
            wasm_bindgen_futures::spawn_local(async move {
                outcome.set(Some(send(signed, endpoint).await));
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
            html! { <p id="submit-result" class="help" role="status">{ "Sending…" }</p> }
        }
        Some(Outcome::Created { job_id, request_id }) => html! {
            <div id="submit-result" class="ok" role="status">
                <p>{ "Job created. JobId: " }<code id="job-id">{ job_id }</code></p>
                if let Some(id) = request_id { <p class="help">{ format!("RequestId {id}") }</p> }
                <p class="help">{ "Submitting again with the same ClientRequestToken returns this job rather than creating another." }</p>
                <button type="button" id="new-job" onclick={on_new_job.clone()}>{ "Start a new job (new token)" }</button>
            </div>
        },
        Some(Outcome::OssError {
            status,
            code,
            message,
            request_id,
            ec,
            hint,
        }) => html! {
            <div id="submit-result" class="error" role="alert">
                <p>{ format!("OSS refused the job (HTTP {status}): ") }<code id="error-code">{ code }</code></p>
                <p id="error-message">{ message }</p>
                if let Some(hint) = hint { <p id="error-hint">{ hint }</p> }
                <p class="help">
                    if let Some(id) = request_id { { format!("RequestId {id}") } }
                    if let Some(ec) = ec { { format!(" · EC {ec}") } }
                </p>
                <p class="help">{ "A retry reuses this job's ClientRequestToken, so it can never create a second job." }</p>
            </div>
        },
        Some(Outcome::Failed(message)) => html! {
            <div id="submit-result" class="error" role="alert"><p id="error-message">{ message }</p></div>
        },
    };

    html! {
        <section class="submit" aria-labelledby="submit-heading">
            <h2 id="submit-heading">{ "Submit" }</h2>
            <p class="help">{ "Signed here in the browser (V4); only the signed request goes to the proxy. Credentials stay in this tab unless you choose to remember them." }</p>
            <div class="field">
                <label for="f-access-key-id">{ "AccessKey ID" }</label>
                <input id="f-access-key-id" name="credentials.accessKeyId" type="text" autocomplete="off" spellcheck="false"
                    value={form.access_key_id.clone()} oninput={edit(|f, v| f.access_key_id = v)} />
            </div>
            <div class="field">
                <label for="f-access-key-secret">{ "AccessKey secret" }</label>
                <input id="f-access-key-secret" name="credentials.accessKeySecret" type="password" autocomplete="off"
                    value={form.access_key_secret.clone()} oninput={edit(|f, v| f.access_key_secret = v)} />
            </div>
            <div class="field">
                <label for="f-security-token">{ "STS security token (optional)" }</label>
                <input id="f-security-token" name="credentials.securityToken" type="password" autocomplete="off"
                    value={form.security_token.clone()} oninput={edit(|f, v| f.security_token = v)} />
            </div>
            <div class="field">
                <label for="f-proxy-url">{ "Proxy URL" }</label>
                <input id="f-proxy-url" name="proxyUrl" type="text" autocomplete="off" spellcheck="false"
                    placeholder="(this page's origin)" value={form.proxy_url.clone()} oninput={edit(|f, v| f.proxy_url = v)} />
            </div>
            <div class="field checkbox">
                <input id="f-remember" name="rememberCredentials" type="checkbox" checked={form.remember} onchange={on_remember} />
                <label for="f-remember">{ "Remember the credentials on this device (stored in this browser's localStorage)" }</label>
            </div>
            <button type="button" id="submit-button" onclick={on_submit} disabled={blocked.is_some()}
                aria-describedby="submit-blocked">{ "Create job" }</button>
            if let Some(reason) = blocked { <p id="submit-blocked" class="help">{ reason }</p> }
            { result }
            if let Some(signed) = &*last_signed {
                <details class="inspector">
                    <summary>{ "Signature inspector" }</summary>
                    <h3>{ "Canonical request" }</h3>
                    <pre id="canonical-request" class="code">{ signed.inspector.canonical_request.clone().unwrap_or_default() }</pre>
                    <h3>{ "String to sign" }</h3>
                    <pre id="string-to-sign" class="code">{ signed.inspector.string_to_sign.clone() }</pre>
                    <p class="help">{ format!("Signed headers: {}", signed.inspector.signed_headers.join(", ")) }</p>
                    <button type="button" id="copy-curl" onclick={on_copy_curl}>{ "Copy as curl" }</button>
                    if *copied { <p class="help" role="status">{ "Copied. The command holds your signature and STS token: treat it as a secret; it expires with the signature." }</p> }
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
