//! Sending a signed request through the ossbatch proxy with `fetch` (or the host's transport), and
//! what can go wrong on the way, in words a user can act on. It knows only the route a request takes
//! ([`Route`]), not who signed it: `credentials::Connection` signs, sends through here and reports
//! failures to the host, for job and object calls alike.

use crate::i18n::{fill, texts, Bilingual, ZH};
use ossbatch_core::api::response::{
    hint_for_error, ErrorHeaders, ProxyErrorBody, ResponseError, PROXY_ERROR_HEADER,
};
use ossbatch_core::{Lang, Localized};
use ossbatch_core::{OssError, SignedRequest};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestInit;
use yew::prelude::*;

/// The answer OSS gave (through the proxy).
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// `x-oss-request-id`, `x-oss-ec`, and `x-oss-err` (a HEAD answer's `<Error>`, base64).
    pub error_headers: ErrorHeaders,
}

impl Answer {
    /// The answer's RequestId: from the `x-oss-request-id` header.
    pub fn request_id(&self) -> Option<String> {
        self.error_headers.request_id.clone()
    }
}

/// Why a request did not give the result asked for.
#[derive(Clone, PartialEq, Debug)]
pub enum Failure {
    /// OSS answered with an `<Error>`: every field it sent, and ossbatch's hint for its code.
    Oss {
        status: u16,
        error: Box<OssError>,
        hint: Option<Box<Localized>>,
    },
    /// The ossbatch proxy answered itself (rate limit, busy, refused region or origin): OSS never saw
    /// the request.
    Proxy {
        status: u16,
        message: String,
        /// How long the proxy asks to wait before the next request (429 and 503).
        retry_after_seconds: Option<u64>,
    },
    /// The host page's credentials provider failed (rejected, threw, or gave something unusable):
    /// nothing was signed or sent.
    Host(Bilingual),
    /// The request never got an OSS answer (signing, network, unreadable body).
    Other(Bilingual),
}

impl Failure {
    /// Turns a core response error into what the page shows.
    pub fn from_response(error: ResponseError) -> Failure {
        match error {
            ResponseError::Oss { status, error } => Failure::Oss {
                status,
                hint: hint_for_error(&error).map(Box::new),
                error,
            },
            ResponseError::Proxy {
                status,
                message,
                retry_after_seconds,
            } => Failure::Proxy {
                status,
                message,
                retry_after_seconds,
            },
            ResponseError::Unexpected {
                status,
                ref reason,
                ref excerpt,
            } => {
                // English is the core's own sentence; in Chinese the frame is translated and the
                // core's reason (it quotes the body) and the excerpt are kept as they are.
                let mut zh = fill(ZH.unexpected_response, &[&status, reason]);
                if !excerpt.is_empty() {
                    zh.push_str(&fill(ZH.body_starts, &[excerpt]));
                }
                let en = error.to_string();
                Failure::Other(Bilingual { en, zh })
            }
        }
    }

    /// How long the proxy asked to wait, if it did.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            Failure::Proxy {
                retry_after_seconds,
                ..
            } => *retry_after_seconds,
            _ => None,
        }
    }
}

/// Where a signed request goes: the host's transport when it supplied one, else the browser's
/// `fetch` to this address on the proxy.
pub struct Route<'a> {
    pub host_fetch: Option<&'a js_sys::Function>,
    pub proxy_address: String,
}

impl Route<'_> {
    async fn fetch(&self, signed: &SignedRequest) -> Result<web_sys::Response, Failure> {
        match self.host_fetch {
            Some(fetch) => host_fetch(fetch, signed).await,
            None => proxy_fetch(signed, &self.proxy_address).await,
        }
    }
}

/// What a thrown or rejected value says: an Error's message, else its text.
pub fn reason_of(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    error.as_string().unwrap_or_else(|| {
        js_sys::JSON::stringify(error)
            .map(String::from)
            .unwrap_or_default()
    })
}

/// Sends `signed` along `route` and reads the answer as the proxy's or OSS's.
pub async fn send(signed: &SignedRequest, route: &Route<'_>) -> Result<Answer, Failure> {
    read_response(route.fetch(signed).await?).await
}

