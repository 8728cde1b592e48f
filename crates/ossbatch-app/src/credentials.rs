//! The credentials and proxy address used to sign requests. They live in memory (one state shared by the
//! submit panel and the Jobs view) and reach localStorage only when the user ticks "remember".

use crate::host::HostContext;
use crate::i18n::{use_texts, Bilingual, Pick};
use crate::transport::{self, Failure};
use ossbatch_core::api::response::ResponseError;
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

/// A request builder, boxed: one signing path for every object call.
type BuildRequest<'a> = dyn FnOnce(&SigningParams<'_>) -> Result<SignedRequest, SignError> + 'a;

/// What signing needs beyond the request itself: who signs (the form, or the host's provider),
/// where, and how the signed request travels (the proxy, or the host's transport).
#[derive(Clone, PartialEq)]
pub struct Connection {
    pub form: CredentialForm,
    pub region: String,
    pub host: HostContext,
}

impl Connection {
    /// Why nothing can be signed yet, if so. With a host provider, the keys are the host's business.
    pub fn missing(&self) -> Option<Pick> {
        let keys_missing =
            self.form.access_key_id.trim().is_empty() || self.form.access_key_secret.is_empty();
        if self.host.has_key_form() && keys_missing {
            Some(|t| t.enter_keys)
        } else if self.region.trim().is_empty() {
            Some(|t| t.enter_region)
        } else {
            None
        }
    }

    /// The credentials to sign with: the host provider's (kept until they near expiry), else the form's.
    async fn credentials(&self) -> Result<Credentials, Failure> {
        if let Some(provider) = &self.host.credentials {
            return self.host.provided_credentials(provider).await;
        }
        let mut credentials = Credentials::new(
            self.form.access_key_id.trim(),
            self.form.access_key_secret.clone(),
        );
        if !self.form.security_token.trim().is_empty() {
            credentials = credentials.with_security_token(self.form.security_token.trim());
        }
        Ok(credentials)
    }

