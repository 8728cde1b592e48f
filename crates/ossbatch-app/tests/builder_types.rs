//! The builder's hand-written TypeScript (`web/builder/index.d.ts`) held to what the Rust side and the
//! package's JS really read and write (issue #29): the keys of every object that crosses the wasm
//! boundary — the error `onError` gets, the `onSubmitted` and `onJobUpdated` details, what a
//! credentials provider returns, and `mount()`'s options — must be exactly the interface's properties.
//! A field renamed or added on one side only fails here.

use std::collections::BTreeSet;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text of the Rust function `name`: from its `fn` to the brace that closes it at the `fn`
/// line's own indentation (a method's is four spaces).
fn function<'a>(source: &'a str, name: &str) -> &'a str {
    let start = source
        .find(&format!("fn {name}("))
        .unwrap_or_else(|| panic!("no fn {name}"));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &source[line_start..start];
    let indent: String = indent.chars().take_while(|c| *c == ' ').collect();
    let end = source[start..]
        .find(&format!("\n{indent}}}\n"))
        .map_or(source.len(), |e| start + e);
    &source[start..end]
}

/// Every string literal that follows `marker` in `text` (`set(&detail, "jobId"` → `jobId`).
fn keys_after(text: &str, marker: &str) -> BTreeSet<String> {
    text.match_indices(marker)
        .filter_map(|(at, _)| {
            let rest = &text[at + marker.len()..];
            let rest = rest.trim_start().strip_prefix('"')?;
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

/// The property names of `interface name { … }` in a .d.ts (comments skipped).
fn interface(dts: &str, name: &str) -> BTreeSet<String> {
    let start = dts
        .find(&format!("interface {name} "))
        .unwrap_or_else(|| panic!("no interface {name}"));
    let body = &dts[start..];
    let body = &body[body.find('{').unwrap() + 1..];
    let mut depth = 0;
    let mut end = body.len();
    for (i, c) in body.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' if depth > 0 => depth -= 1,
            '}' => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let mut names = BTreeSet::new();
    let mut in_comment = false;
    for line in body[..end].lines() {
        let line = line.trim();
        if line.starts_with("/*") {
            in_comment = !line.contains("*/");
            continue;
        }
        if in_comment {
            in_comment = !line.contains("*/");
            continue;
        }
        if line.starts_with("//") || line.starts_with('*') {
            continue;
        }
        let word: String = line
            .trim_start_matches("readonly ")
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let after = &line.trim_start_matches("readonly ")[word.len()..];
        if !word.is_empty()
            && (after.starts_with(':') || after.starts_with("?:") || after.starts_with('('))
        {
            names.insert(word);
        }
    }
    names
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_builders_declarations_are_what_crosses_the_boundary() {
    let dts = read("web/builder/index.d.ts");
    let host = read("crates/ossbatch-app/src/host.rs");
    let lib = read("crates/ossbatch-app/src/lib.rs");
    let index = read("web/builder/index.js");

    let to_js = function(&host, "failure_to_js");
    let mut written = keys_after(to_js, "set(&detail,");
    // Keys set from a list (`for (key, value) in [("requestId", …), ("ec", …)]`).
    let list = &to_js[to_js
        .find("for (key, value) in [")
        .expect("the list of OSS ids")..];
    written.extend(keys_after(&list[..list.find(']').unwrap()], "("));
    // `mount` errors are the custom element's own (index.js), not the wasm's.
    let mut declared = interface(&dts, "BuilderError");
    assert!(
        declared.remove("source") && declared.remove("message"),
        "{declared:?}"
    );
    assert!(
        written.remove("source") && written.remove("message"),
        "{written:?}"
    );
    assert_eq!(written, declared, "BuilderError's optional fields");

    assert_eq!(
        keys_after(function(&host, "submitted"), "set(&detail,"),
        interface(&dts, "SubmittedDetail")
    );
    assert_eq!(
        keys_after(function(&host, "job_status"), "set(&detail,"),
        interface(&dts, "JobUpdatedDetail")
    );
    let mut credentials = keys_after(function(&host, "read_credentials"), "text(");
    credentials.extend(keys_after(
        function(&host, "read_credentials"),
        "JsValue::from_str(",
    ));
    assert_eq!(credentials, interface(&dts, "HostCredentials"));

    // mount()'s options: those the wasm reads, those index.js handles itself (appearance, signal,
    // and the keys of its OPTIONS table), one set, the interface's.
    let mut read_by_wasm = BTreeSet::new();
    for marker in [
        "option(&options,",
        "string_option(&options,",
        "bool_option(&options,",
        "function_option(&options,",
    ] {
        read_by_wasm.extend(keys_after(function(&lib, "mount_builder"), marker));
    }
    let table = &index[index.find("const OPTIONS = {").unwrap()..];
    let table = &table[..table.find("};").unwrap()];
    let listed: BTreeSet<String> = table
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let (key, _) = l.split_once(':')?;
            (!key.starts_with("//") && key.chars().all(|c| c.is_ascii_alphanumeric()))
                .then(|| key.to_string())
        })
        .collect();
    let options = interface(&dts, "MountOptions");
    assert_eq!(listed, options, "index.js's OPTIONS table and MountOptions");
    let handled_in_js = set(&["appearance", "signal", "credentials", "fetch"]);
    let missing: Vec<&String> = options
        .iter()
        .filter(|o| !read_by_wasm.contains(*o) && !handled_in_js.contains(*o))
        .collect();
    assert!(
        missing.is_empty(),
        "declared but read by nobody: {missing:?}"
    );
    let undeclared: Vec<&String> = read_by_wasm
        .iter()
        .filter(|o| !options.contains(*o))
        .collect();
    assert!(
        undeclared.is_empty(),
        "read but not declared: {undeclared:?}"
    );
}

#[test]
fn the_interface_reader_reads_properties_and_methods() {
    let dts = "export interface X {\n  /** a */\n  a: string;\n  b?: number;\n  readonly c: boolean;\n  d(x: (y: string) => void): void;\n  /* e: no */\n}\n";
    assert_eq!(interface(dts, "X"), set(&["a", "b", "c", "d"]));
}
