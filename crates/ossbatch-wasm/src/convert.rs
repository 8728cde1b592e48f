//! Crossing the JS boundary: reading arguments strictly (a `TypeError` naming the function and the
//! field, never a wasm trap) and handing results back as plain JS objects.
//!
//! Values travel as JSON text (`JSON.stringify` / `JSON.parse` are native), read by one serde_json
//! deserializer through serde_path_to_error, so unknown fields are refused and the wrong field is named.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub fn type_error(function: &str, message: impl std::fmt::Display) -> JsValue {
    js_sys::TypeError::new(&format!("{function}: {message}")).into()
}

/// Reads a JS value into a Rust type, naming the field that does not fit.
pub fn from_js<T: DeserializeOwned>(
    function: &str,
    argument: &str,
    value: JsValue,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Err(type_error(function, format!("{argument} is required")));
    }
    if !value.is_object() {
        return Err(type_error(
            function,
            format!("{argument} must be an object"),
        ));
    }
    let text: String = js_sys::JSON::stringify(&value)
        .map_err(|_| {
            type_error(
                function,
                format!("{argument} cannot be read (a BigInt or a cycle?)"),
            )
        })?
        .into();
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let at = if path == "." {
            argument.to_string()
        } else {
            format!("{argument}.{path}")
        };
        type_error(
            function,
            format!("{at}: {}", without_position(&error.inner().to_string())),
        )
    })
}

/// serde_json appends " at line L column C" of the intermediate JSON text, which means nothing here.
fn without_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |index| &message[..index])
}

/// Like `from_js`, but `undefined` and `null` mean "no options".
pub fn options_from_js<T: DeserializeOwned + Default>(
    function: &str,
    value: Option<JsValue>,
) -> Result<T, JsValue> {
    match value {
        Some(value) if !value.is_undefined() && !value.is_null() => {
            from_js(function, "options", value)
        }
        _ => Ok(T::default()),
    }
}

pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|error| {
        JsValue::from(js_sys::Error::new(&format!(
            "cannot convert the result to JavaScript: {error}"
        )))
    })?;
    js_sys::JSON::parse(&text)
}

pub fn string_arg(function: &str, argument: &str, value: &JsValue) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(function, format!("{argument} must be a string")))
}

/// Optional fields that are absent stay absent in JS (no `null`s).
pub fn strip_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(strip_nulls).collect())
        }
        other => other,
    }
}
