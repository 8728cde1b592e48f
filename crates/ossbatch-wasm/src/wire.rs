//! The compact text form a request and its issues cross the JS boundary in (the validation entry).
//!
//! The package's JS side walks the caller's object once (checking every field's name and type, so a
//! wrong one throws a `TypeError` naming it) and writes one record per field present; this module reads
//! those records into the core's model, and writes a model or issues back the same way. One string
//! each way instead of `JSON.stringify` + serde_json + `JSON.parse`: that round trip was most of a call's
//! time and a third of the wasm (docs/benchmarks.md).
//!
//! A record is a one-character field code, the value, and `\0`. Inside a value, `\0`, `\u{1}` and
//! `\u{2}` are written as `\u{1}` followed by `0`, `1` or `2`. Containers are records without a value
//! (`O` = Operation present); a tag is `t`, then its `k` and `v`. Booleans are `1` / `0`, integers
//! decimal. `encodeRequest`/`decodeIssues` in `web/npm/src/common.body.js` (with the field tables generated into
//! `web/npm/src/wire-fields.generated.js`) are the other half; `web/tests/npm` checks the two against the serde path of
//! `ossbatch/sign` on many requests.

use std::borrow::Cow;

use crate::wire_fields::code;

use ossbatch_core::model::{DeleteObjectTagging, Tag, TaggingOperation};
use ossbatch_core::{CreateJobRequest, Issue};

const END: char = '\0';
const ESCAPE: char = '\u{1}';
const FIELD: char = '\u{2}';

/// True when `text` holds one of the three wire specials. A byte scan: they are ASCII, so no UTF-8
/// sequence contains their bytes, and a byte loop is several times faster in wasm than `str::contains`
/// with a char set (it was a tenth of `validate`'s time).
fn has_special(text: &str) -> bool {
    !ossbatch_core::validate::names::all_bytes(text, |b| b > 2)
}

fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.as_bytes().contains(&(ESCAPE as u8)) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == ESCAPE {
            out.push(match chars.next() {
                Some('0') => END,
                Some('1') => ESCAPE,
                _ => FIELD,
            });
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn escape_into(out: &mut String, value: &str) {
    if !has_special(value) {
        out.push_str(value);
        return;
    }
    for c in value.chars() {
        match c {
            END => out.push_str("\u{1}0"),
            ESCAPE => out.push_str("\u{1}1"),
            FIELD => out.push_str("\u{1}2"),
            c => out.push(c),
        }
    }
}

/// Which tagging operation `S`, `t`, `k` and `v` records belong to.
#[derive(Clone, Copy)]
enum Tagging {
    Put,
    Add,
}

/// The value in an optional slot, created empty on first use: a record may name a field of a
/// container whose own record has not come (or never comes, for a field given alone).
fn slot<T: Default>(slot: &mut Option<T>) -> &mut T {
    slot.get_or_insert_with(T::default)
}

fn tag_set(r: &mut CreateJobRequest, tagging: Tagging) -> &mut Vec<Tag> {
    let operation = slot(&mut r.operation);
    let tagging = match tagging {
        Tagging::Put => &mut operation.put_object_tagging,
        Tagging::Add => &mut operation.add_object_tagging,
    };
    slot(&mut slot(tagging).tag_set)
}

/// Strings to reuse for the text of the next request: a console validates and previews the same shape
/// of request over and over, and allocating (then freeing) each field's string was a quarter of a
/// `validate` call in the size-optimized wasm. Filled by [`StringPool::recycle`].
#[derive(Default)]
pub struct StringPool(Vec<String>);

impl StringPool {
    /// At most this many strings are kept (a request with many tags returns more).
    const KEEP: usize = 64;

    fn text(&mut self, value: &str) -> String {
        match self.0.pop() {
            Some(mut text) => {
                text.clear();
                text.push_str(value);
                text
            }
            None => value.to_owned(),
        }
    }

    fn keep(&mut self, text: Option<String>) {
        if let Some(text) = text {
            if self.0.len() < Self::KEEP {
                self.0.push(text);
            }
        }
    }

    /// Takes back the strings of a request that is no longer needed.
    pub fn recycle(&mut self, r: CreateJobRequest) {
        if let Some(operation) = r.operation {
            for tagging in [operation.put_object_tagging, operation.add_object_tagging] {
                for tag in tagging.and_then(|t| t.tag_set).into_iter().flatten() {
                    self.keep(tag.key);
                    self.keep(tag.value);
                }
            }
            self.keep(operation.put_object_acl.and_then(|acl| acl.object_acl));
            self.keep(operation.restore_object.and_then(|restore| restore.tier));
        }
        let report = r.report.unwrap_or_default();
        let manifest = r.manifest.unwrap_or_default();
        let location = manifest.location.unwrap_or_default();
        let spec = manifest.spec.unwrap_or_default();
        for text in [
            report.bucket,
            report.prefix,
            report.report_scope,
            r.client_request_token,
        ] {
            self.keep(text);
        }
        for text in [
            location.etag,
            location.bucket,
            location.object,
            location.version_id,
        ] {
            self.keep(text);
        }
        for text in [spec.fields, spec.format] {
            self.keep(text);
        }
        if let Some(generator) = r.key_prefix_manifest_generator {
            self.keep(generator.source_bucket);
            self.keep(generator.prefix);
        }
        self.keep(r.description);
        self.keep(r.role_arn);
    }
}

/// Reads the records the JS side wrote. The JS side checked names and types; a record this version
/// does not know is a bug between the two halves, reported as such.
pub fn decode_request(wire: &str) -> Result<CreateJobRequest, String> {
    decode_request_with(wire, &mut StringPool::default())
}

/// [`decode_request`] taking the text's strings from `pool`.
pub fn decode_request_with(wire: &str, pool: &mut StringPool) -> Result<CreateJobRequest, String> {
    let mut r = CreateJobRequest::default();
    let mut tagging = Tagging::Put;
    for record in wire.split(END).filter(|record| !record.is_empty()) {
        let code = record.as_bytes()[0];
        // Field codes are ASCII, so the value starts at byte 1.
        let raw = &record[1..];
        let mut text = || pool.text(&unescape(raw));
        let int = || {
            raw.parse::<i64>()
                .map_err(|_| format!("wire: \"{raw}\" is not an integer"))
        };
        let bool = || raw == "1";
        match code {
            code::CONFIRMATION_REQUIRED => r.confirmation_required = Some(bool()),
            code::OPERATION => {
                slot(&mut r.operation);
            }
            code::PUT_OBJECT_TAGGING => {
                tagging = Tagging::Put;
                slot(&mut slot(&mut r.operation).put_object_tagging);
            }
            code::ADD_OBJECT_TAGGING => {
                tagging = Tagging::Add;
                slot(&mut slot(&mut r.operation).add_object_tagging);
            }
            code::TAG_SET => {
                tag_set(&mut r, tagging);
            }
            code::TAG => tag_set(&mut r, tagging).push(Tag::default()),
            code::TAG_KEY | code::TAG_VALUE => {
                let tag = tag_set(&mut r, tagging)
                    .last_mut()
                    .ok_or("wire: a tag field before its tag")?;
                if code == code::TAG_KEY {
                    tag.key = Some(text());
                } else {
                    tag.value = Some(text());
                }
            }
            code::DELETE_OBJECT_TAGGING => {
                slot(&mut r.operation).delete_object_tagging = Some(DeleteObjectTagging {})
            }
            code::PUT_OBJECT_ACL => {
                slot(&mut slot(&mut r.operation).put_object_acl);
            }
            code::OBJECT_ACL => {
                slot(&mut slot(&mut r.operation).put_object_acl).object_acl = Some(text())
            }
            code::RESTORE_OBJECT => {
                slot(&mut slot(&mut r.operation).restore_object);
            }
            code::RESTORE_DAYS => {
                slot(&mut slot(&mut r.operation).restore_object).days = Some(int()?)
            }
            code::RESTORE_TIER => {
                slot(&mut slot(&mut r.operation).restore_object).tier = Some(text())
            }
            code::REPORT => {
                slot(&mut r.report);
            }
            code::REPORT_BUCKET => slot(&mut r.report).bucket = Some(text()),
            code::REPORT_ENABLED => slot(&mut r.report).enabled = Some(bool()),
            code::REPORT_PREFIX => slot(&mut r.report).prefix = Some(text()),
            code::REPORT_SCOPE => slot(&mut r.report).report_scope = Some(text()),
            code::CLIENT_REQUEST_TOKEN => r.client_request_token = Some(text()),
            code::MANIFEST => {
                slot(&mut r.manifest);
            }
            code::LOCATION => {
                slot(&mut slot(&mut r.manifest).location);
            }
            code::LOCATION_ETAG => slot(&mut slot(&mut r.manifest).location).etag = Some(text()),
            code::LOCATION_BUCKET => {
                slot(&mut slot(&mut r.manifest).location).bucket = Some(text())
            }
            code::LOCATION_OBJECT => {
                slot(&mut slot(&mut r.manifest).location).object = Some(text())
            }
            code::LOCATION_VERSION_ID => {
                slot(&mut slot(&mut r.manifest).location).version_id = Some(text())
            }
            code::SPEC => {
                slot(&mut slot(&mut r.manifest).spec);
            }
            code::SPEC_FIELDS => slot(&mut slot(&mut r.manifest).spec).fields = Some(text()),
            code::SPEC_FORMAT => slot(&mut slot(&mut r.manifest).spec).format = Some(text()),
            code::GENERATOR => {
                slot(&mut r.key_prefix_manifest_generator);
            }
            code::GENERATOR_SOURCE_BUCKET => {
                slot(&mut r.key_prefix_manifest_generator).source_bucket = Some(text())
            }
            code::GENERATOR_PREFIX => {
                slot(&mut r.key_prefix_manifest_generator).prefix = Some(text())
            }
            code::DESCRIPTION => r.description = Some(text()),
            code::PRIORITY => r.priority = Some(int()?),
            code::ROLE_ARN => r.role_arn = Some(text()),
            other => return Err(format!("wire: unknown field code {}", other as char)),
        }
    }
    Ok(r)
}

struct Writer(String);

impl Writer {
    fn mark(&mut self, code: u8) {
        self.0.push(code as char);
        self.0.push(END);
    }
    fn text(&mut self, code: u8, value: &Option<String>) {
        if let Some(value) = value {
            self.0.push(code as char);
            escape_into(&mut self.0, value);
            self.0.push(END);
        }
    }
    fn int(&mut self, code: u8, value: Option<i64>) {
        if let Some(value) = value {
            self.0.push(code as char);
            self.0.push_str(&value.to_string());
            self.0.push(END);
        }
    }
    fn bool(&mut self, code: u8, value: Option<bool>) {
        if let Some(value) = value {
            self.0.push(code as char);
            self.0.push(if value { '1' } else { '0' });
            self.0.push(END);
        }
    }
    fn tagging(&mut self, code: u8, tagging: &Option<TaggingOperation>) {
        let Some(tagging) = tagging else { return };
        self.mark(code);
        if let Some(tags) = &tagging.tag_set {
            self.mark(code::TAG_SET);
            for tag in tags {
                self.mark(code::TAG);
                self.text(code::TAG_KEY, &tag.key);
                self.text(code::TAG_VALUE, &tag.value);
            }
        }
    }
}

/// Writes a model as records, in the request syntax's order (what the JS side turns into an object).
pub fn encode_request(r: &CreateJobRequest) -> String {
    let mut w = Writer(String::with_capacity(512));
    w.bool(code::CONFIRMATION_REQUIRED, r.confirmation_required);
    if let Some(operation) = &r.operation {
        w.mark(code::OPERATION);
        w.tagging(code::PUT_OBJECT_TAGGING, &operation.put_object_tagging);
        w.tagging(code::ADD_OBJECT_TAGGING, &operation.add_object_tagging);
        if operation.delete_object_tagging.is_some() {
            w.mark(code::DELETE_OBJECT_TAGGING);
        }
        if let Some(acl) = &operation.put_object_acl {
            w.mark(code::PUT_OBJECT_ACL);
            w.text(code::OBJECT_ACL, &acl.object_acl);
        }
        if let Some(restore) = &operation.restore_object {
            w.mark(code::RESTORE_OBJECT);
            w.int(code::RESTORE_DAYS, restore.days);
            w.text(code::RESTORE_TIER, &restore.tier);
        }
    }
    if let Some(report) = &r.report {
        w.mark(code::REPORT);
        w.text(code::REPORT_BUCKET, &report.bucket);
        w.bool(code::REPORT_ENABLED, report.enabled);
        w.text(code::REPORT_PREFIX, &report.prefix);
        w.text(code::REPORT_SCOPE, &report.report_scope);
    }
    w.text(code::CLIENT_REQUEST_TOKEN, &r.client_request_token);
    if let Some(manifest) = &r.manifest {
        w.mark(code::MANIFEST);
        if let Some(location) = &manifest.location {
            w.mark(code::LOCATION);
            w.text(code::LOCATION_ETAG, &location.etag);
            w.text(code::LOCATION_BUCKET, &location.bucket);
            w.text(code::LOCATION_OBJECT, &location.object);
            w.text(code::LOCATION_VERSION_ID, &location.version_id);
        }
        if let Some(spec) = &manifest.spec {
            w.mark(code::SPEC);
            w.text(code::SPEC_FIELDS, &spec.fields);
            w.text(code::SPEC_FORMAT, &spec.format);
        }
    }
    if let Some(generator) = &r.key_prefix_manifest_generator {
        w.mark(code::GENERATOR);
        w.text(code::GENERATOR_SOURCE_BUCKET, &generator.source_bucket);
        w.text(code::GENERATOR_PREFIX, &generator.prefix);
    }
    w.text(code::DESCRIPTION, &r.description);
    w.int(code::PRIORITY, r.priority);
    w.text(code::ROLE_ARN, &r.role_arn);
    w.0
}

/// Issues as records of five fields (code, severity, path, message, params as JSON), each field ended
/// by `\u{2}`, each issue by `\0`.
pub fn encode_issues(issues: &[Issue]) -> String {
    let mut out = String::with_capacity(issues.len() * 128);
    for issue in issues {
        for field in [
            issue.code.as_str(),
            issue.severity.as_str(),
            issue.path.as_str(),
            issue.message.as_str(),
        ] {
            escape_into(&mut out, field);
            out.push(FIELD);
        }
        if !issue.params.is_empty() {
            // Parameters are integers, short strings and lists of them; JSON is their natural form in
            // JS (the JS side parses it). Written here: serde_json's serializer would be a tenth of
            // the validation wasm.
            let mut json = String::from("{");
            for (i, (key, value)) in issue.params.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                write_json_string(&mut json, key);
                json.push(':');
                write_json(&mut json, value);
            }
            json.push('}');
            escape_into(&mut out, &json);
        }
        out.push(END);
    }
    out
}

