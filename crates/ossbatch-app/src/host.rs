//! What the page that mounts the builder supplies (issue #20): a credentials provider and a transport
//! (the host owns auth and routing, as GraphiQL's `fetcher`), which tabs show, read-only review, and
//! the callbacks it hears. The standalone page is a host too, one that supplies nothing.
//!
//! A [`Host`] is shared by the mounted App (as a context) and the handle `mount` returns; commands
//! from the handle reach the App through [`Bridge`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use ossbatch_core::{
    to_json, validate_with, CreateJobRequest, Credentials, Issue, ValidateOptions,
};
use ossbatch_core::{Lang, Localized};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use crate::i18n::Bilingual;
use crate::transport::{reason_of, Failure};

/// Credentials from a provider are asked for again this long before their `expiration`, so a request
/// signed just before expiry does not reach OSS after it (the AWS SDKs refresh 5 minutes early too).
pub const CREDENTIALS_REFRESH_MARGIN_MS: f64 = 5.0 * 60.0 * 1000.0;

/// The views a host may show.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tabs {
    Builder,
    Jobs,
    Both,
}

impl Tabs {
    pub fn parse(names: &[String]) -> Result<Tabs, String> {
        let mut builder = false;
        let mut jobs = false;
        for name in names {
            match name.as_str() {
                "builder" => builder = true,
                "jobs" => jobs = true,
                other => {
                    return Err(format!(
                        "unknown tab {other:?} (expected 'builder' or 'jobs')"
                    ))
                }
            }
        }
        match (builder, jobs) {
            (true, true) => Ok(Tabs::Both),
            (true, false) => Ok(Tabs::Builder),
            (false, true) => Ok(Tabs::Jobs),
            (false, false) => Err("needs at least one of 'builder' and 'jobs'".into()),
        }
    }
    pub fn has_builder(self) -> bool {
        self != Tabs::Jobs
    }
}

/// The host's callbacks (all optional).
#[derive(Default)]
pub struct Callbacks {
    pub on_change: Option<Function>,
    pub on_submitted: Option<Function>,
    pub on_job_updated: Option<Function>,
    pub on_error: Option<Function>,
}

/// A command from the handle to the mounted App.
#[derive(Clone, PartialEq, Debug)]
pub enum Command {
    SetRequest(Box<CreateJobRequest>),
    SetLang(Lang),
    SetRegion(String),
    FocusIssue(String),
}

/// What the handle and the App share while mounted.
#[derive(Default)]
pub struct Bridge {
    /// The App's command handler, once it has rendered; commands sent before that wait in `queued`.
    commands: Option<Callback<Command>>,
    queued: Vec<Command>,
    /// The request and region as the App last rendered them (what `getRequest` answers).
    pub request: CreateJobRequest,
    pub region: String,
    pub lang: Option<Lang>,
    /// A request the host set: its change is not echoed back through `onChange`.
    pub set_by_host: Option<CreateJobRequest>,
    /// The last status told to the host per job, so `onJobUpdated` fires on changes only.
    statuses: HashMap<String, String>,
}

/// Credentials a provider gave, and until when they may be used.
struct CachedCredentials {
    credentials: Credentials,
    /// Unix milliseconds after which they are asked for again; `None`: they do not expire.
    renew_at: Option<f64>,
}

pub struct Host {
    /// `() => Promise<{ accessKeyId, accessKeySecret, securityToken?, expiration? }>`: with it, the
    /// builder has no AccessKey form.
    pub credentials: Option<Function>,
    /// `(request: { method, url, headers, body? }) => Promise<Response>`: with it, the host decides
    /// where each signed request goes.
    pub fetch: Option<Function>,
    /// The proxy the default transport uses, chosen by the host (no Proxy URL field then).
    pub proxy_url: Option<String>,
    pub tabs: Tabs,
    pub read_only: bool,
    /// Drafts (and the user's "remember" choice) in localStorage.
    pub persist: bool,
    /// The widget is the whole page: share links in the URL fragment, `<html lang>`.
    pub standalone: bool,
    /// The element the App renders into (inside the shadow root): where the widget looks for its own
    /// controls, never in the host's document.
    pub root: web_sys::Element,
    pub callbacks: Callbacks,
    cached: RefCell<Option<CachedCredentials>>,
    pub bridge: RefCell<Bridge>,
}

