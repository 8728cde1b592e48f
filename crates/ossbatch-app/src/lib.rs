//! The ossbatch browser job builder. A thin Yew UI over `ossbatch-core`: the request it edits is the
//! core's draft model; the preview is `to_xml`, the issues are `validate`.
//!
//! There is one way in: the npm package `ossbatch-builder` (web/builder/) makes a shadow root on the
//! host element, adopts the stylesheet and calls [`mount_builder`] on an element inside it. The
//! standalone page (index.html) is a host that mounts it with `standalone: true`.

mod app;
mod credentials;
mod fields;
mod file_slices;
mod host;
mod i18n;
mod import;
mod issues;
mod jobs;
mod journal;
mod labels;
mod manifest_check;
mod plan;
mod preview;
mod region;
mod role;
mod sections;
mod state;
mod storage;
mod submit;
mod transport;

use std::rc::Rc;

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;

use app::{App, AppProps};
use host::{issues_to_js, request_to_js, Callbacks, Command, Host, HostContext, Tabs};
use ossbatch_core::presets::new_draft;
use ossbatch_core::{CreateJobRequest, Lang};

const DEFAULT_REGION: &str = "cn-hangzhou";

fn fresh_draft() -> CreateJobRequest {
    let mut draft = new_draft();
    draft.client_request_token = Some(sections::job::new_token());
    draft
}

fn type_error(message: String) -> JsValue {
    js_sys::TypeError::new(&format!("ossbatch-builder: {message}")).into()
}

/// Reads `options[key]`: `undefined` and `null` mean not given.
fn option(options: &JsValue, key: &str) -> Option<JsValue> {
    let value = Reflect::get(options, &JsValue::from_str(key)).ok()?;
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// `options[key]` read by `read` when given; a value `read` refuses is a TypeError saying what
/// `options.key` must be (`a string`, `a boolean`, `a function`).
fn typed_option<T>(
    options: &JsValue,
    key: &str,
    must_be: &str,
    read: impl FnOnce(JsValue) -> Option<T>,
) -> Result<Option<T>, JsValue> {
    option(options, key)
        .map(|value| {
            read(value).ok_or_else(|| type_error(format!("options.{key} must be {must_be}")))
        })
        .transpose()
}

fn string_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    typed_option(options, key, "a string", |v| v.as_string())
}

fn bool_option(options: &JsValue, key: &str) -> Result<Option<bool>, JsValue> {
    typed_option(options, key, "a boolean", |v| v.as_bool())
}

fn function_option(options: &JsValue, key: &str) -> Result<Option<Function>, JsValue> {
    typed_option(options, key, "a function", |v| {
        v.dyn_into::<Function>().ok()
    })
}

/// A request in the npm package's shape (`{ "Priority": 10, "Operation": {…} }`).
fn read_request(value: &JsValue, what: &str) -> Result<CreateJobRequest, JsValue> {
    let text = js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| type_error(format!("{what} cannot be written as JSON")))?;
    serde_json::from_str(&text).map_err(|error| type_error(format!("{what}: {error}")))
}

fn read_lang(tag: &str, what: &str) -> Result<Lang, JsValue> {
    Lang::parse(tag).ok_or_else(|| type_error(format!("{what} must be 'en' or 'zh' (got {tag:?})")))
}

