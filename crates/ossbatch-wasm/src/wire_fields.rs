//! The request's fields as the wire form carries them (issue #21): each element's path, its one-letter
//! code and its kind, written once here. `wire.rs` encodes and decodes with these codes; the JS side's
//! tables and its decoder (`web/npm/src/wire-fields.generated.js`) are generated from this table by
//! [`generated_js`], the request's TypeScript declarations (`web/npm/types/request.d.ts`) by
//! [`generated_ts`], and a test fails when a checked-in file is stale.
//!
//! Adding an element: the model, this table, the XML writer/reader tables — and regenerate.

/// What a field holds on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A container: its code alone marks that it is present; its fields follow.
    Container,
    /// A container that is always empty (`DeleteObjectTagging`).
    Empty,
    Text,
    Int,
    Bool,
}

/// One field: where it is in the request, its code, its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WireField {
    /// The constant's name in [`code`] (and, as `W_<name>`, in the generated JS).
    pub name: &'static str,
    /// The element path in the request object, `.`-separated; `[]` marks a list's entry
    /// (`Operation.PutObjectTagging.TagSet[]`).
    pub path: &'static str,
    pub code: u8,
    pub kind: Kind,
    /// The model's struct name, for containers (serde's wording in TypeErrors: `struct Report`).
    pub struct_name: &'static str,
}

macro_rules! wire_fields {
    ($( $name:ident = $code:literal, $path:literal, $kind:ident $(, $struct_name:literal)?; )*) => {
        /// The codes, by field (the only place they are written by hand).
        pub mod code {
            $( pub const $name: u8 = $code; )*
        }
        /// Every field, in the request syntax's order (the order the encoder writes).
        pub const FIELDS: &[WireField] = &[$(WireField {
            name: stringify!($name),
            path: $path,
            code: code::$name,
            kind: Kind::$kind,
            struct_name: wire_fields!(@name $($struct_name)?),
        }),*];
    };
    (@name $struct_name:literal) => { $struct_name };
    (@name) => { "" };
}

wire_fields! {
    CONFIRMATION_REQUIRED = b'C', "ConfirmationRequired", Bool;
    OPERATION = b'O', "Operation", Container, "Operation";
    PUT_OBJECT_TAGGING = b'P', "Operation.PutObjectTagging", Container, "TaggingOperation";
    ADD_OBJECT_TAGGING = b'A', "Operation.AddObjectTagging", Container, "TaggingOperation";
    // The tag fields follow whichever tagging operation came last.
    TAG_SET = b'S', "Operation.*ObjectTagging.TagSet", Container;
    TAG = b't', "Operation.*ObjectTagging.TagSet[]", Container, "Tag";
    TAG_KEY = b'k', "Operation.*ObjectTagging.TagSet[].Key", Text;
    TAG_VALUE = b'v', "Operation.*ObjectTagging.TagSet[].Value", Text;
    DELETE_OBJECT_TAGGING = b'D', "Operation.DeleteObjectTagging", Empty, "DeleteObjectTagging";
    PUT_OBJECT_ACL = b'L', "Operation.PutObjectAcl", Container, "PutObjectAcl";
    OBJECT_ACL = b'l', "Operation.PutObjectAcl.ObjectAcl", Text;
    RESTORE_OBJECT = b'R', "Operation.RestoreObject", Container, "RestoreObject";
    RESTORE_DAYS = b'd', "Operation.RestoreObject.Days", Int;
    RESTORE_TIER = b'i', "Operation.RestoreObject.Tier", Text;
    REPORT = b'E', "Report", Container, "Report";
    REPORT_BUCKET = b'b', "Report.Bucket", Text;
    REPORT_ENABLED = b'e', "Report.Enabled", Bool;
    REPORT_PREFIX = b'p', "Report.Prefix", Text;
    REPORT_SCOPE = b's', "Report.ReportScope", Text;
    CLIENT_REQUEST_TOKEN = b'c', "ClientRequestToken", Text;
    MANIFEST = b'M', "Manifest", Container, "Manifest";
    LOCATION = b'N', "Manifest.Location", Container, "ManifestLocation";
    LOCATION_ETAG = b'g', "Manifest.Location.ETag", Text;
    LOCATION_BUCKET = b'B', "Manifest.Location.Bucket", Text;
    LOCATION_OBJECT = b'j', "Manifest.Location.Object", Text;
    LOCATION_VERSION_ID = b'V', "Manifest.Location.VersionId", Text;
    SPEC = b'F', "Manifest.Spec", Container, "ManifestSpec";
    SPEC_FIELDS = b'f', "Manifest.Spec.Fields", Text;
    SPEC_FORMAT = b'm', "Manifest.Spec.Format", Text;
    GENERATOR = b'K', "KeyPrefixManifestGenerator", Container, "KeyPrefixManifestGenerator";
    GENERATOR_SOURCE_BUCKET = b'u', "KeyPrefixManifestGenerator.SourceBucket", Text;
    GENERATOR_PREFIX = b'x', "KeyPrefixManifestGenerator.Prefix", Text;
    DESCRIPTION = b'T', "Description", Text;
    PRIORITY = b'Y', "Priority", Int;
    ROLE_ARN = b'Z', "RoleArn", Text;
}