/// The App's view of its host; equal when it is the same host.
#[derive(Clone)]
pub struct HostContext(pub Rc<Host>);

impl PartialEq for HostContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for HostContext {
    type Target = Host;
    fn deref(&self) -> &Host {
        &self.0
    }
}

fn call(function: &Function, argument: &JsValue) {
    reported(function.call1(&JsValue::NULL, argument));
}

/// A host callback that throws must not break the widget; the console shows the exception.
fn reported(result: Result<JsValue, JsValue>) {
    if let Err(error) = result {
        web_sys::console::error_2(
            &JsValue::from_str("ossbatch-builder: a host callback threw"),
            &error,
        );
    }
}

fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into());
}

/// The issues the builder shows for `request` in `region` (a blank region is not checked).
pub fn validate_in(request: &CreateJobRequest, region: &str) -> Vec<Issue> {
    let region = region.trim();
    let options = ValidateOptions {
        region: (!region.is_empty()).then(|| region.to_string()),
    };
    validate_with(request, &options)
}

fn localized(issues: &[Issue], lang: Lang) -> Vec<Issue> {
    issues
        .iter()
        .map(|issue| issue.clone().localized(lang))
        .collect()
}

/// A request as the host sees it: the same object the npm package takes.
pub fn request_to_js(request: &CreateJobRequest) -> JsValue {
    js_sys::JSON::parse(&to_json(request, false)).unwrap_or(JsValue::NULL)
}

/// Issues as the npm package's `validate` returns them: `{ code, severity, path, message, params }`.
pub fn issues_to_js(issues: &[Issue]) -> JsValue {
    serde_json::to_string(issues)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or_else(|| js_sys::Array::new().into())
}

