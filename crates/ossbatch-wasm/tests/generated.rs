//! The JS half's wire tables and decoder are generated from `wire_fields::FIELDS` (issue #21): this
//! test fails when `web/npm/src/wire-fields.generated.js` is not what the table gives.
//! `OSSBATCH_REGENERATE=1 cargo test -p ossbatch-wasm --test generated` rewrites it.

use ossbatch_wasm::wire_fields::{generated_js, generated_ts, Kind, WireField, FIELDS};

const GENERATED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../web/npm/src/wire-fields.generated.js"
);

#[test]
fn the_generated_js_is_current() {
    let expected = generated_js(FIELDS);
    if std::env::var_os("OSSBATCH_REGENERATE").is_some() {
        std::fs::write(GENERATED, &expected).unwrap();
    }
    let on_disk = std::fs::read_to_string(GENERATED).unwrap_or_default();
    assert!(
        on_disk == expected,
        "web/npm/src/wire-fields.generated.js is stale: run OSSBATCH_REGENERATE=1 cargo test -p ossbatch-wasm --test generated"
    );
}

const REQUEST_TYPES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../web/npm/types/request.d.ts"
);

#[test]
fn the_generated_typescript_is_current() {
    let expected = generated_ts(FIELDS);
    if std::env::var_os("OSSBATCH_REGENERATE").is_some() {
        std::fs::write(REQUEST_TYPES, &expected).unwrap();
    }
    let on_disk = std::fs::read_to_string(REQUEST_TYPES).unwrap_or_default();
    assert!(
        on_disk == expected,
        "web/npm/types/request.d.ts is stale: run OSSBATCH_REGENERATE=1 cargo test -p ossbatch-wasm --test generated"
    );
}

#[test]
fn a_field_added_to_the_table_makes_the_checked_in_file_stale() {
    let mut fields = FIELDS.to_vec();
    fields.push(WireField {
        name: "REPORT_ACCOUNT",
        path: "Report.ExpectedBucketOwner",
        code: b'W',
        kind: Kind::Text,
        struct_name: "",
    });
    let with_new_field = generated_js(&fields);
    assert!(with_new_field.contains("ExpectedBucketOwner: ['W', 'text']"));
    assert!(with_new_field.contains("case 'W': report.ExpectedBucketOwner = value; break;"));
    assert_ne!(
        with_new_field,
        std::fs::read_to_string(GENERATED).unwrap_or_default()
    );
    let types = generated_ts(&fields);
    assert!(
        types.contains("  ExpectedBucketOwner?: string;\n}"),
        "{types}"
    );
    assert_ne!(
        types,
        std::fs::read_to_string(REQUEST_TYPES).unwrap_or_default()
    );
}

#[test]
fn every_code_is_one_ascii_letter_used_once() {
    let mut seen = std::collections::BTreeSet::new();
    for field in FIELDS {
        assert!(field.code.is_ascii_alphabetic(), "{}", field.path);
        assert!(seen.insert(field.code), "{} repeats a code", field.path);
    }
}

/// The Rust codec (a hand-tuned `match` on the table's constants) knows every field of the table:
/// a wire form holding each field once, in the table's order, decodes and encodes back to itself.
#[test]
fn the_rust_codec_reads_and_writes_every_field_of_the_table() {
    use ossbatch_wasm::wire::{decode_request, encode_request};
    let mut wire = String::new();
    for field in FIELDS {
        wire.push(field.code as char);
        match field.kind {
            Kind::Text => wire.push('x'),
            Kind::Int => wire.push('7'),
            Kind::Bool => wire.push('1'),
            Kind::Container | Kind::Empty => {}
        }
        wire.push('\0');
    }
    let request = decode_request(&wire).expect("every code is known to the decoder");
    assert_eq!(encode_request(&request), wire);
    // And the model holds it all: the JSON has every leaf.
    let json = ossbatch_core::to_json(&request, false);
    for field in FIELDS
        .iter()
        .filter(|f| matches!(f.kind, Kind::Text | Kind::Int | Kind::Bool))
    {
        let name = field.path.rsplit('.').next().unwrap();
        assert!(
            json.contains(&format!("\"{name}\"")),
            "{name} missing from {json}"
        );
    }
}
