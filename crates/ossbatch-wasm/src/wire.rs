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
//! decimal. `web/npm/wire.js` is the other half; `web/tests/npm` checks the two against the serde path of
//! `ossbatch/sign` on many requests.

use std::borrow::Cow;

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
        if let Some(report) = r.report {
            self.keep(report.bucket);
            self.keep(report.prefix);
            self.keep(report.report_scope);
        }
        self.keep(r.client_request_token);
        if let Some(manifest) = r.manifest {
            if let Some(location) = manifest.location {
                self.keep(location.etag);
                self.keep(location.bucket);
                self.keep(location.object);
                self.keep(location.version_id);
            }
            if let Some(spec) = manifest.spec {
                self.keep(spec.fields);
                self.keep(spec.format);
            }
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
            b'C' => r.confirmation_required = Some(bool()),
            b'O' => {
                slot(&mut r.operation);
            }
            b'P' => {
                tagging = Tagging::Put;
                slot(&mut slot(&mut r.operation).put_object_tagging);
            }
            b'A' => {
                tagging = Tagging::Add;
                slot(&mut slot(&mut r.operation).add_object_tagging);
            }
            b'S' => {
                tag_set(&mut r, tagging);
            }
            b't' => tag_set(&mut r, tagging).push(Tag::default()),
            b'k' | b'v' => {
                let tag = tag_set(&mut r, tagging)
                    .last_mut()
                    .ok_or("wire: a tag field before its tag")?;
                if code == b'k' {
                    tag.key = Some(text());
                } else {
                    tag.value = Some(text());
                }
            }
            b'D' => slot(&mut r.operation).delete_object_tagging = Some(DeleteObjectTagging {}),
            b'L' => {
                slot(&mut slot(&mut r.operation).put_object_acl);
            }
            b'l' => slot(&mut slot(&mut r.operation).put_object_acl).object_acl = Some(text()),
            b'R' => {
                slot(&mut slot(&mut r.operation).restore_object);
            }
            b'd' => slot(&mut slot(&mut r.operation).restore_object).days = Some(int()?),
            b'i' => slot(&mut slot(&mut r.operation).restore_object).tier = Some(text()),
            b'E' => {
                slot(&mut r.report);
            }
            b'b' => slot(&mut r.report).bucket = Some(text()),
            b'e' => slot(&mut r.report).enabled = Some(bool()),
            b'p' => slot(&mut r.report).prefix = Some(text()),
            b's' => slot(&mut r.report).report_scope = Some(text()),
            b'c' => r.client_request_token = Some(text()),
            b'M' => {
                slot(&mut r.manifest);
            }
            b'N' => {
                slot(&mut slot(&mut r.manifest).location);
            }
            b'g' => slot(&mut slot(&mut r.manifest).location).etag = Some(text()),
            b'B' => slot(&mut slot(&mut r.manifest).location).bucket = Some(text()),
            b'j' => slot(&mut slot(&mut r.manifest).location).object = Some(text()),
            b'V' => slot(&mut slot(&mut r.manifest).location).version_id = Some(text()),
            b'F' => {
                slot(&mut slot(&mut r.manifest).spec);
            }
            b'f' => slot(&mut slot(&mut r.manifest).spec).fields = Some(text()),
            b'm' => slot(&mut slot(&mut r.manifest).spec).format = Some(text()),
            b'K' => {
                slot(&mut r.key_prefix_manifest_generator);
            }
            b'u' => slot(&mut r.key_prefix_manifest_generator).source_bucket = Some(text()),
            b'x' => slot(&mut r.key_prefix_manifest_generator).prefix = Some(text()),
            b'T' => r.description = Some(text()),
            b'Y' => r.priority = Some(int()?),
            b'Z' => r.role_arn = Some(text()),
            other => return Err(format!("wire: unknown field code {}", other as char)),
        }
    }
    Ok(r)
}

struct Writer(String);

impl Writer {
    fn mark(&mut self, code: char) {
        self.0.push(code);
        self.0.push(END);
    }
    fn text(&mut self, code: char, value: &Option<String>) {
        if let Some(value) = value {
            self.0.push(code);
            escape_into(&mut self.0, value);
            self.0.push(END);
        }
    }
    fn int(&mut self, code: char, value: Option<i64>) {
        if let Some(value) = value {
            self.0.push(code);
            self.0.push_str(&value.to_string());
            self.0.push(END);
        }
    }
    fn bool(&mut self, code: char, value: Option<bool>) {
        if let Some(value) = value {
            self.0.push(code);
            self.0.push(if value { '1' } else { '0' });
            self.0.push(END);
        }
    }
    fn tagging(&mut self, code: char, tagging: &Option<TaggingOperation>) {
        let Some(tagging) = tagging else { return };
        self.mark(code);
        if let Some(tags) = &tagging.tag_set {
            self.mark('S');
            for tag in tags {
                self.mark('t');
                self.text('k', &tag.key);
                self.text('v', &tag.value);
            }
        }
    }
}

/// Writes a model as records, in the request syntax's order (what the JS side turns into an object).
pub fn encode_request(r: &CreateJobRequest) -> String {
    let mut w = Writer(String::with_capacity(512));
    w.bool('C', r.confirmation_required);
    if let Some(operation) = &r.operation {
        w.mark('O');
        w.tagging('P', &operation.put_object_tagging);
        w.tagging('A', &operation.add_object_tagging);
        if operation.delete_object_tagging.is_some() {
            w.mark('D');
        }
        if let Some(acl) = &operation.put_object_acl {
            w.mark('L');
            w.text('l', &acl.object_acl);
        }
        if let Some(restore) = &operation.restore_object {
            w.mark('R');
            w.int('d', restore.days);
            w.text('i', &restore.tier);
        }
    }
    if let Some(report) = &r.report {
        w.mark('E');
        w.text('b', &report.bucket);
        w.bool('e', report.enabled);
        w.text('p', &report.prefix);
        w.text('s', &report.report_scope);
    }
    w.text('c', &r.client_request_token);
    if let Some(manifest) = &r.manifest {
        w.mark('M');
        if let Some(location) = &manifest.location {
            w.mark('N');
            w.text('g', &location.etag);
            w.text('B', &location.bucket);
            w.text('j', &location.object);
            w.text('V', &location.version_id);
        }
        if let Some(spec) = &manifest.spec {
            w.mark('F');
            w.text('f', &spec.fields);
            w.text('m', &spec.format);
        }
    }
    if let Some(generator) = &r.key_prefix_manifest_generator {
        w.mark('K');
        w.text('u', &generator.source_bucket);
        w.text('x', &generator.prefix);
    }
    w.text('T', &r.description);
    w.int('Y', r.priority);
    w.text('Z', &r.role_arn);
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
