//! The Plan step's own wasm (scripts/build-plan-wasm.sh), imported when the step is first used so
//! the first screen does not carry the plan's code. The package tells where it is at load
//! (`setPlanModuleUrl`, web/builder/index.js).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
let planUrl = null;
let loading = null;
export function setPlanModuleUrlInJs(url) { planUrl = url; }
export function loadPlanModule() {
  if (!planUrl) return Promise.reject(new Error('the Plan step module was not given a location'));
  loading ??= import(planUrl).then(async (module) => {
    await module.default({ module_or_path: new URL('./ossbatch_plan_bg.wasm', planUrl) });
    return module;
  }).catch((error) => { loading = null; throw error; });
  return loading;
}
export function planTargetsWith(module, job, manifest) { return module.planTargets(job, manifest); }
export function planJsonWith(module, job, input) { return module.planJson(job, input); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = setPlanModuleUrlInJs)]
    fn set_plan_module_url_in_js(url: &str);
    #[wasm_bindgen(js_name = loadPlanModule)]
    fn load_plan_module() -> js_sys::Promise;
    #[wasm_bindgen(js_name = planTargetsWith)]
    fn plan_targets_with(module: &JsValue, job: &str, manifest: &str) -> String;
    #[wasm_bindgen(js_name = planJsonWith)]
    fn plan_json_with(module: &JsValue, job: &str, input: &str) -> String;
}

/// Where the Plan step's module is (the package tells it at load).
#[wasm_bindgen(js_name = setPlanModuleUrl)]
pub fn set_plan_module_url(url: &str) {
    set_plan_module_url_in_js(url);
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
        let text = plan_targets_with(&self.0, job_xml, manifest);
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Array(rows)) => Ok(rows
                .iter()
                .map(|row| {
                    let field = |i: usize| row[i].as_str().unwrap_or_default().to_string();
                    (field(0), field(1), field(2))
                })
                .collect()),
            Ok(other) => Err(other["error"].as_str().unwrap_or("unreadable").to_string()),
            Err(error) => Err(error.to_string()),
        }
    }

    /// The plan as JSON (`ossbatch plan --json`'s shape with `rows` and the fixed manifest).
    pub fn plan(&self, job_xml: &str, input: &str) -> Result<serde_json::Value, String> {
        let value: serde_json::Value =
            serde_json::from_str(&plan_json_with(&self.0, job_xml, input))
                .map_err(|error| error.to_string())?;
        match value["error"].as_str() {
            Some(error) => Err(error.to_string()),
            None => Ok(value),
        }
    }
}
