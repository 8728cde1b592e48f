//! Drafts that survive a reload (localStorage) and share links (the draft in the URL fragment).
//! Only the request is stored: never credentials.

use crate::i18n::Bilingual;
use std::cell::RefCell;
use std::rc::Rc;

use base64::Engine;
use ossbatch_core::{from_json, to_json, CreateJobRequest};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const DRAFT_KEY: &str = "ossbatch.draft.v1";
const REGION_KEY: &str = "ossbatch.region.v1";
/// The interface language the user chose in the header (absent: follow the browser).
const LANG_KEY: &str = "ossbatch.lang.v1";
const FRAGMENT_PREFIX: &str = "#draft=";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn save_draft(request: &CreateJobRequest, region: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(DRAFT_KEY, &to_json(request, false));
        let _ = storage.set_item(REGION_KEY, region);
    }
}

pub fn load_draft() -> Option<CreateJobRequest> {
    let text = local_storage()?.get_item(DRAFT_KEY).ok().flatten()?;
    from_json(&text).ok()
}

pub fn load_region() -> Option<String> {
    local_storage()?.get_item(REGION_KEY).ok().flatten()
}

/// `#draft=<base64url of the compact JSON>`.
pub fn load_lang() -> Option<ossbatch_core::Lang> {
    let tag = local_storage()?.get_item(LANG_KEY).ok().flatten()?;
    ossbatch_core::Lang::parse(&tag)
}

pub fn save_lang(lang: ossbatch_core::Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANG_KEY, lang.as_str());
    }
}

pub fn share_fragment(request: &CreateJobRequest) -> String {
    let json = to_json(request, false);
    format!(
        "{FRAGMENT_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    )
}

pub fn draft_from_fragment(fragment: &str) -> Option<Result<CreateJobRequest, Bilingual>> {
    let encoded = fragment.strip_prefix(FRAGMENT_PREFIX)?;
    let bytes = match base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
    {
        Ok(bytes) => bytes,
        Err(error) => return Some(Err(Bilingual::fill(|t| t.share_damaged, &[&error]))),
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => return Some(Err(Bilingual::fill(|t| t.share_not_utf8, &[]))),
    };
    Some(from_json(&text).map_err(|error| Bilingual::fill(|t| t.share_unreadable, &[&error])))
}

pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The page's address without its fragment.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// Removes the fragment from the address bar once read, so a reload uses the autosaved draft.
pub fn clear_fragment() {
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&page_address()),
            );
        }
    }
}

/// How long typing may pause before the draft is written.
const AUTOSAVE_DELAY_MS: i32 = 300;

/// Debounced draft saving with a flush on `pagehide`.
pub struct Autosave {
    enabled: bool,
    pending: Option<(CreateJobRequest, String)>,
    timer: Option<i32>,
    on_timer: Option<Closure<dyn FnMut()>>,
    on_hide: Option<Closure<dyn FnMut()>>,
}

// Unmounting (the handle's destroy) writes what is pending and removes the timer and the listener,
// so nothing of the builder keeps running in the host page.
impl Drop for Autosave {
    fn drop(&mut self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(timer) = self.timer.take() {
            window.clear_timeout_with_handle(timer);
        }
        if let Some(on_hide) = self.on_hide.take() {
            let _ = window
                .remove_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
        }
        if let Some((request, region)) = self.pending.take() {
            save_draft(&request, &region);
        }
    }
}

impl Autosave {
    pub fn new(enabled: bool) -> Self {
        Autosave {
            enabled,
            pending: None,
            timer: None,
            on_timer: None,
            on_hide: None,
        }
    }

    fn flush(&mut self) {
        self.timer = None;
        if let Some((request, region)) = self.pending.take() {
            save_draft(&request, &region);
        }
    }

    pub fn schedule(this: &Rc<RefCell<Self>>, request: CreateJobRequest, region: String) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let mut autosave = this.borrow_mut();
        if !autosave.enabled {
            return;
        }
        autosave.pending = Some((request, region));
        if autosave.on_timer.is_none() {
            let weak = Rc::downgrade(this);
            autosave.on_timer = Some(Closure::new(move || {
                if let Some(this) = weak.upgrade() {
                    this.borrow_mut().flush();
                }
            }));
            let weak = Rc::downgrade(this);
            let on_hide: Closure<dyn FnMut()> = Closure::new(move || {
                if let Some(this) = weak.upgrade() {
                    this.borrow_mut().flush();
                }
            });
            let _ = window
                .add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
            autosave.on_hide = Some(on_hide);
        }
        if let Some(timer) = autosave.timer.take() {
            window.clear_timeout_with_handle(timer);
        }
        if let Some(callback) = &autosave.on_timer {
            autosave.timer = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    AUTOSAVE_DELAY_MS,
                )
                .ok();
        }
    }
}