/// Where the JS encoder's flat tables come from: (JS constant, the container's path).
const JS_TABLES: &[(&str, &str)] = &[
    ("REPORT", "Report"),
    ("LOCATION", "Manifest.Location"),
    ("SPEC", "Manifest.Spec"),
    ("GENERATOR", "KeyPrefixManifestGenerator"),
    ("ACL", "Operation.PutObjectAcl"),
    ("RESTORE", "Operation.RestoreObject"),
    ("TAG", "Operation.*ObjectTagging.TagSet[]"),
];

fn js_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Int => "int",
        Kind::Bool => "bool",
        Kind::Container | Kind::Empty => "struct",
    }
}

/// The JS variable that holds the decoded object at `path` (`r` for the request).
fn js_holder(path: &str) -> &'static str {
    match path {
        "" => "r",
        "Operation" => "operation",
        "Operation.PutObjectTagging" | "Operation.AddObjectTagging" => "tagging",
        "Operation.*ObjectTagging.TagSet" => "tags",
        "Operation.*ObjectTagging.TagSet[]" => "tag",
        "Operation.PutObjectAcl" => "acl",
        "Operation.RestoreObject" => "restore",
        "Report" => "report",
        "Manifest" => "manifest",
        "Manifest.Location" => "location",
        "Manifest.Spec" => "spec",
        "KeyPrefixManifestGenerator" => "generator",
        other => panic!("wire_fields: no JS holder for {other}"),
    }
}

fn parent_and_name(path: &str) -> (&str, &str) {
    match path.rsplit_once('.') {
        Some((parent, name)) => (parent, name),
        None => ("", path),
    }
}

/// `web/npm/src/wire-fields.generated.js` for `fields`: the encoder's code constants and flat tables,
/// and the decoder.
pub fn generated_js(fields: &[WireField]) -> String {
    let mut out = String::from(
        "// Generated from crates/ossbatch-wasm/src/wire_fields.rs (`OSSBATCH_REGENERATE=1 cargo test -p\n\
         // ossbatch-wasm --test generated`); do not edit. The wire codes of the request's fields, the\n\
         // encoder's tables of flat structs, and the decoder.\n\n",
    );
    out.push_str("// Wire code of each field (its path in the request).\n");
    for field in fields {
        out.push_str(&format!(
            "const W_{} = '{}'; // {}\n",
            field.name, field.code as char, field.path
        ));
    }
    out.push('\n');
    out.push_str(
        "// Each flat struct: its fields as [code, kind] in the request syntax's order; containers\n\
         // write their own code first (presence).\n",
    );
    let mut names = Vec::new();
    for (name, container) in JS_TABLES {
        let struct_name = fields
            .iter()
            .find(|f| f.path == *container)
            .map(|f| f.struct_name)
            .unwrap_or_else(|| panic!("wire_fields: no field {container}"));
        names.push(format!("[{name}, '{struct_name}']"));
        let prefix = format!("{container}.");
        let entries: Vec<String> = fields
            .iter()
            .filter(|f| {
                f.path
                    .strip_prefix(&prefix)
                    .is_some_and(|rest| !rest.contains('.'))
            })
            .map(|f| {
                format!(
                    "{}: ['{}', '{}']",
                    &f.path[prefix.len()..],
                    f.code as char,
                    js_kind(f.kind)
                )
            })
            .collect();
        out.push_str(&format!("const {name} = {{ {} }};\n", entries.join(", ")));
    }
    out.push_str(&format!(
        "/** Each flat struct's name in the model (serde's wording in TypeErrors). */\nconst NAMES = new Map([{}]);\n\n",
        names.join(", ")
    ));

    out.push_str(
        "/** The wire form back into a plain object, keys in the request syntax's order. */\n\
         function decodeRequest(wire) {\n  const r = {};\n  \
         let operation, tagging, tags, tag, report, manifest, location, spec, generator, acl, restore;\n  \
         for (let i = 0; i < wire.length;) {\n    const end = wire.indexOf(END, i);\n    \
         const code = wire[i];\n    let value = wire.slice(i + 1, end);\n    i = end + 1;\n    \
         if (value.includes(ESCAPE)) value = unescape(value);\n    switch (code) {\n",
    );
    for field in fields {
        let (parent, name) = parent_and_name(field.path);
        let holder = || js_holder(parent);
        let code = field.code as char;
        let line = match field.kind {
            Kind::Text => format!("{}.{name} = value;", holder()),
            Kind::Int => format!("{}.{name} = Number(value);", holder()),
            Kind::Bool => format!("{}.{name} = value === '1';", holder()),
            Kind::Empty => format!("{}.{name} = {{}};", holder()),
            // A list's entry: pushed onto the list.
            Kind::Container if field.path.ends_with("[]") => format!(
                "{}.push({} = {{}});",
                js_holder(field.path.trim_end_matches("[]")),
                js_holder(field.path)
            ),
            // A list: it belongs to whichever tagging operation came last.
            Kind::Container if field.path.ends_with(".TagSet") => {
                format!("tagging.{name} = {} = [];", js_holder(field.path))
            }
            Kind::Container => format!("{}.{name} = {} = {{}};", holder(), js_holder(field.path)),
        };
        out.push_str(&format!("      case '{code}': {line} break;\n"));
    }
    out.push_str(
        "      default: throw new Error(`ossbatch internal error: unknown wire code ${JSON.stringify(code)}`);\n    \
         }\n  }\n  return r;\n}\n",
    );
    out
}

