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

/// The plan of the request in wire form (`length` bytes in the input buffer) over the state the
/// caller read (`input_json`: `ossbatch_core::plan::supplied::SuppliedInput`), as JSON text. Throws a
/// `TypeError` naming the field when the input is not of that shape.
#[wasm_bindgen(js_name = planInput, skip_typescript)]
pub fn plan_input(length: usize, input_json: &str) -> Result<String, JsValue> {
    use ossbatch_core::plan::supplied::{plan_supplied, SuppliedInput};
    let type_error =
        |message: String| JsValue::from(js_sys::TypeError::new(&format!("plan: {message}")));
    let input: SuppliedInput =
        serde_json::from_str(input_json).map_err(|e| type_error(format!("input: {e}")))?;
    with_input(length, |wire| {
        with_request(wire, |request| {
            plan_supplied(request, input)
                .map(|plan| serde_json::to_string(&plan).unwrap_or_default())
                .map_err(type_error)
        })
    })?
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

/// A completion report being read (`summarizeReport`, `retryManifest`): the JS side writes each
/// chunk into the input buffer and calls `update` with its length.
#[wasm_bindgen(js_name = ReportSession, skip_typescript)]
pub struct ReportSession {
    reader: Option<ossbatch_core::report::ReportReader>,
    lang: ossbatch_core::Lang,
    /// The retry manifest's last bytes, after `finish`.
    tail: Vec<u8>,
}

#[wasm_bindgen(js_class = ReportSession)]
impl ReportSession {
    /// `columns`: a `--columns` list; `retry_fields`: `Some("")` for the default fields, `None` for
    /// no retry manifest. Throws a `TypeError` naming the option that is not valid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        function: &str,
        columns: Option<String>,
        retry_fields: Option<String>,
        restore_job: bool,
        lang: Option<String>,
    ) -> Result<ReportSession, JsValue> {
        use ossbatch_core::manifest_file::ManifestField;
        use ossbatch_core::report::{Column, ReportOptions, ReportReader};
        let refuse = |option: &str, message: String| -> JsValue {
            js_sys::TypeError::new(&format!("{function}: options.{option}: {message}")).into()
        };
        let columns = columns
            .map(|list| Column::parse_list(&list).map_err(|m| refuse("columns", m)))
            .transpose()?;
        let retry_fields = match retry_fields.as_deref() {
            None => None,
            Some("") => Some(Vec::new()),
            Some(list) => Some(ManifestField::parse_list(list).map_err(|m| refuse("fields", m))?),
        };
        let lang = lang
            .as_deref()
            .and_then(ossbatch_core::Lang::parse)
            .unwrap_or_default();
        Ok(ReportSession {
            reader: Some(ReportReader::new(ReportOptions {
                columns,
                retry_fields,
                restore_job,
                lang,
                sample: None,
            })),
            lang,
            tail: Vec::new(),
        })
    }

    #[wasm_bindgen(js_name = beginFile)]
    pub fn begin_file(&mut self, name: &str) {
        if let Some(reader) = self.reader.as_mut() {
            reader.begin_file(name);
        }
    }

    /// The next `length` bytes of the current file, from the input buffer.
    pub fn update(&mut self, length: usize) -> Result<(), JsValue> {
        let reader = self.reader.as_mut();
        with_input_bytes(length, |bytes| {
            if let Some(reader) = reader {
                reader.update(bytes);
            }
            Ok(())
        })
    }

    /// The retry manifest's bytes since the last call (after `finish`: its last bytes).
    #[wasm_bindgen(js_name = takeRetry)]
    pub fn take_retry(&mut self) -> Vec<u8> {
        match self.reader.as_mut() {
            Some(reader) => reader.take_retry(),
            None => std::mem::take(&mut self.tail),
        }
    }

    /// The summary as JSON text (the retry manifest's last bytes wait for `takeRetry`). Throws an
    /// `Error` naming the file when the report cannot be read.
    pub fn finish(&mut self, function: &str) -> Result<String, JsValue> {
        let reader = self.reader.take().ok_or_else(|| {
            JsValue::from(js_sys::Error::new(
                "ossbatch: the report was finished already",
            ))
        })?;
        let outcome = reader
            .finish()
            .map_err(|error| JsValue::from(js_sys::Error::new(&format!("{function}: {error}"))))?;
        let summary = &outcome.summary;
        let lang = self.lang;
        let groups: Vec<serde_json::Value> = summary
            .groups
            .iter()
            .map(|group| {
                serde_json::json!({
                    "errorCode": group.error_code,
                    "httpStatus": group.http_status,
                    "count": group.count,
                    "sampleKeys": group.sample_keys,
                    "cause": group.fix.map(|fix| fix.cause.get(lang)),
                    "fix": group.fix.map(|fix| fix.fix.get(lang)),
                })
            })
            .collect();
        let columns: Vec<&str> = summary.layout.columns.iter().map(|c| c.as_str()).collect();
        let value = serde_json::json!({
            "tasks": summary.tasks,
            "succeeded": summary.succeeded,
            "failed": summary.failed,
            "groups": groups,
            "layout": { "columns": columns, "source": summary.layout.source, "reason": summary.layout.reason },
            "assumptions": summary.assumptions,
            "damaged": summary.damaged,
            "damagedRows": summary.damaged_rows,
            "retry": outcome.retry,
        });
        self.tail = outcome.retry_tail;
        let mut out = String::new();
        crate::wire::write_json(&mut out, &value);
        Ok(out)
    }
}
