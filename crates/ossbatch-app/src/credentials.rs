//! The credentials and proxy address used to sign requests. They live in memory (one state shared by the
//! submit panel and the Jobs view) and reach localStorage only when the user ticks "remember".

use crate::i18n::{use_texts, Bilingual, Pick};
use ossbatch_core::api::SigningParams;
use ossbatch_core::{Credentials, SignError, SignatureVersion, SignedRequest, SigningTime};
use serde::{Deserialize, Serialize};
use web_sys::HtmlInputElement;
use yew::prelude::*;

const CREDENTIALS_KEY: &str = "ossbatch.credentials.v1";

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CredentialForm {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    pub proxy_url: String,
    pub remember: bool,
}

// Never print the secret or the token, even in a debug build's logs.
impl std::fmt::Debug for CredentialForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialForm")
            .field("access_key_id", &self.access_key_id)
            .field("proxy_url", &self.proxy_url)
            .field("remember", &self.remember)
            .finish_non_exhaustive()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered credentials, or empty ones.
pub fn remembered() -> CredentialForm {
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

/// What signing needs beyond the request itself: who signs, where, and through which proxy.
#[derive(Clone, PartialEq)]
pub struct Connection {
    pub form: CredentialForm,
    pub region: String,
}

impl Connection {
    /// Why nothing can be signed yet, if so.
    pub fn missing(&self) -> Option<Pick> {
        if self.form.access_key_id.trim().is_empty() || self.form.access_key_secret.is_empty() {
            Some(|t| t.enter_keys)
        } else if self.region.trim().is_empty() {
            Some(|t| t.enter_region)
        } else {
            None
        }
    }

    /// Signs with V4 at the current time; `build` is one of the core's request builders.
    pub fn sign(
        &self,
        build: impl FnOnce(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
    ) -> Result<SignedRequest, Bilingual> {
        let mut credentials = Credentials::new(
            self.form.access_key_id.trim(),
            self.form.access_key_secret.clone(),
        );
        if !self.form.security_token.trim().is_empty() {
            credentials = credentials.with_security_token(self.form.security_token.trim());
        }
        let signed_at = SigningTime::from_unix_millis(js_sys::Date::now())
            .map_err(|e| Bilingual::same(e.to_string()))?;
        let params = SigningParams {
            region: self.region.trim(),
            endpoint: None,
            credentials: &credentials,
            signed_at,
            version: SignatureVersion::V4,
        };
        build(&params).map_err(|error| Bilingual::fill(|t| t.cannot_sign, &[&error]))
    }

    /// Where the browser sends `signed`: `<proxy>/oss/<region>/?<the signed query>`. The proxy defaults
    /// to the page's own origin.
    pub fn proxy_address(&self, signed: &SignedRequest) -> String {
        proxy_address(&self.form.proxy_url, self.region.trim(), &signed.url)
    }
}

fn proxy_address(proxy_url: &str, region: &str, signed_url: &str) -> String {
    let base = proxy_url.trim().trim_end_matches('/');
    let base = if base.is_empty() {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    } else {
        base.to_string()
    };
    let base = base.trim_end_matches("/oss");
    let query = signed_url.split_once('?').map(|(_, q)| q).unwrap_or("");
    format!("{base}/oss/{region}/?{query}")
}

#[derive(Properties, PartialEq)]
pub struct CredentialFieldsProps {
    pub form: UseStateHandle<CredentialForm>,
    /// Prefix of the controls' ids, so the builder and the Jobs view can each show the fields.
    pub id_prefix: AttrValue,
}

/// The credential inputs, the proxy URL and the "remember" box.
#[function_component(CredentialFields)]
pub fn credential_fields(props: &CredentialFieldsProps) -> Html {
    let form = &props.form;
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
    let id = |name: &str| format!("{}-{name}", props.id_prefix);
    let t = use_texts();
    html! {
        <>
            <div class="field">
                <label for={id("access-key-id")}>{ t.access_key_id }</label>
                <input id={id("access-key-id")} name="credentials.accessKeyId" type="text" autocomplete="off" spellcheck="false"
                    value={form.access_key_id.clone()} oninput={edit(|f, v| f.access_key_id = v)} />
            </div>
            <div class="field">
                <label for={id("access-key-secret")}>{ t.access_key_secret }</label>
                <input id={id("access-key-secret")} name="credentials.accessKeySecret" type="password" autocomplete="off"
                    value={form.access_key_secret.clone()} oninput={edit(|f, v| f.access_key_secret = v)} />
            </div>
            <div class="field">
                <label for={id("security-token")}>{ t.security_token }</label>
                <input id={id("security-token")} name="credentials.securityToken" type="password" autocomplete="off"
                    value={form.security_token.clone()} oninput={edit(|f, v| f.security_token = v)} />
            </div>
            <div class="field">
                <label for={id("proxy-url")}>{ t.proxy_url }</label>
                <input id={id("proxy-url")} name="proxyUrl" type="text" autocomplete="off" spellcheck="false"
                    placeholder={t.proxy_url_placeholder} value={form.proxy_url.clone()} oninput={edit(|f, v| f.proxy_url = v)} />
            </div>
            <div class="field checkbox">
                <input id={id("remember")} name="rememberCredentials" type="checkbox" checked={form.remember} onchange={on_remember} />
                <label for={id("remember")}>{ t.remember_credentials }</label>
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proxy_address_keeps_the_signed_query_byte_for_byte() {
        let url = "https://oss-cn-hangzhou.aliyuncs.com/?batchJob&batchJobId=a%2Bb%3D&max-keys=5";
        assert_eq!(
            proxy_address("http://127.0.0.1:8080/", "cn-hangzhou", url),
            "http://127.0.0.1:8080/oss/cn-hangzhou/?batchJob&batchJobId=a%2Bb%3D&max-keys=5"
        );
        assert_eq!(
            proxy_address(
                "https://proxy.example/oss",
                "cn-beijing",
                "https://x/?batchJob"
            ),
            "https://proxy.example/oss/cn-beijing/?batchJob"
        );
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let form = CredentialForm {
            access_key_id: "AKID".into(),
            access_key_secret: "very-secret".into(),
            security_token: "sts-token".into(),
            ..Default::default()
        };
        let shown = format!("{form:?}");
        assert!(shown.contains("AKID"));
        assert!(!shown.contains("very-secret") && !shown.contains("sts-token"));
    }
}