impl Host {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        root: web_sys::Element,
        credentials: Option<Function>,
        fetch: Option<Function>,
        proxy_url: Option<String>,
        tabs: Tabs,
        read_only: bool,
        persist: bool,
        standalone: bool,
        callbacks: Callbacks,
    ) -> Host {
        Host {
            credentials,
            fetch,
            proxy_url,
            tabs,
            read_only,
            persist,
            standalone,
            root,
            callbacks,
            cached: RefCell::new(None),
            bridge: RefCell::new(Bridge::default()),
        }
    }

    /// Issues of `request` in the region, in `lang`: what the handle's `validate()` answers.
    pub fn issues(request: &CreateJobRequest, region: &str, lang: Lang) -> Vec<Issue> {
        localized(&validate_in(request, region), lang)
    }

    /// Sends `command` to the App (or keeps it until the App is there).
    pub fn command(&self, command: Command) {
        let handler = self.bridge.borrow().commands.clone();
        match handler {
            Some(handler) => handler.emit(command),
            None => self.bridge.borrow_mut().queued.push(command),
        }
    }

    /// The App is ready for commands: it gets the ones that waited.
    pub fn connect(&self, handler: Callback<Command>) {
        let queued = {
            let mut bridge = self.bridge.borrow_mut();
            bridge.commands = Some(handler.clone());
            std::mem::take(&mut bridge.queued)
        };
        for command in queued {
            handler.emit(command);
        }
    }

    pub fn disconnect(&self) {
        self.bridge.borrow_mut().commands = None;
    }

    /// The App rendered `request` in `region` with `issues` (its own, not localized): remembered
    /// for `getRequest`, and told to the host in `lang` unless the host set it itself.
    pub fn changed(
        &self,
        request: &CreateJobRequest,
        region: &str,
        issues: &[Issue],
        lang: Lang,
        tell: bool,
    ) {
        let echo = {
            let mut bridge = self.bridge.borrow_mut();
            bridge.request = request.clone();
            bridge.region = region.to_string();
            bridge.set_by_host.take().is_some_and(|set| &set == request)
        };
        if !tell || echo {
            return;
        }
        if let Some(on_change) = &self.callbacks.on_change {
            let issues = issues_to_js(&localized(issues, lang));
            reported(on_change.call2(&JsValue::NULL, &request_to_js(request), &issues));
        }
    }

    /// A job was created.
    pub fn submitted(&self, job_id: &str, region: &str, request: &CreateJobRequest) {
        if let Some(on_submitted) = &self.callbacks.on_submitted {
            let detail = Object::new();
            set(&detail, "jobId", job_id);
            set(&detail, "region", region);
            set(&detail, "request", request_to_js(request));
            call(on_submitted, &detail);
        }
    }

    /// The widget learnt a job's status (described, confirmed, cancelled): told when it changed.
    pub fn job_status(&self, job_id: &str, status: &str) {
        let changed = self
            .bridge
            .borrow_mut()
            .statuses
            .insert(job_id.to_string(), status.to_string())
            .is_none_or(|before| before != status);
        if let (true, Some(on_job_updated)) = (changed, &self.callbacks.on_job_updated) {
            let detail = Object::new();
            set(&detail, "jobId", job_id);
            set(&detail, "status", status);
            call(on_job_updated, &detail);
        }
    }

    /// A request failed; the widget shows it, and the host hears it.
    pub fn failed(&self, failure: &Failure) {
        if let Some(on_error) = &self.callbacks.on_error {
            call(on_error, &failure_to_js(failure));
        }
    }

    /// Whether the user types keys into the widget (no provider).
    pub fn has_key_form(&self) -> bool {
        self.credentials.is_none()
    }

    /// Whether the user may choose the proxy (neither a host transport nor a host-chosen proxy).
    pub fn has_proxy_field(&self) -> bool {
        self.fetch.is_none() && self.proxy_url.is_none()
    }

    /// Credentials from the provider: the kept ones while they are fresh, else asked for again.
    pub async fn provided_credentials(&self, provider: &Function) -> Result<Credentials, Failure> {
        let now = js_sys::Date::now();
        if let Some(cached) = &*self.cached.borrow() {
            if cached.renew_at.is_none_or(|at| now < at) {
                return Ok(cached.credentials.clone());
            }
        }
        let host_failure = |reason: String| {
            Failure::Host(Bilingual::fill(|t| t.host_credentials_failed, &[&reason]))
        };
        let returned = provider
            .call0(&JsValue::NULL)
            .map_err(|error| host_failure(reason_of(&error)))?;
        let value = JsFuture::from(Promise::resolve(&returned))
            .await
            .map_err(|error| host_failure(reason_of(&error)))?;
        let (credentials, expires_at) = read_credentials(&value).map_err(host_failure)?;
        *self.cached.borrow_mut() = Some(CachedCredentials {
            credentials: credentials.clone(),
            renew_at: expires_at.map(|at| at - CREDENTIALS_REFRESH_MARGIN_MS),
        });
        Ok(credentials)
    }
}