/// Mounts a builder into `root` (the element inside the widget's shadow root that the package's
/// `mount` made). The package checks the option names; this checks their values. Returns the raw
/// handle the package's handle wraps.
#[wasm_bindgen(js_name = mountBuilder)]
pub fn mount_builder(root: web_sys::Element, options: JsValue) -> Result<BuilderHandle, JsValue> {
    let options = if options.is_object() {
        options
    } else {
        js_sys::Object::new().into()
    };
    let request = option(&options, "request")
        .map(|value| read_request(&value, "options.request"))
        .transpose()?;
    let lang = string_option(&options, "lang")?
        .map(|tag| read_lang(&tag, "options.lang"))
        .transpose()?;
    let tabs = match option(&options, "tabs") {
        None => Tabs::Both,
        Some(value) => {
            let names = js_sys::Array::is_array(&value)
                .then(|| {
                    js_sys::Array::from(&value)
                        .iter()
                        .map(|v| v.as_string())
                        .collect::<Option<Vec<_>>>()
                })
                .flatten()
                .ok_or_else(|| {
                    type_error("options.tabs must be an array of 'builder' and 'jobs'".into())
                })?;
            Tabs::parse(&names).map_err(|why| type_error(format!("options.tabs: {why}")))?
        }
    };
    let standalone = bool_option(&options, "standalone")?.unwrap_or(false);
    let persist = bool_option(&options, "persist")?.unwrap_or(standalone);
    let proxy_url = string_option(&options, "proxyUrl")?.filter(|url| !url.trim().is_empty());
    let callbacks = Callbacks {
        on_change: function_option(&options, "onChange")?,
        on_submitted: function_option(&options, "onSubmitted")?,
        on_job_updated: function_option(&options, "onJobUpdated")?,
        on_error: function_option(&options, "onError")?,
    };
    let host = Rc::new(Host::new(
        root.clone(),
        function_option(&options, "credentials")?,
        function_option(&options, "fetch")?,
        proxy_url,
        tabs,
        bool_option(&options, "readOnly")?.unwrap_or(false),
        persist,
        standalone,
        callbacks,
    ));

    // The whole page: a share link in the URL fragment wins over the saved draft.
    let mut notice = None;
    let mut shared = None;
    if standalone {
        match storage::draft_from_fragment(&storage::current_fragment()) {
            Some(Ok(draft)) => {
                storage::clear_fragment();
                shared = Some(draft);
            }
            Some(Err(message)) => notice = Some(message),
            None => {}
        }
    }
    // A host that hands over a job, or a shared one, wants it checked: its issues show at once.
    let reveal = request.is_some() || shared.is_some();
    let initial = request
        .or(shared)
        .or_else(|| persist.then(storage::load_draft).flatten())
        .unwrap_or_else(fresh_draft);
    let region = string_option(&options, "region")?
        .or_else(|| persist.then(storage::load_region).flatten())
        .unwrap_or_else(|| DEFAULT_REGION.to_string());
    {
        let mut bridge = host.bridge.borrow_mut();
        bridge.request = initial.clone();
        bridge.region = region.clone();
        bridge.lang = lang;
    }
    let app = yew::Renderer::<App>::with_root_and_props(
        root,
        AppProps {
            initial,
            region,
            host: HostContext(host.clone()),
            notice,
            reveal,
            lang,
        },
    )
    .render();
    Ok(BuilderHandle {
        host,
        app: Some(app),
    })
}

/// The raw handle of one mounted builder (the package's `mount` wraps it).
#[wasm_bindgen]
pub struct BuilderHandle {
    host: Rc<Host>,
    app: Option<yew::AppHandle<App>>,
}

#[wasm_bindgen]
impl BuilderHandle {
    /// The current request, in the npm package's shape.
    #[wasm_bindgen(js_name = getRequest)]
    pub fn get_request(&self) -> JsValue {
        request_to_js(&self.host.bridge.borrow().request)
    }

    /// Replaces the request (its issues show at once); `onChange` does not echo it.
    #[wasm_bindgen(js_name = setRequest)]
    pub fn set_request(&self, request: JsValue) -> Result<(), JsValue> {
        let request = read_request(&request, "setRequest(request)")?;
        self.host.command(Command::SetRequest(Box::new(request)));
        Ok(())
    }

    /// The issues of the current request, as the npm package's `validate` gives them (in the
    /// widget's language).
    pub fn validate(&self) -> JsValue {
        let bridge = self.host.bridge.borrow();
        let lang = bridge.lang.unwrap_or(Lang::En);
        issues_to_js(&Host::issues(&bridge.request, &bridge.region, lang))
    }

    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: &str) -> Result<(), JsValue> {
        let lang = read_lang(lang, "setLang(lang)")?;
        self.host.command(Command::SetLang(lang));
        Ok(())
    }

    #[wasm_bindgen(js_name = setRegion)]
    pub fn set_region(&self, region: &str) {
        self.host
            .command(Command::SetRegion(region.trim().to_string()));
    }

    /// Shows the builder and moves focus to the control for `path` (or its nearest enclosing one).
    #[wasm_bindgen(js_name = focusIssue)]
    pub fn focus_issue(&self, path: &str) {
        self.host.command(Command::FocusIssue(path.to_string()));
    }

    /// Unmounts: every component, effect, timer and listener the App made goes with it.
    pub fn destroy(&mut self) {
        self.host.disconnect();
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}