/// Text fields whose values the core knows: their TypeScript type names the known values and still
/// takes any string (a draft may hold anything; validation says what is wrong).
const TS_KNOWN_VALUES: &[(&str, &str, &[&str])] = &[
    (
        "Operation.PutObjectAcl.ObjectAcl",
        "ObjectAcl",
        &ossbatch_core::model::known::OBJECT_ACLS,
    ),
    (
        "Operation.RestoreObject.Tier",
        "RestoreTier",
        &ossbatch_core::model::known::RESTORE_TIERS,
    ),
    (
        "Report.ReportScope",
        "ReportScope",
        &ossbatch_core::model::known::REPORT_SCOPES,
    ),
    (
        "Manifest.Spec.Format",
        "ManifestFormat",
        &ossbatch_core::model::known::MANIFEST_FORMATS,
    ),
];

/// The declarations' comments, by struct name.
const TS_DOCS: &[(&str, &str)] = &[
    (
        "Operation",
        "Exactly one operation is valid; a draft may hold none or several (validation says so).",
    ),
    (
        "CreateJobRequest",
        "The body of CreateJob (`POST /?batchJob`), as a draft: every field optional until validated.",
    ),
];

/// Whether `path` is `pattern`'s container, where a `*` in `pattern` stands for a name's start
/// (`Operation.*ObjectTagging` is `Operation.PutObjectTagging`'s).
fn path_matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == path,
        Some((before, after)) => {
            path.starts_with(before)
                && path[before.len()..].ends_with(after)
                && !path[before.len()..path.len() - after.len()].contains('.')
        }
    }
}

/// The TypeScript type of `field`.
fn ts_type(fields: &[WireField], field: &WireField) -> String {
    match field.kind {
        Kind::Text => TS_KNOWN_VALUES
            .iter()
            .find(|(path, _, _)| *path == field.path)
            .map_or("string".to_string(), |(_, name, _)| name.to_string()),
        Kind::Int => "number".to_string(),
        Kind::Bool => "boolean".to_string(),
        Kind::Empty => "Record<string, never>".to_string(),
        // A list: its entry's struct, many times.
        Kind::Container if field.struct_name.is_empty() => {
            let entry = format!("{}[]", field.path);
            let entry = fields
                .iter()
                .find(|f| f.path == entry)
                .unwrap_or_else(|| panic!("wire_fields: no entry field {entry}"));
            format!("{}[]", entry.struct_name)
        }
        Kind::Container => field.struct_name.to_string(),
    }
}

/// `web/npm/types/request.d.ts` for `fields`: one interface per struct of the request (its fields in
/// the request syntax's order), the known values of enumerated text fields, and `CreateJobRequest`.
pub fn generated_ts(fields: &[WireField]) -> String {
    let mut out = String::from(
        "// Generated from crates/ossbatch-wasm/src/wire_fields.rs (`OSSBATCH_REGENERATE=1 cargo test -p\n\
         // ossbatch-wasm --test generated`); do not edit. The CreateJob request, in the API's element\n\
         // names: declared in every entry point (typescript_custom_section in crates/ossbatch-wasm).\n\n",
    );
    for (_, name, values) in TS_KNOWN_VALUES {
        let values: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
        out.push_str(&format!(
            "export type {name} = {} | (string & {{}});\n",
            values.join(" | ")
        ));
    }
    let interface = |out: &mut String, name: &str, container: &str| {
        if let Some((_, doc)) = TS_DOCS.iter().find(|(struct_name, _)| *struct_name == name) {
            out.push_str(&format!("\n/** {doc} */"));
        }
        out.push_str(&format!("\nexport interface {name} {{\n"));
        for field in fields {
            let (parent, field_name) = parent_and_name(field.path);
            if field_name.ends_with("[]") || !path_matches(parent, container) {
                continue;
            }
            out.push_str(&format!("  {field_name}?: {};\n", ts_type(fields, field)));
        }
        out.push_str("}\n");
    };
    let mut declared = Vec::new();
    for field in fields {
        if field.kind != Kind::Container || field.struct_name.is_empty() {
            continue;
        }
        if declared.contains(&field.struct_name) {
            continue;
        }
        declared.push(field.struct_name);
        interface(&mut out, field.struct_name, field.path);
    }
    interface(&mut out, "CreateJobRequest", "");
    out
}
