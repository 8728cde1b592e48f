//! The validation entry point (`ossbatch`): validate, toXml, fromXml, fromJson, toJson, rules. No
//! crypto, no signing, no job management: what a console embeds to check requests.

use wasm_bindgen::prelude::*;

use ossbatch_core::{rules as core_rules, CreateJobRequest, ValidateOptions, XmlStyle};

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

// The raw exports below take their input from the input buffer and give the wire form
// (`crate::wire`); the package's JS side (`web/npm/src/validation.body.js`) checks the caller's
// arguments and offers the documented functions.
//
// Input crosses through one buffer in wasm memory that the JS side fills with `TextEncoder.encodeInto`
// (`inputBuffer` → `encodeInto` → the call, with the byte count): wasm-bindgen's own string passing
// copies ASCII one character at a time in JS, which was a sixth of a `validate` call (docs/benchmarks.md).

thread_local! {
    static INPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Buffers over this size are released after use, so one large document does not pin its memory.
const KEEP_INPUT_CAPACITY: usize = 64 * 1024;

/// The address of an input buffer of at least `capacity` bytes, for the JS side to write into.
#[wasm_bindgen(js_name = inputBuffer, skip_typescript)]
pub fn input_buffer(capacity: usize) -> *mut u8 {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        // Grown (zero-filled) only when too small: its old bytes are overwritten by the caller.
        if input.len() < capacity {
            input.resize(capacity, 0);
        }
        input.as_mut_ptr()
    })
}

/// The wasm memory, for the JS side's view of the input buffer.
#[wasm_bindgen(js_name = wasmMemory, skip_typescript)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Runs `f` on the first `length` bytes of the input buffer as text.
fn with_input<T>(length: usize, f: impl FnOnce(&str) -> Result<T, JsValue>) -> Result<T, JsValue> {
    INPUT.with(|input| {
        let result = {
            let input = input.borrow();
            let bytes = input.get(..length).ok_or_else(|| {
                JsValue::from(js_sys::Error::new(
                    "ossbatch internal error: input longer than its buffer",
                ))
            })?;
            // encodeInto writes UTF-8 (lone surrogates become U+FFFD), so this holds; checked anyway.
            let text = std::str::from_utf8(bytes).map_err(|_| {
                JsValue::from(js_sys::Error::new(
                    "ossbatch internal error: input is not UTF-8",
                ))
            })?;
            f(text)
        };
        let mut input = input.borrow_mut();
        if input.capacity() > KEEP_INPUT_CAPACITY {
            *input = Vec::new();
        }
        result
    })
}

thread_local! {
    static STRINGS: std::cell::RefCell<crate::wire::StringPool> = std::cell::RefCell::default();
}

/// Runs `f` on the request in wire form, then gives its strings back to the pool.
fn with_request<T>(wire: &str, f: impl FnOnce(&CreateJobRequest) -> T) -> Result<T, JsValue> {
    STRINGS.with(|pool| {
        let mut pool = pool.borrow_mut();
        let request = crate::wire::decode_request_with(wire, &mut pool).map_err(|message| {
            JsValue::from(js_sys::Error::new(&format!(
                "ossbatch internal error: {message}"
            )))
        })?;
        let result = f(&request);
        pool.recycle(request);
        Ok(result)
    })
}

/// Issues of the request in wire form (`length` bytes in the input buffer), in wire form.
#[wasm_bindgen(js_name = validateInput, skip_typescript)]
pub fn validate_input(length: usize, region: Option<String>) -> Result<String, JsValue> {
    with_input(length, |wire| {
        with_request(wire, |request| {
            let issues = ossbatch_core::validate_with(request, &ValidateOptions { region });
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

/// The rule catalogue: every code `validate` can report.
#[wasm_bindgen(js_name = rules, skip_typescript)]
pub fn rules() -> String {
    crate::wire::encode_rules(core_rules::ALL)
}
