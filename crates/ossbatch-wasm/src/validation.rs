//! The validation entry point (`ossbatch`): validate, toXml, fromXml, fromJson, toJson, rules. No
//! crypto, no signing, no job management: what a console embeds to check requests.

use wasm_bindgen::prelude::*;

use ossbatch_core::{rules as core_rules, Lang, ValidateOptions, XmlStyle};

#[wasm_bindgen(typescript_custom_section)]
const VALIDATION_TYPES: &str = include_str!("../../../web/npm/types/validation.d.ts");

use crate::input::{with_input, with_request};

/// Issues of the request in wire form (`length` bytes in the input buffer), in wire form.
#[wasm_bindgen(js_name = validateInput, skip_typescript)]
pub fn validate_input(
    length: usize,
    region: Option<String>,
    lang: Option<String>,
) -> Result<String, JsValue> {
    // The JS side has refused a language other than en/zh, naming `options.lang`.
    let lang = lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    with_input(length, |wire| {
        with_request(wire, |request| {
            let issues: Vec<ossbatch_core::Issue> =
                ossbatch_core::validate_with(request, &ValidateOptions { region })
                    .into_iter()
                    .map(|issue| issue.localized(lang))
                    .collect();
            crate::wire::encode_issues(&issues)
        })
    })
}

/// The XML of the request in wire form (`length` bytes in the input buffer): compact (what OSS
/// receives) or pretty.
#[wasm_bindgen(js_name = toXmlInput, skip_typescript)]
pub fn to_xml_input(length: usize, pretty: bool) -> Result<String, JsValue> {
    let style = if pretty {
        XmlStyle::Pretty
    } else {
        XmlStyle::Compact
    };
    with_input(length, |wire| {
        with_request(wire, |request| ossbatch_core::to_xml(request, style))
    })
}

fn parse_error_to_js(function: &str, error: ossbatch_core::ParseError) -> JsValue {
    let js_error = js_sys::Error::new(&format!("{function}: {error}"));
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&js_error, &JsValue::from_str(key), &value);
    };
    set("path", JsValue::from_str(&error.path));
    set("line", JsValue::from_f64(error.line as f64));
    set("column", JsValue::from_f64(error.column as f64));
    set("kind", JsValue::from_str(error.kind.as_str()));
    js_error.into()
}

/// Reads a CreateJob XML document (`length` bytes in the input buffer) into wire form. Throws an
/// `Error` with `path`, `line`, `column` and `kind` on bad input.
#[wasm_bindgen(js_name = fromXmlInput, skip_typescript)]
pub fn from_xml_input(length: usize) -> Result<String, JsValue> {
    with_input(length, |xml| {
        let request =
            ossbatch_core::from_xml(xml).map_err(|error| parse_error_to_js("fromXml", error))?;
        Ok(crate::wire::encode_request(&request))
    })
}

/// The rule catalogue: every code `validate` can report, with summaries in `lang` (en by default).
#[wasm_bindgen(js_name = rules, skip_typescript)]
pub fn rules(lang: Option<String>) -> String {
    let lang = lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    crate::wire::encode_rules(core_rules::ALL, lang)
}