/// The host's `fetch({ method, url, headers, body? })`: `url` is the OSS URL the request was signed
/// for, `headers` a plain object of the signed headers; it resolves to a `Response`.
async fn host_fetch(
    fetch: &js_sys::Function,
    signed: &SignedRequest,
) -> Result<web_sys::Response, Failure> {
    let request = js_sys::Object::new();
    let headers = js_sys::Object::new();
    for (name, value) in &signed.headers {
        let _ = js_sys::Reflect::set(
            &headers,
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        );
    }
    let _ = js_sys::Reflect::set(
        &request,
        &JsValue::from_str("method"),
        &JsValue::from_str(&signed.method),
    );
    let _ = js_sys::Reflect::set(
        &request,
        &JsValue::from_str("url"),
        &JsValue::from_str(&signed.url),
    );
    let _ = js_sys::Reflect::set(&request, &JsValue::from_str("headers"), &headers);
    if !signed.body.is_empty() {
        let _ = js_sys::Reflect::set(
            &request,
            &JsValue::from_str("body"),
            &JsValue::from_str(&signed.body),
        );
    }
    let failed = |error: &JsValue| {
        Failure::Other(Bilingual::fill(
            |t| t.host_transport_failed,
            &[&reason_of(error)],
        ))
    };
    let returned = fetch
        .call1(&JsValue::NULL, &request)
        .map_err(|e| failed(&e))?;
    let value = JsFuture::from(js_sys::Promise::resolve(&returned))
        .await
        .map_err(|e| failed(&e))?;
    value.dyn_into().map_err(|_| {
        Failure::Other(Bilingual::fill(
            |t| t.host_transport_failed,
            &[&"it did not resolve to a Response"],
        ))
    })
}

/// The browser's `fetch` to the proxy. Requests without a body are sent without one: `fetch` would
/// add an unsigned `Content-Type: text/plain` to an empty string body.
async fn proxy_fetch(signed: &SignedRequest, address: &str) -> Result<web_sys::Response, Failure> {
    let window = web_sys::window().ok_or_else(|| Failure::Other(Bilingual::same("no window")))?;
    let init = RequestInit::new();
    init.set_method(&signed.method);
    let headers = web_sys::Headers::new()
        .map_err(|_| Failure::Other(Bilingual::same("cannot build the request headers")))?;
    for (name, value) in &signed.headers {
        headers.set(name, value).map_err(|_| {
            Failure::Other(Bilingual::same(format!(
                "the browser refused the header {name}"
            )))
        })?;
    }
    init.set_headers(&headers);
    if !signed.body.is_empty() {
        init.set_body(&wasm_bindgen::JsValue::from_str(&signed.body));
    }
    let response = JsFuture::from(window.fetch_with_str_and_init(address, &init))
        .await
        .map_err(|_| Failure::Other(Bilingual::fill(|t| t.cannot_reach_proxy, &[&address])))?;
    response.dyn_into().map_err(|_| {
        Failure::Other(Bilingual::same(
            "the browser returned something that is not a response",
        ))
    })
}

/// An object call's answer (issue #22): its bytes as they are (a report may be gzip) and its ETag.
pub struct ObjectAnswer {
    pub bytes: Vec<u8>,
    /// Without the quotes OSS puts around it.
    pub etag: Option<String>,
    /// HeadObject's `x-oss-restore`, for the effect check.
    pub restore: Option<String>,
    /// HeadObject's `x-oss-storage-class`, for the Plan step.
    pub storage_class: Option<String>,
}

/// Sends an object call (GetObject, PutObject) and reads its bytes; a refusal is read as the proxy's
/// or OSS's, like every other answer.
pub async fn send_for_object(
    signed: &SignedRequest,
    route: &Route<'_>,
) -> Result<ObjectAnswer, Failure> {
    let response = route.fetch(signed).await?;
    let refused = !(200..300).contains(&response.status())
        || response
            .headers()
            .get(PROXY_ERROR_HEADER)
            .ok()
            .flatten()
            .is_some();
    if refused {
        let answer = read_response(response).await?;
        let parsed = read(answer, |status, body| {
            ossbatch_core::api::response::parse_result_document(status, body, "Error").map(|_| ())
        });
        return Err(parsed.err().unwrap_or_else(|| {
            Failure::Other(Bilingual::same(
                "OSS refused the request without saying why",
            ))
        }));
    }
    let etag = response
        .headers()
        .get("etag")
        .ok()
        .flatten()
        .map(|etag| etag.trim_matches('"').to_string());
    let restore = response.headers().get("x-oss-restore").ok().flatten();
    let storage_class = response.headers().get("x-oss-storage-class").ok().flatten();
    let buffer = match response.array_buffer() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    }
    .ok_or_else(|| Failure::Other(Bilingual::same("the answer's body could not be read")))?;
    Ok(ObjectAnswer {
        bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
        etag,
        restore,
        storage_class,
    })
}

/// Reads a response: the proxy's own answers (by header or body) as proxy failures, anything else as
/// OSS's answer for the core's readers.
async fn read_response(response: web_sys::Response) -> Result<Answer, Failure> {
    let status = response.status();
    let error_headers =
        ErrorHeaders::from_lookup(|name| response.headers().get(name).ok().flatten());
    let from_proxy = response
        .headers()
        .get(PROXY_ERROR_HEADER)
        .ok()
        .flatten()
        .is_some();
    let retry_after = response
        .headers()
        .get("retry-after")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok());
    let body = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    // The header is visible same-origin and, through the proxy's expose list, cross-origin; the body
    // is recognised either way, so a proxy answer is never read as an OSS document.
    let proxy_body = ProxyErrorBody::parse(&body).filter(|_| !(200..300).contains(&status));
    if from_proxy || proxy_body.is_some() {
        let (message, body_retry) = match proxy_body {
            Some(parsed) => (parsed.error, parsed.retry_after_seconds),
            None => (body, None),
        };
        return Err(Failure::Proxy {
            status,
            message,
            retry_after_seconds: retry_after.or(body_retry),
        });
    }
    Ok(Answer {
        status,
        body,
        error_headers,
    })
}

