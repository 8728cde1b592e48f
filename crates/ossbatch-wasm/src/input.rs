//! The input buffer the entries read requests and other long text from (validation, sign, tools).
//!
//! Input crosses through one buffer in wasm memory that the JS side fills with `TextEncoder.encodeInto`
//! (`inputBuffer` → `encodeInto` → the call, with the byte count): wasm-bindgen's own string passing
//! copies ASCII one character at a time in JS, which was a sixth of a `validate` call (docs/benchmarks.md).

use wasm_bindgen::prelude::*;

use ossbatch_core::CreateJobRequest;

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

/// Runs `f` on the first `length` bytes of the input buffer, then releases a large buffer.
pub(crate) fn with_input_bytes<T>(
    length: usize,
    f: impl FnOnce(&[u8]) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    INPUT.with(|input| {
        let result = {
            let input = input.borrow();
            let bytes = input.get(..length).ok_or_else(|| {
                JsValue::from(js_sys::Error::new(
                    "ossbatch internal error: input longer than its buffer",
                ))
            })?;
            f(bytes)
        };
        let mut input = input.borrow_mut();
        if input.capacity() > KEEP_INPUT_CAPACITY {
            *input = Vec::new();
        }
        result
    })
}

/// Runs `f` on the first `length` bytes of the input buffer as text.
pub(crate) fn with_input<T>(
    length: usize,
    f: impl FnOnce(&str) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    with_input_bytes(length, |bytes| {
        // encodeInto writes UTF-8 (lone surrogates become U+FFFD), so this holds; checked anyway.
        let text = std::str::from_utf8(bytes).map_err(|_| {
            JsValue::from(js_sys::Error::new(
                "ossbatch internal error: input is not UTF-8",
            ))
        })?;
        f(text)
    })
}

thread_local! {
    static STRINGS: std::cell::RefCell<crate::wire::StringPool> = std::cell::RefCell::default();
}

/// Runs `f` on the request in wire form, then gives its strings back to the pool.
pub(crate) fn with_request<T>(
    wire: &str,
    f: impl FnOnce(&CreateJobRequest) -> T,
) -> Result<T, JsValue> {
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