    /// Signs with V4 at the current time; `build` is one of the core's request builders.
    pub async fn sign(
        &self,
        build: impl FnOnce(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
    ) -> Result<SignedRequest, Failure> {
        let credentials = self.credentials().await?;
        let signed_at = SigningTime::from_unix_millis(js_sys::Date::now())
            .map_err(|e| Failure::Other(Bilingual::same(e.to_string())))?;
        let params = SigningParams {
            region: self.region.trim(),
            endpoint: None,
            credentials: &credentials,
            signed_at,
            version: SignatureVersion::V4,
        };
        build(&params)
            .map_err(|error| Failure::Other(Bilingual::fill(|t| t.cannot_sign, &[&error])))
    }

    /// Signs with `build`, sends, and reads the answer with `parse`; the host hears any failure.
    pub async fn call<T>(
        &self,
        build: impl FnOnce(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
        parse: impl FnOnce(u16, &str) -> Result<T, ResponseError>,
        on_signed: impl FnOnce(&SignedRequest),
    ) -> Result<(T, Option<String>), Failure> {
        let result = async {
            let answer = self
                .signed_and_sent(Box::new(build), &mut Some(on_signed))
                .await?;
            let request_id = answer.request_id();
            transport::read(answer, parse).map(|value| (value, request_id))
        }
        .await;
        self.reported(result)
    }

    /// Signs and sends a job call: one body for every caller (see `object_call_boxed`).
    async fn signed_and_sent(
        &self,
        build: Box<BuildRequest<'_>>,
        on_signed: &mut Option<impl FnOnce(&SignedRequest)>,
    ) -> Result<transport::Answer, Failure> {
        let signed = self.ready_and_signed(build).await?;
        if let Some(on_signed) = on_signed.take() {
            on_signed(&signed);
        }
        transport::send(&signed, &self.route(&signed)).await
    }

    /// Uploads a manifest the page wrote (PutObject, `text/csv`) and returns the ETag OSS answered,
    /// lower case without quotes: one body for the Plan step's fixed manifest, the retry manifest and
    /// the rollback's manifests, each of which compares it with its own.
    pub async fn put_manifest(
        &self,
        bucket: String,
        key: String,
        body: String,
    ) -> Result<String, Failure> {
        let answer = self
            .object_call(move |params| {
                ossbatch_core::api::objects::build_put_object(
                    &bucket, &key, body, "text/csv", params,
                )
            })
            .await?;
        Ok(answer.etag.unwrap_or_default().to_ascii_lowercase())
    }

    /// Signs an object call with `build` (GetObject, HeadObject, GetObjectTagging, GetObjectAcl,
    /// PutObject) and sends it along the same route as the job calls; the host hears any failure,
    /// as it does theirs.
    pub async fn object_call(
        &self,
        build: impl FnOnce(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
    ) -> Result<transport::ObjectAnswer, Failure> {
        // One body for every call site: the builder is boxed, so each caller's closure does not
        // make its own copy of signing and sending (a copy was ~3 KB of the page's wasm).
        self.object_call_boxed(Box::new(build)).await
    }

    async fn object_call_boxed(
        &self,
        build: Box<BuildRequest<'_>>,
    ) -> Result<transport::ObjectAnswer, Failure> {
        let result = async {
            let signed = self.ready_and_signed(build).await?;
            transport::send_for_object(&signed, &self.route(&signed)).await
        }
        .await;
        self.reported(result)
    }

    /// What every call does first: refuses when keys or region are missing, then signs.
    async fn ready_and_signed(
        &self,
        build: impl FnOnce(&SigningParams<'_>) -> Result<SignedRequest, SignError>,
    ) -> Result<SignedRequest, Failure> {
        if let Some(missing) = self.missing() {
            return Err(Failure::Other(Bilingual::fill(missing, &[])));
        }
        self.sign(build).await
    }

    /// What every call does last: a failure is told to the host (`onError`) before it is returned.
    fn reported<T>(&self, result: Result<T, Failure>) -> Result<T, Failure> {
        if let Err(failure) = &result {
            self.host.failed(failure);
        }
        result
    }

    /// The route `signed` takes: the host's transport, else the proxy.
    fn route(&self, signed: &SignedRequest) -> transport::Route<'_> {
        transport::Route {
            host_fetch: self.host.fetch.as_ref(),
            proxy_address: self.proxy_address(signed),
        }
    }

    /// Where the browser sends `signed`: `<proxy>/oss/<region>/?<the signed query>`. The proxy is the
    /// host's choice, else the form's, else the page's own origin.
    pub fn proxy_address(&self, signed: &SignedRequest) -> String {
        let proxy = self
            .host
            .proxy_url
            .as_deref()
            .unwrap_or(&self.form.proxy_url);
        proxy_address(proxy, self.region.trim(), &signed.url)
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
    // A job call goes to `oss-<region>.aliyuncs.com/?…`; an object call to
    // `<bucket>.oss-<region>.aliyuncs.com/<key>?…`, which the proxy takes at `/oss/<region>/b/<bucket>/<key>`.
    let after_scheme = signed_url
        .split_once("://")
        .map_or(signed_url, |(_, rest)| rest);
    let (authority, path_query) = after_scheme
        .split_once('/')
        .map_or((after_scheme, ""), |(a, p)| (a, p));
    match authority.split_once(".oss-") {
        Some((bucket, _)) => format!("{base}/oss/{region}/b/{bucket}/{path_query}"),
        None => {
            let query = signed_url.split_once('?').map(|(_, q)| q).unwrap_or("");
            format!("{base}/oss/{region}/?{query}")
        }
    }
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
    let host = use_context::<HostContext>().expect("the App provides its host");
    // An embedded builder leaves the host's localStorage alone unless the host asked for `persist`.
    let stores = host.persist;
    let edit = |apply: fn(&mut CredentialForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*form).clone();
            apply(&mut next, el.value());
            if stores {
                persist(&next);
            }
            form.set(next);
        })
    };
    let on_remember = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*form).clone();
            next.remember = el.checked();
            if stores {
                persist(&next);
            }
            form.set(next);
        })
    };
    let id = |name: &str| format!("{}-{name}", props.id_prefix);
    let t = use_texts();
    // A host with a credentials provider owns the keys: no AccessKey input exists at all.
    let keys = host.has_key_form();
    let proxy = host.has_proxy_field();
    if !keys && !proxy {
        return html! {};
    }
    html! {
        <>
            if keys {
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
            }
            if proxy {
            <div class="field">
                <label for={id("proxy-url")}>{ t.proxy_url }</label>
                <input id={id("proxy-url")} name="proxyUrl" type="text" autocomplete="off" spellcheck="false"
                    placeholder={t.proxy_url_placeholder} value={form.proxy_url.clone()} oninput={edit(|f, v| f.proxy_url = v)} />
            </div>
            }
            // Remembering is offered only where the host lets the widget use storage.
            if keys && host.persist {
            <div class="field checkbox">
                <input id={id("remember")} name="rememberCredentials" type="checkbox" checked={form.remember} onchange={on_remember} />
                <label for={id("remember")}>{ t.remember_credentials }</label>
            </div>
            }
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
