//! The Plan step's own wasm (scripts/build-plan-wasm.sh), imported when the step is first used so
//! the first screen does not carry the plan's code. The package tells where it is at load
//! (`setPlanModuleUrl`, web/builder/index.js).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
let planUrl = null;
let wasmUrl = null;
let loading = null;
export function setPlanModuleUrlInJs(url, wasm) { planUrl = url; wasmUrl = wasm; }
export function loadPlanModule() {
  if (!planUrl) return Promise.reject(new Error('the Plan step module was not given a location'));
  loading ??= import(/* webpackIgnore: true */ planUrl).then(async (module) => {
    await module.default({ module_or_path: wasmUrl });
    return module;
  }).catch((error) => { loading = null; throw error; });
  return loading;
}
export function planTargetsWith(module, job, manifest) { return JSON.parse(module.planTargets(job, manifest)); }
export function planJsonWith(module, job, input) { return JSON.parse(module.planJson(job, input)); }
export function snapshotFileWith(module, job, input, readAt) { return JSON.parse(module.snapshotFile(job, input, readAt)); }
export function rollbackWith(module, snapshot, failed, source, maxJobs) { return JSON.parse(module.rollbackJson(snapshot, failed, source, maxJobs)); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = setPlanModuleUrlInJs)]
    fn set_plan_module_url_in_js(url: &str, wasm: &str);
    #[wasm_bindgen(js_name = loadPlanModule)]
    fn load_plan_module() -> js_sys::Promise;
    #[wasm_bindgen(js_name = planTargetsWith)]
    fn plan_targets_with(module: &JsValue, job: &str, manifest: &str) -> JsValue;
    #[wasm_bindgen(js_name = planJsonWith)]
    fn plan_json_with(module: &JsValue, job: &str, input: &str) -> JsValue;
    #[wasm_bindgen(js_name = snapshotFileWith)]
    fn snapshot_file_with(module: &JsValue, job: &str, input: &str, read_at: &str) -> JsValue;
    #[wasm_bindgen(js_name = rollbackWith)]
    fn rollback_with(
        module: &JsValue,
        snapshot: &str,
        failed: &str,
        source: &str,
        max_jobs: u32,
    ) -> JsValue;
}

/// Where the Plan step's module and its wasm are (the package tells it at load, with
/// `new URL('./…', import.meta.url)` so that bundlers emit both and give their final addresses).
#[wasm_bindgen(js_name = setPlanModuleUrl)]
pub fn set_plan_module_url(url: &str, wasm: &str) {
    set_plan_module_url_in_js(url, wasm);
}

/// The loaded module.
pub struct PlanModule(JsValue);

impl PlanModule {
    /// Loads it (once; later calls get the same module).
    pub async fn load() -> Result<PlanModule, String> {
        JsFuture::from(load_plan_module())
            .await
            .map(PlanModule)
            .map_err(|error| crate::transport::reason_of(&error))
    }

    /// The manifest's targets `(bucket, key, versionId)`, or why not (naming the row).
    pub fn targets(
        &self,
        job_xml: &str,
        manifest: &str,
    ) -> Result<Vec<(String, String, String)>, String> {
        let value = Js(plan_targets_with(&self.0, job_xml, manifest));
        if let Some(error) = value.get("error").string() {
            return Err(error);
        }
        Ok(value
            .items()
            .iter()
            .map(|row| {
                let field = |i: u32| row.at(i).string().unwrap_or_default();
                (field(0), field(1), field(2))
            })
            .collect())
    }

    /// The plan (`ossbatch plan --json`'s shape with `rows` and the fixed manifest), parsed by the
    /// browser's own JSON reader: the page's wasm carries no JSON parser for it.
    pub fn plan(&self, job_xml: &str, input: &str) -> Result<Js, String> {
        let value = Js(plan_json_with(&self.0, job_xml, input));
        match value.get("error").string() {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

impl PlanModule {
    /// The single-file snapshot of the states the Plan step read (`ossbatch rollback` reads it).
    pub fn snapshot_file(
        &self,
        job_xml: &str,
        input: &str,
        read_at: &str,
    ) -> Result<String, String> {
        let value = Js(snapshot_file_with(&self.0, job_xml, input, read_at));
        match value.get("error").string() {
            Some(error) => Err(error),
            None => Ok(value.get("file").text()),
        }
    }

    /// The rollback of a single-file snapshot, the failed tasks' lines left out (`rollback::prepare`).
    pub fn rollback(
        &self,
        snapshot: &str,
        failed_lines: &str,
        source: &str,
        max_jobs: u32,
    ) -> Result<Js, String> {
        let value = Js(rollback_with(
            &self.0,
            snapshot,
            failed_lines,
            source,
            max_jobs,
        ));
        match value.get("error").string() {
            Some(error) => Err(error),
            None => Ok(value),
        }
    }
}

/// A value parsed by the browser's `JSON.parse`, read field by field.
#[derive(Clone, Debug, PartialEq)]
pub struct Js(pub JsValue);

impl Js {
    pub fn get(&self, name: &str) -> Js {
        Js(js_sys::Reflect::get(&self.0, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED))
    }
    pub fn at(&self, index: u32) -> Js {
        Js(js_sys::Reflect::get_u32(&self.0, index).unwrap_or(JsValue::UNDEFINED))
    }
    pub fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    pub fn text(&self) -> String {
        self.0.as_string().unwrap_or_default()
    }
    pub fn number(&self) -> u64 {
        self.0.as_f64().map_or(0, |n| n as u64)
    }
    pub fn float(&self) -> Option<f64> {
        self.0.as_f64()
    }
    pub fn items(&self) -> Vec<Js> {
        if !js_sys::Array::is_array(&self.0) {
            return Vec::new();
        }
        js_sys::Array::from(&self.0).iter().map(Js).collect()
    }
}
