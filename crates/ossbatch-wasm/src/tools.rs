//! The tools entry point (`ossbatch/tools`): the RAM policies a job needs and the check of a CSV
//! manifest file with its ETag. Its own wasm so the validation entry stays small (docs/decisions.md,
//! "npm: the tools entry").

use wasm_bindgen::prelude::*;

use crate::input::{with_input, with_input_bytes, with_request};

#[wasm_bindgen(typescript_custom_section)]
const TOOLS_TYPES: &str = include_str!("../../../web/npm/types/tools.d.ts");

/// The role policies of the request in wire form (`length` bytes in the input buffer) as JSON text:
/// `{"trustPolicy", "permissionPolicy", "callerPolicy"}`, each `{document, explanations}`, and
/// `placeholders`. `manifest_buckets` is the buckets a checked manifest names, `\0`-separated.
#[wasm_bindgen(js_name = rolePoliciesInput, skip_typescript)]
pub fn role_policies_input(
    length: usize,
    manifest_buckets: Option<String>,
) -> Result<String, JsValue> {
    let buckets: Option<Vec<String>> = manifest_buckets.map(|list| {
        list.split('\0')
            .filter(|b| !b.is_empty())
            .map(str::to_string)
            .collect()
    });
    with_input(length, |wire| {
        with_request(wire, |request| {
            let policies = ossbatch_core::role_policy::role_policies(request, buckets.as_deref());
            let explained = |policy: ossbatch_core::role_policy::ExplainedPolicy| {
                serde_json::json!({
                    "document": policy.document,
                    "explanations": policy.explanations,
                })
            };
            let value = serde_json::json!({
                "trustPolicy": explained(policies.trust_policy),
                "permissionPolicy": explained(policies.permission_policy),
                "callerPolicy": explained(policies.caller_policy),
                "placeholders": policies.placeholders,
            });
            let mut out = String::new();
            crate::wire::write_json(&mut out, &value);
            out
        })
    })
}

/// Checks a CSV manifest (`length` bytes in the input buffer, the file's bytes) laid out as `fields`
/// (`Spec.Fields`). Returns the summary as JSON text (`rows`, `bytes`, `etag`, `buckets`), `\0`, then
/// the issues in wire form. Throws a `TypeError` when `fields` is not a valid Fields list.
#[wasm_bindgen(js_name = checkManifestInput, skip_typescript)]
pub fn check_manifest_input(
    length: usize,
    fields: &str,
    bucket: Option<String>,
) -> Result<String, JsValue> {
    use ossbatch_core::manifest_file::{check_manifest, ManifestField};
    let fields = ManifestField::parse_list(fields).map_err(|message| {
        JsValue::from(js_sys::TypeError::new(&format!(
            "checkManifest: options.fields: {message}"
        )))
    })?;
    with_input_bytes(length, |bytes| {
        let report = check_manifest(bytes, fields, bucket);
        let summary = serde_json::json!({
            "rows": report.rows,
            "bytes": report.bytes,
            "etag": report.etag,
            "buckets": report.buckets,
        });
        let mut out = String::new();
        crate::wire::write_json(&mut out, &summary);
        out.push('\0');
        out.push_str(&crate::wire::encode_issues(&report.issues));
        Ok(out)
    })
}
