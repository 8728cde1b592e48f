//! The builder's Plan step module (feature `plan`, scripts/build-plan-wasm.sh): loaded by the page
//! only when the Plan step is opened, so the first screen does not carry the plan's code. Text in,
//! text out: the job as XML (as the builder previews it) and JSON.

use wasm_bindgen::prelude::*;

fn job(xml: &str) -> Result<ossbatch_core::CreateJobRequest, String> {
    ossbatch_core::from_xml(xml).map_err(|error| error.to_string())
}

/// The targets a manifest's text names, as JSON `[[bucket, key, versionId], …]`, or
/// `{"error": …}` naming the row.
#[wasm_bindgen(js_name = planTargets)]
pub fn plan_targets(job_xml: &str, manifest_text: &str) -> String {
    let result = job(job_xml).and_then(|request| {
        let location = request.manifest.as_ref().and_then(|m| m.location.as_ref());
        let fields = request
            .manifest
            .as_ref()
            .and_then(|m| m.spec.as_ref())
            .and_then(|s| s.fields.clone())
            .unwrap_or_else(|| "Bucket,Key".into());
        let fields = ossbatch_core::manifest_file::ManifestField::parse_list(&fields)
            .map_err(|e| format!("Manifest.Spec.Fields: {e}"))?;
        let bucket = location.and_then(|l| l.bucket.clone()).unwrap_or_default();
        let targets =
            ossbatch_core::plan::manifest::read_targets(manifest_text.as_bytes(), &fields, &bucket)
                .map_err(|e| e.to_string())?;
        Ok(serde_json::Value::from(
            targets
                .into_iter()
                .map(|t| serde_json::json!([t.bucket, t.key, t.version_id]))
                .collect::<Vec<_>>(),
        ))
    });
    match result {
        Ok(value) => value.to_string(),
        Err(error) => serde_json::json!({ "error": error }).to_string(),
    }
}

/// The plan (`ossbatch_core::plan::supplied`) as JSON, or `{"error": …}` naming the field.
#[wasm_bindgen(js_name = planJson)]
pub fn plan_json(job_xml: &str, input_json: &str) -> String {
    let result = job(job_xml).and_then(|request| {
        let input = serde_json::from_str(input_json).map_err(|e| format!("input: {e}"))?;
        let plan = ossbatch_core::plan::supplied::plan_supplied(&request, input)?;
        serde_json::to_string(&plan).map_err(|e| e.to_string())
    });
    result.unwrap_or_else(|error| serde_json::json!({ "error": error }).to_string())
}

/// The before-image the Plan step read, as a single-file snapshot (`ossbatch rollback` reads it):
/// `{"file": text}`, or `{"error": …}`.
#[wasm_bindgen(js_name = snapshotFile)]
pub fn snapshot_file(job_xml: &str, input_json: &str, read_at: &str) -> String {
    let result = job(job_xml).and_then(|request| {
        let input = serde_json::from_str(input_json).map_err(|e| format!("input: {e}"))?;
        ossbatch_core::snapshot::from_supplied(&request, input, read_at)
    });
    match result {
        Ok(file) => serde_json::json!({ "file": file }).to_string(),
        Err(error) => serde_json::json!({ "error": error }).to_string(),
    }
}

/// The rollback of a single-file snapshot, the failed tasks' `bucket,key,versionId` lines left
/// out: `ossbatch_core::rollback::prepare::BrowserRollback` as JSON, or `{"error": …}`.
#[wasm_bindgen(js_name = rollbackJson)]
pub fn rollback_json(snapshot: &str, failed_lines: &str, source: &str, max_jobs: u32) -> String {
    let result = ossbatch_core::rollback::prepare::from_single_file(
        snapshot.as_bytes(),
        failed_lines,
        Some(source),
        max_jobs as usize,
    )
    .and_then(|rollback| serde_json::to_string(&rollback).map_err(|e| e.to_string()));
    result.unwrap_or_else(|error| serde_json::json!({ "error": error }).to_string())
}
