//! The live request: pretty XML with syntax highlighting (its text is exactly
//! `to_xml(request, Pretty)`), the JSON form, and copy / download in either byte form.

use crate::i18n::use_texts;
use ossbatch_core::{copy_as, to_json, to_xml, CreateJobRequest, XmlStyle};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub request: CreateJobRequest,
    /// The job's region, for "Copy as ossutil" and "Copy as Go".
    pub region: String,
}

/// Splits our own XML output into markup and text runs; the concatenated runs equal the input. Yew then
/// updates only the text nodes that changed, which is cheaper than rewriting the whole block.
fn highlight(xml: &str) -> Html {
    let mut nodes = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let class = if rest.starts_with("<?") {
                "xml-decl"
            } else {
                "xml-tag"
            };
            nodes.push(html! { <span class={class}>{ &rest[..end] }</span> });
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            if text.trim().is_empty() {
                nodes.push(html! { { text } });
            } else {
                nodes.push(html! { <span class="xml-text">{ text }</span> });
            }
            rest = &rest[end..];
        }
    }
    nodes.into_iter().collect()
}

#[derive(Clone, Copy, PartialEq)]
enum View {
    Xml,
    Json,
}

pub fn copy_text(text: String) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(&text);
    }
}

/// Saves `text` as a file named `name` (a Blob URL on a temporary link).
pub(crate) fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document.create_element("a") {
        if let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() {
            anchor.set_href(&url);
            anchor.set_download(name);
            anchor.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[function_component(Preview)]
pub fn preview(props: &PreviewProps) -> Html {
    let view = use_state(|| View::Xml);
    let pretty = to_xml(&props.request, XmlStyle::Pretty);
    // JSON is only worked out while its tab is shown; copy and download compute it on demand.
    let json = if *view == View::Json {
        to_json(&props.request, true)
    } else {
        String::new()
    };
    let request = props.request.clone();
    let copy_compact = {
        let request = request.clone();
        Callback::from(move |_| copy_text(to_xml(&request, XmlStyle::Compact)))
    };
    let copy_pretty = {
        let pretty = pretty.clone();
        Callback::from(move |_| copy_text(pretty.clone()))
    };
    let copy_ossutil = {
        let request = props.request.clone();
        let region = props.region.clone();
        Callback::from(move |_| copy_text(copy_as::to_ossutil(&request, Some(&region))))
    };
    let copy_go = {
        let request = props.request.clone();
        let region = props.region.clone();
        Callback::from(move |_| copy_text(copy_as::to_go(&request, Some(&region))))
    };
    let copy_json = {
        let request = request.clone();
        Callback::from(move |_| copy_text(to_json(&request, true)))
    };
    let download_xml = {
        let request = request.clone();
        Callback::from(move |_| {
            download(
                "job.xml",
                "application/xml",
                &to_xml(&request, XmlStyle::Compact),
            )
        })
    };
    let download_pretty = {
        let pretty = pretty.clone();
        Callback::from(move |_| download("job.pretty.xml", "application/xml", &pretty))
    };
    let download_json = {
        let request = request.clone();
        Callback::from(move |_| download("job.json", "application/json", &to_json(&request, true)))
    };
    let t = use_texts();
    let show = |v: View| {
        let view = view.clone();
        Callback::from(move |_| view.set(v))
    };
    html! {
        <section class="preview" id="preview" aria-labelledby="preview-heading">
            <div class="preview-bar">
                <h2 id="preview-heading">{ t.request }</h2>
                <div role="tablist" aria-label={t.format}>
                    <button type="button" role="tab" id="tab-xml" aria-selected={(*view == View::Xml).to_string()}
                        aria-controls="xml-preview" onclick={show(View::Xml)}>{ "XML" }</button>
                    <button type="button" role="tab" id="tab-json" aria-selected={(*view == View::Json).to_string()}
                        aria-controls="json-preview" onclick={show(View::Json)}>{ "JSON" }</button>
                </div>
            </div>
            <pre id="xml-preview" class="code" hidden={*view != View::Xml} tabindex="0" aria-label={t.xml_request}>{ highlight(&pretty) }</pre>
            <pre id="json-preview" class="code" hidden={*view != View::Json} tabindex="0" aria-label={t.json_request}>{ json.clone() }</pre>
            <div class="preview-actions">
                <button type="button" id="copy-compact" onclick={copy_compact}>{ t.copy_compact }</button>
                <button type="button" id="copy-pretty" onclick={copy_pretty}>{ t.copy_pretty }</button>
                <button type="button" id="copy-json" onclick={copy_json}>{ t.copy_json }</button>
                <button type="button" id="copy-ossutil" onclick={copy_ossutil}
                    title={t.copy_as_ossutil_title}>{ t.copy_as_ossutil }</button>
                <button type="button" id="copy-go" onclick={copy_go}
                    title={t.copy_as_go_title}>{ t.copy_as_go }</button>
                <button type="button" id="download-xml" onclick={download_xml}>{ t.download_xml }</button>
                <button type="button" id="download-pretty" onclick={download_pretty}>{ t.download_pretty }</button>
                <button type="button" id="download-json" onclick={download_json}>{ t.download_json }</button>
            </div>
        </section>
    }
}
