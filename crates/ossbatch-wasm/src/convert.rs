//! Crossing the JS boundary: errors the JS side throws as they are (a `TypeError` naming the function
//! and the field, never a wasm trap) and results handed back as JSON text for `JSON.parse`.
//!
//! Arguments are checked and put into plain values or the wire form by the JS half of each entry
//! (web/npm/src/*.body.js), so no entry carries a JSON reader.

use serde::Serialize;
use wasm_bindgen::prelude::*;

pub fn type_error(function: &str, message: impl std::fmt::Display) -> JsValue {
    js_sys::TypeError::new(&format!("{function}: {message}")).into()
}

/// A result as JSON text (the JS side parses it: `JSON.parse` is native and fast).
pub fn to_json<T: Serialize>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|error| {
        JsValue::from(js_sys::Error::new(&format!(
            "cannot convert the result to JavaScript: {error}"
        )))
    })
}