/// Reads `{ accessKeyId, accessKeySecret, securityToken?, expiration? }`; `expiration` is an ISO 8601
/// text (as STS returns it) or a Date. Returns the credentials and their expiry in Unix milliseconds.
fn read_credentials(value: &JsValue) -> Result<(Credentials, Option<f64>), String> {
    if !value.is_object() {
        return Err(
            "the provider must resolve to an object { accessKeyId, accessKeySecret }".into(),
        );
    }
    let text = |key: &str, required: bool| -> Result<Option<String>, String> {
        let field = Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        if field.is_undefined() || field.is_null() {
            return if required {
                Err(format!("{key} is missing"))
            } else {
                Ok(None)
            };
        }
        match field.as_string() {
            Some(text) if !text.trim().is_empty() => Ok(Some(text.trim().to_string())),
            Some(_) if !required => Ok(None),
            Some(_) => Err(format!("{key} is empty")),
            None => Err(format!("{key} must be a string")),
        }
    };
    let id = text("accessKeyId", true)?.unwrap_or_default();
    let secret = text("accessKeySecret", true)?.unwrap_or_default();
    let mut credentials = Credentials::new(id, secret);
    if let Some(token) = text("securityToken", false)? {
        credentials = credentials.with_security_token(token);
    }
    let expiration =
        Reflect::get(value, &JsValue::from_str("expiration")).unwrap_or(JsValue::UNDEFINED);
    let expires_at = if expiration.is_undefined() || expiration.is_null() {
        None
    } else if let Some(date) = expiration.dyn_ref::<js_sys::Date>() {
        Some(date.get_time())
    } else if let Some(text) = expiration.as_string() {
        Some(js_sys::Date::parse(&text))
    } else {
        return Err("expiration must be an ISO 8601 string or a Date".into());
    };
    if expires_at.is_some_and(f64::is_nan) {
        return Err(
            "expiration is not a date (expected ISO 8601, e.g. 2026-12-01T10:00:00Z)".into(),
        );
    }
    Ok((credentials, expires_at))
}

/// A failure as the host's `onError` and `error` event get it:
/// `{ source: 'oss' | 'proxy' | 'credentials' | 'transport', message, status?, code?, requestId?, ec?,
/// hint?, retryAfterSeconds? }`, in English (the widget shows the user's language).
pub fn failure_to_js(failure: &Failure) -> JsValue {
    let detail = Object::new();
    let (source, status, code, message) = match failure {
        Failure::Oss { status, error, .. } => (
            "oss",
            Some(*status),
            Some(error.code.as_str()),
            error.message.as_str(),
        ),
        Failure::Proxy {
            status, message, ..
        } => ("proxy", Some(*status), None, message.as_str()),
        Failure::Host(message) => ("credentials", None, None, message.en.as_str()),
        Failure::Other(message) => ("transport", None, None, message.en.as_str()),
    };
    set(&detail, "source", source);
    if let Some(status) = status {
        set(&detail, "status", status);
    }
    if let Some(code) = code {
        set(&detail, "code", code);
    }
    set(&detail, "message", message);
    match failure {
        Failure::Oss { error, hint, .. } => {
            for (key, value) in [("requestId", &error.request_id), ("ec", &error.ec)] {
                if let Some(value) = value {
                    set(&detail, key, value.as_str());
                }
            }
            if let Some(hint) = hint.as_deref() {
                set(&detail, "hint", Localized::get(hint, Lang::En));
            }
        }
        Failure::Proxy {
            retry_after_seconds: Some(seconds),
            ..
        } => set(&detail, "retryAfterSeconds", *seconds as f64),
        _ => {}
    }
    detail.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tabs(names: &[&str]) -> Result<Tabs, String> {
        Tabs::parse(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn tabs_are_builder_jobs_or_both_and_nothing_else() {
        assert_eq!(tabs(&["builder"]), Ok(Tabs::Builder));
        assert_eq!(tabs(&["jobs"]), Ok(Tabs::Jobs));
        assert_eq!(tabs(&["jobs", "builder"]), Ok(Tabs::Both));
        assert_eq!(tabs(&["builder", "builder"]), Ok(Tabs::Builder));
        assert!(tabs(&[]).unwrap_err().contains("at least one"));
        assert!(tabs(&["settings"]).unwrap_err().contains("\"settings\""));
        assert!(!Tabs::Jobs.has_builder());
        assert!(Tabs::Both.has_builder());
    }
}
