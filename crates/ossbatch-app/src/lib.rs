//! The ossbatch browser job builder. A thin Yew UI over `ossbatch-core`: the request it edits is the
//! core's draft model; the preview is `to_xml`, the issues are `validate`.
//!
//! Standalone, it mounts into `#app` (index.html). Host pages embed it with the exported
//! `mount(element, { request, region, onChange })`, or the `<ossbatch-job-builder>` element defined in
//! `web/app/ossbatch-job-builder.js`.

mod app;
mod credentials;
mod fields;
mod i18n;
mod import;
mod issues;
mod jobs;
mod labels;
mod manifest_check;
mod preview;
mod region;
mod role;
mod sections;
mod state;
mod storage;
mod submit;
mod transport;

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use app::{App, AppProps, HostCallback};
use ossbatch_core::presets::new_draft;
use ossbatch_core::CreateJobRequest;

const DEFAULT_REGION: &str = "cn-hangzhou";

fn fresh_draft() -> CreateJobRequest {
    let mut draft = new_draft();
    draft.client_request_token = Some(sections::job::new_token());
    draft
}

/// Starts the standalone builder when the page has `#app`.
#[wasm_bindgen(start)]
pub fn start() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    let mut notice = None;
    let initial = match storage::draft_from_fragment(&storage::current_fragment()) {
        Some(Ok(draft)) => {
            storage::clear_fragment();
            Some(draft)
        }
        Some(Err(message)) => {
            notice = Some(message);
            None
        }
        None => None,
    };
    // A shared job is one the user asked to look at: all its issues show at once.
    let reveal = initial.is_some();
    let initial = initial
        .or_else(storage::load_draft)
        .unwrap_or_else(fresh_draft);
    let region = storage::load_region().unwrap_or_else(|| DEFAULT_REGION.to_string());
    yew::Renderer::<App>::with_root_and_props(
        root,
        AppProps {
            initial,
            region,
            persist: true,
            on_change: None,
            notice,
            reveal,
            lang: None,
        },
    )
    .render();
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MountOptions {
    #[serde(default)]
    request: Option<CreateJobRequest>,
    #[serde(default)]
    region: Option<String>,
    /// `en` or `zh` (`zh-CN`); otherwise the browser's languages decide.
    #[serde(default)]
    lang: Option<String>,
}

/// Mounts a builder into `element`. `options.request` is the initial job (the same shape as the npm
/// package's), `options.region` the region, and `options.onChange(request)` is called on every change.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<(), JsValue> {
    let on_change = js_sys::Reflect::get(&options, &JsValue::from_str("onChange"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(HostCallback);
    let data = if options.is_object() {
        let copy = js_sys::Object::assign(&js_sys::Object::new(), options.unchecked_ref());
        let _ = js_sys::Reflect::delete_property(&copy, &JsValue::from_str("onChange"));
        String::from(js_sys::JSON::stringify(&copy)?)
    } else {
        "{}".to_string()
    };
    let options: MountOptions = serde_json::from_str(&data).map_err(|error| {
        JsValue::from(js_sys::TypeError::new(&format!("mount: options: {error}")))
    })?;
    let lang = match options.lang.as_deref() {
        None => None,
        Some(tag) => Some(ossbatch_core::Lang::parse(tag).ok_or_else(|| {
            JsValue::from(js_sys::TypeError::new(&format!(
                "mount: options.lang must be 'en' or 'zh' (got {tag:?})"
            )))
        })?),
    };
    yew::Renderer::<App>::with_root_and_props(
        element,
        AppProps {
            // A host that hands over a job wants it checked: its issues show at once.
            reveal: options.request.is_some(),
            initial: options.request.unwrap_or_else(fresh_draft),
            region: options.region.unwrap_or_else(|| DEFAULT_REGION.to_string()),
            persist: false,
            on_change,
            notice: None,
            lang,
        },
    )
    .render();
    Ok(())
}
