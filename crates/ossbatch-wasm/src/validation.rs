//! The validation entry point (`ossbatch`): validate, toXml, fromXml, fromJson, toJson, rules. No
//! crypto, no signing, no job management: what a console embeds to check requests.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use ossbatch_core::{rules as core_rules, CreateJobRequest, ValidateOptions, XmlStyle};

use crate::convert::{from_js, options_from_js, string_arg, to_js};

#[wasm_bindgen(typescript_custom_section)]
const VALIDATION_TYPES: &str = r#"
/** How bad an issue is: error = OSS would reject it; warning = legal but likely wrong; info = worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding of `validate`. `path` uses XML element names with 0-based indices, e.g. `Report.Bucket`. */
export interface Issue {
  code: string;
  severity: Severity;
  path: string;
  message: string;
  params: Record<string, unknown>;
}

export interface ValidateOptions { /** The region the job will be created in, e.g. `cn-hangzhou`. */ region?: string; }
export interface XmlOptions { /** Two-space indentation (default: compact, the bytes OSS receives). */ pretty?: boolean; }
export interface JsonOptions { /** Two-space indentation (default: compact). */ pretty?: boolean; }

export interface RuleInfo { code: string; severity: Severity; element: string; summary: string; }

/** Checks a request against every documented rule; returns all issues at once, in document order. */
export function validate(request: CreateJobRequest, options?: ValidateOptions): Issue[];
/** Writes the request as XML: compact (what OSS receives) unless `{ pretty: true }`. */
export function toXml(request: CreateJobRequest, options?: XmlOptions): string;
/** Reads a CreateJob XML document; throws an `Error` with `path`, `line`, `column` and `kind`. */
export function fromXml(xml: string): CreateJobRequest;
/** Reads a job from JSON text; throws an `Error` with `path`, `line`, `column` and `kind`. */
export function fromJson(json: string): CreateJobRequest;
/** Writes the request as JSON text: compact unless `{ pretty: true }`. */
export function toJson(request: CreateJobRequest, options?: JsonOptions): string;
/** The rule catalogue: every code `validate` can report. */
export function rules(): RuleInfo[];
"#;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsValidateOptions {
    #[serde(default)]
    region: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PrettyOptions {
    #[serde(default)]
    pretty: Option<bool>,
}

/// Checks a request against every documented rule; returns all issues at once, in document order.
#[wasm_bindgen(js_name = validate, skip_typescript)]
pub fn validate(request: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let request: CreateJobRequest = from_js("validate", "request", request)?;
    let options: JsValidateOptions = options_from_js("validate", options)?;
    let issues = ossbatch_core::validate_with(
        &request,
        &ValidateOptions {
            region: options.region,
        },
    );
    to_js(&issues)
}

/// Writes the request as XML: compact (what OSS receives) unless `{ pretty: true }`.
#[wasm_bindgen(js_name = toXml, skip_typescript)]
pub fn to_xml(request: JsValue, options: Option<JsValue>) -> Result<String, JsValue> {
    let request: CreateJobRequest = from_js("toXml", "request", request)?;
    let options: PrettyOptions = options_from_js("toXml", options)?;
    let style = if options.pretty.unwrap_or(false) {
        XmlStyle::Pretty
    } else {
        XmlStyle::Compact
    };
    Ok(ossbatch_core::to_xml(&request, style))
}

fn parse_error_to_js(function: &str, error: ossbatch_core::ParseError) -> JsValue {
    let js_error = js_sys::Error::new(&format!("{function}: {error}"));
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&js_error, &JsValue::from_str(key), &value);
    };
    set("path", JsValue::from_str(&error.path));
    set("line", JsValue::from_f64(error.line as f64));
    set("column", JsValue::from_f64(error.column as f64));
    let kind = serde_json::to_value(error.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    set("kind", JsValue::from_str(&kind));
    js_error.into()
}

/// Reads a CreateJob XML document. Throws an `Error` with `path`, `line`, `column` and `kind` on bad input.
#[wasm_bindgen(js_name = fromXml, skip_typescript)]
pub fn from_xml(xml: JsValue) -> Result<JsValue, JsValue> {
    let xml = string_arg("fromXml", "xml", &xml)?;
    let request =
        ossbatch_core::from_xml(&xml).map_err(|error| parse_error_to_js("fromXml", error))?;
    to_js(&request)
}

/// Reads a job from JSON text (the same model, as ossutil accepts).
#[wasm_bindgen(js_name = fromJson, skip_typescript)]
pub fn from_json(json: JsValue) -> Result<JsValue, JsValue> {
    let json = string_arg("fromJson", "json", &json)?;
    let request =
        ossbatch_core::from_json(&json).map_err(|error| parse_error_to_js("fromJson", error))?;
    to_js(&request)
}

/// Writes the request as JSON text: compact unless `{ pretty: true }`.
#[wasm_bindgen(js_name = toJson, skip_typescript)]
pub fn to_json(request: JsValue, options: Option<JsValue>) -> Result<String, JsValue> {
    let request: CreateJobRequest = from_js("toJson", "request", request)?;
    let options: PrettyOptions = options_from_js("toJson", options)?;
    Ok(ossbatch_core::to_json(
        &request,
        options.pretty.unwrap_or(false),
    ))
}

/// The rule catalogue: every code `validate` can report.
#[wasm_bindgen(js_name = rules, skip_typescript)]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(&core_rules::ALL)
}
