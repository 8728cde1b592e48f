//! The report reader the page drives itself — for the report objects read from OSS, and for dropped
//! files where the reader worker cannot start — loaded when first needed: the core's reader in a
//! size-built wasm of its own (scripts/build-report-worker.sh, `ossbatch_report_page`), so the first
//! screen does not carry it (docs/benchmarks.md, issue #30). Built without SIMD, it runs where the
//! worker's speed-built module cannot.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
let url = null;
let wasmUrl = null;
let loading = null;
export function setPageReportUrlInJs(value, wasm) { url = value; wasmUrl = wasm; }
export function loadPageReport() {
  if (!url) return Promise.reject(new Error('the report reader was not given a location'));
  loading ??= import(/* webpackIgnore: true */ url).then(async (module) => {
    await module.default({ module_or_path: wasmUrl });
    return module;
  }).catch((error) => { loading = null; throw error; });
  return loading;
}
export function newReportSession(module, columns, sample, seed, lang, restoreJob) {
  return new module.ReportReadSession(columns, sample, seed, lang, restoreJob);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = setPageReportUrlInJs)]
    fn set_page_report_url_in_js(url: &str, wasm: &str);
    #[wasm_bindgen(js_name = loadPageReport)]
    fn load_page_report() -> js_sys::Promise;
    type Session;
    #[wasm_bindgen(catch, js_name = newReportSession)]
    fn new_report_session(
        module: &JsValue,
        columns: &str,
        sample: u32,
        seed: f64,
        lang: &str,
        restore_job: bool,
    ) -> Result<Session, JsValue>;
    #[wasm_bindgen(method, js_name = beginFile)]
    fn begin_file(this: &Session, name: &str);
    #[wasm_bindgen(method)]
    fn update(this: &Session, bytes: &[u8]);
    #[wasm_bindgen(method, js_name = takeRetry)]
    fn take_retry(this: &Session) -> Vec<u8>;
    #[wasm_bindgen(method, catch)]
    fn finish(this: &Session) -> Result<String, JsValue>;
}

/// Where the page's report reader module and its wasm are (the package tells it at load, with
/// `new URL('./…', import.meta.url)` so that bundlers emit both and give their final addresses).
#[wasm_bindgen(js_name = setPageReportUrl)]
pub fn set_page_report_url(url: &str, wasm: &str) {
    set_page_report_url_in_js(url, wasm);
}

/// One read, fed file by file and chunk by chunk.
pub struct PageReader(Session);

impl PageReader {
    /// Loads the module (once) and starts a read; why not, as text.
    pub async fn start(
        columns: &str,
        sample: u32,
        seed: u64,
        lang: &str,
        restore_job: bool,
    ) -> Result<PageReader, String> {
        let module = JsFuture::from(load_page_report())
            .await
            .map_err(|error| crate::transport::reason_of(&error))?;
        new_report_session(&module, columns, sample, seed as f64, lang, restore_job)
            .map(PageReader)
            .map_err(|error| crate::transport::reason_of(&error))
    }

    pub fn begin_file(&self, name: &str) {
        self.0.begin_file(name);
    }

    pub fn update(&self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn take_retry(&self) -> Vec<u8> {
        self.0.take_retry()
    }

    /// `{"summary", "retry"}` as JSON, or why the report cannot be read.
    pub fn finish(&self) -> Result<String, String> {
        self.0.finish().map_err(|error| {
            error
                .as_string()
                .unwrap_or_else(|| crate::transport::reason_of(&error))
        })
    }
}