/// Reads an answer with one of the core's response parsers.
pub fn read<T>(
    answer: Answer,
    parse: impl FnOnce(u16, &str) -> Result<T, ResponseError>,
) -> Result<T, Failure> {
    let headers = &answer.error_headers;
    headers
        .read(answer.status, &answer.body, parse)
        .map_err(Failure::from_response)
}

/// A failure as the page shows it. `ids` gives the element ids a prefix (`""` keeps the submit
/// panel's historical `#error-code`, `#error-message`, `#error-hint`).
pub fn failure_view(failure: &Failure, what: &str, ids: &str, lang: Lang) -> Html {
    let t = texts(lang);
    let id = |name: &str| {
        if ids.is_empty() {
            name.to_string()
        } else {
            format!("{ids}-{name}")
        }
    };
    match failure {
        Failure::Oss {
            status,
            error,
            hint,
        } => html! {
            <>
                <p>{ fill(t.oss_refused, &[&what, status]) }<code id={id("error-code")}>{ &error.code }</code></p>
                <p id={id("error-message")}>{ &error.message }</p>
                if let Some(hint) = hint { <p id={id("error-hint")}>{ hint.get(lang) }</p> }
                <p class="help">
                    if let Some(id) = &error.request_id { { format!("RequestId {id}") } }
                    if let Some(ec) = &error.ec { { format!(" · EC {ec}") } }
                </p>
                // Everything else OSS said (OSSAccessKeyId, StringToSign, …): shown, never logged.
                if !error.other.is_empty() {
                    <dl id={id("error-other")} class="error-other" translate="no">
                        { for error.other.iter().map(|(name, value)| html! {
                            <><dt>{ name }</dt><dd><pre class="code">{ value }</pre></dd></>
                        }) }
                    </dl>
                }
            </>
        },
        Failure::Proxy {
            status,
            message,
            retry_after_seconds,
        } => html! {
            <>
                <p id={id("error-message")}>{ proxy_message(*status, message, *retry_after_seconds, lang) }</p>
                <p class="help">{ fill(t.proxy_answered, &[status]) }</p>
            </>
        },
        Failure::Host(message) => html! {
            <>
                <p id={id("error-message")}>{ message.get(lang).to_string() }</p>
                <p class="help">{ t.host_credentials_help }</p>
            </>
        },
        Failure::Other(message) => {
            html! { <p id={id("error-message")}>{ message.get(lang).to_string() }</p> }
        }
    }
}

/// A proxy answer in plain words: 429 says how long to wait.
pub fn proxy_message(
    status: u16,
    message: &str,
    retry_after_seconds: Option<u64>,
    lang: Lang,
) -> String {
    let t = texts(lang);
    match (status, retry_after_seconds) {
        (429, Some(seconds)) => fill(t.too_many_retry_in, &[&seconds]),
        (429, None) => t.too_many_wait.to_string(),
        (503, Some(seconds)) => fill(t.proxy_busy, &[&seconds]),
        _ => fill(t.proxy_refused, &[&message]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unexpected_answer_keeps_the_core_sentence_in_english_and_translates_its_frame() {
        let error = ResponseError::Unexpected {
            status: 404,
            reason: "the body is not XML".into(),
            excerpt: "not found".into(),
        };
        let english = error.to_string();
        let Failure::Other(shown) = Failure::from_response(error) else {
            panic!("an unexpected answer is Other");
        };
        assert_eq!(shown.en, english);
        assert_eq!(
            shown.zh,
            "意外的响应（HTTP 404）：the body is not XML；响应开头：not found"
        );
    }

    #[test]
    fn proxy_answers_read_plainly() {
        assert_eq!(
            proxy_message(429, "too many requests; retry in 3 s", Some(3), Lang::En),
            "Too many requests; retry in 3 s."
        );
        assert!(
            proxy_message(404, "region not allowed", None, Lang::En).contains("region not allowed")
        );
        assert_eq!(
            proxy_message(429, "", Some(3), Lang::Zh),
            "请求过多；请在 3 秒后重试。"
        );
        let failure = Failure::from_response(ResponseError::Proxy {
            status: 429,
            message: "x".into(),
            retry_after_seconds: Some(7),
        });
        assert_eq!(failure.retry_after_seconds(), Some(7));
    }
}