/// JSON text of a parameter value, as serde_json writes it compactly. Parameters hold no
/// fractional numbers (the core never makes one), so none is written: formatting floats would
/// cost more than the rest of this module.
pub fn write_json(out: &mut String, value: &serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.push_str(&i.to_string()),
            (_, Some(u)) => out.push_str(&u.to_string()),
            _ => out.push_str("null"),
        },
        Value::String(s) => write_json_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(out, key);
                out.push(':');
                write_json(out, item);
            }
            out.push('}');
        }
    }
}

fn write_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    // Most parameters need no escape: copied whole.
    if ossbatch_core::validate::names::all_bytes(s, |b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The rule catalogue as records of four fields (code, severity, element, summary).
pub fn encode_rules(rules: &[ossbatch_core::Rule], lang: ossbatch_core::Lang) -> String {
    let mut out = String::with_capacity(rules.len() * 120);
    for rule in rules {
        for field in [
            rule.code,
            rule.severity.as_str(),
            rule.element,
            rule.summary_in(lang),
        ] {
            escape_into(&mut out, field);
            out.push(FIELD);
        }
        out.push(END);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ossbatch_core::model::{KeyPrefixManifestGenerator, RestoreObject};

    #[test]
    fn a_request_survives_the_wire_both_ways() {
        let xml = include_str!("../../../tests/fixtures/createjob-sample-request.xml");
        let mut request = ossbatch_core::from_xml(xml).unwrap();
        request.description = Some("nul \0 esc \u{1} field \u{2} 标签".into());
        request.operation.as_mut().unwrap().add_object_tagging = Some(TaggingOperation {
            tag_set: Some(vec![Tag::new("a", ""), Tag::default()]),
        });
        request.operation.as_mut().unwrap().restore_object = Some(RestoreObject::default());
        request.key_prefix_manifest_generator = Some(KeyPrefixManifestGenerator::default());
        request.priority = Some(-9_007_199_254_740_991);
        let wire = encode_request(&request);
        assert_eq!(decode_request(&wire).unwrap(), request);
        assert_eq!(decode_request("").unwrap(), CreateJobRequest::default());
        assert!(decode_request("Q1\0").is_err());
        // Parameters are written as serde_json writes them.
        let value = serde_json::json!({"a": [1, -2, "x\"\\\n\u{1}\u{1f}é"], "b": true, "c": null, "d": 18446744073709551615u64});
        let mut ours = String::new();
        write_json(&mut ours, &value);
        assert_eq!(ours, serde_json::to_string(&value).unwrap());
        assert!(decode_request("Yten\0").is_err());
    }
}
