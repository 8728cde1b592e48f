//! The house's structure, over every crate (issues #21, #29): core, app, CLI, wasm and proxy.
//!
//! - **No import circle** between a crate's top-level modules. Each file is parsed with `syn`; items
//!   under `#[cfg(test)]` are left out; every path that starts with `crate::` or `super::` (in `use`
//!   trees, expressions, types, patterns — anywhere) is an edge to the top-level module it lands in,
//!   and `crate::Name` for a name the crate root re-exports (`pub use issue::Issue`) is an edge to the
//!   module it comes from. A circle is printed as the path that closes it.
//! - **No production file over 600 lines**: a file's lines minus those of its `#[cfg(test)]` items.
//!
//! (This test lives in the core's tests only because a test needs a crate; the core depends on none of
//! the others, and reading their files adds no dependency.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::Visit;

/// The crates checked, by folder under `crates/`.
const CRATES: &[&str] = &[
    "ossbatch-core",
    "ossbatch-app",
    "ossbatch-cli",
    "ossbatch-wasm",
    "ossbatch-proxy",
];
const MAX_PRODUCTION_LINES: usize = 600;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Meta>()
                .is_ok_and(|meta| meta.path().is_ident("test"))
    })
}

/// The production items of a file (those not under `#[cfg(test)]`).
fn production_items(file: &syn::File) -> Vec<&syn::Item> {
    file.items
        .iter()
        .filter(|item| {
            let attrs = match item {
                syn::Item::Mod(m) => &m.attrs,
                syn::Item::Fn(f) => &f.attrs,
                syn::Item::Use(u) => &u.attrs,
                syn::Item::Impl(i) => &i.attrs,
                syn::Item::Struct(s) => &s.attrs,
                syn::Item::Enum(e) => &e.attrs,
                syn::Item::Const(c) => &c.attrs,
                syn::Item::Static(s) => &s.attrs,
                syn::Item::Macro(m) => &m.attrs,
                _ => return true,
            };
            !is_test_only(attrs)
        })
        .collect()
}

/// Lines of the file that are not in a `#[cfg(test)]` item.
fn production_lines(text: &str, file: &syn::File) -> usize {
    let test_lines: usize = file
        .items
        .iter()
        .filter(|item| {
            !production_items(file)
                .iter()
                .any(|p| std::ptr::eq(*p, *item))
        })
        .map(|item| item.span().end().line - item.span().start().line + 1)
        .sum();
    text.lines().count().saturating_sub(test_lines)
}

/// Collects every `crate::…`/`super::…` path in the production items, resolved to absolute module
/// paths (`["commands", "jobs", "remote_command"]`).
struct Paths<'a> {
    module: &'a [String],
    found: Vec<Vec<String>>,
}

impl Paths<'_> {
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        match segments.first().map(String::as_str) {
            Some("crate") => Some(segments[1..].to_vec()),
            Some("super") => {
                let mut base = self.module.to_vec();
                let mut rest = segments;
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                Some(base)
            }
            _ => None,
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.record(prefix, Some(n.ident.to_string())),
            syn::UseTree::Rename(r) => self.record(prefix, Some(r.ident.to_string())),
            syn::UseTree::Glob(_) => self.record(prefix, None),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.use_tree(prefix, item);
                }
            }
        }
    }

    fn record(&mut self, prefix: &[String], last: Option<String>) {
        let mut segments = prefix.to_vec();
        segments.extend(last);
        if let Some(path) = self.absolute(&segments) {
            self.found.push(path);
        }
    }
}

impl<'ast> Visit<'ast> for Paths<'_> {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if let Some(absolute) = self.absolute(&segments) {
            self.found.push(absolute);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_test_only(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }
}

/// One crate's modules: each top-level module's edges, and each file's production lines.
struct CrateShape {
    graph: Graph,
    lines: Vec<(PathBuf, usize)>,
}

fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs").to_string();
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem);
    }
    parts
}

fn shape(src: &Path) -> CrateShape {
    let mut files = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    let parse = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        (text, file)
    };
    // The crate root's re-exports: `pub use issue::{Issue, …}` makes `crate::Issue` an edge to issue.
    let mut reexports: BTreeMap<String, String> = BTreeMap::new();
    for root in ["lib.rs", "main.rs"] {
        let path = src.join(root);
        if !path.exists() {
            continue;
        }
        let (_, file) = parse(&path);
        for item in production_items(&file) {
            if let syn::Item::Use(item) = item {
                let mut paths = Paths {
                    module: &[],
                    found: Vec::new(),
                };
                paths.use_tree(&mut vec!["crate".to_string()], &item.tree);
                for path in paths.found {
                    if path.len() >= 2 {
                        reexports.insert(path.last().unwrap().clone(), path[0].clone());
                    }
                }
            }
        }
    }
    let mut graph = Graph::new();
    let mut lines = Vec::new();
    for path in files {
        let relative = path.strip_prefix(src).unwrap();
        let module = module_path(relative);
        let (text, file) = parse(&path);
        lines.push((path.clone(), production_lines(&text, &file)));
        let Some(top) = module.first().cloned() else {
            continue; // the crate root
        };
        let mut paths = Paths {
            module: &module,
            found: Vec::new(),
        };
        for item in production_items(&file) {
            paths.visit_item(item);
        }
        let targets = graph.entry(top.clone()).or_default();
        for found in paths.found {
            let Some(first) = found.first() else { continue };
            let target = if src.join(format!("{first}.rs")).exists() || src.join(first).is_dir() {
                first.clone()
            } else if let Some(module) = reexports.get(first) {
                module.clone()
            } else {
                continue;
            };
            if target != top {
                targets.insert(target);
            }
        }
    }
    CrateShape { graph, lines }
}

fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_crate_has_an_import_circle() {
    let mut circles = Vec::new();
    for name in CRATES {
        let shape = shape(&crates_dir().join(name).join("src"));
        assert!(
            shape.graph.len() >= 3,
            "{name}: modules found: {:?}",
            shape.graph
        );
        if let Some(cycle) = find_cycle(&shape.graph) {
            circles.push(format!("{name}: {}", cycle.join(" → ")));
        }
    }
    let core = shape(&crates_dir().join("ossbatch-core/src"));
    assert!(
        core.graph["issue"].contains("rules"),
        "edges are read: {:?}",
        core.graph
    );
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn no_production_file_is_over_600_lines_in_any_crate() {
    let mut long = Vec::new();
    for name in CRATES {
        for (path, lines) in shape(&crates_dir().join(name).join("src")).lines {
            if lines > MAX_PRODUCTION_LINES {
                long.push(format!("{}: {lines}", path.display()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "over {MAX_PRODUCTION_LINES} production lines: {long:?}"
    );
}

/// The checks catch what they are for: a planted circle (through `super::`, a `crate::Type`
/// re-export and a path in an expression) and a planted 601-line file, in a crate made for it.
#[test]
fn the_checks_fail_on_a_planted_circle_and_a_601_line_file() {
    let dir = std::env::temp_dir().join(format!("ossbatch-structure-{}", std::process::id()));
    let src = dir.join("src");
    std::fs::create_dir_all(src.join("credentials")).unwrap();
    std::fs::write(
        src.join("lib.rs"),
        "mod credentials;\nmod host;\nmod transport;\npub use transport::Failure;\n",
    )
    .unwrap();
    std::fs::write(src.join("credentials/mod.rs"), "mod form;\n").unwrap();
    std::fs::write(
        src.join("credentials/form.rs"),
        "use super::super::host::Host;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("host.rs"),
        "pub struct Host;\nfn f() -> crate::Failure { todo!() }\n",
    )
    .unwrap();
    let long: String = (0..600).map(|i| format!("const C{i}: u8 = 0;\n")).collect();
    std::fs::write(
        src.join("transport.rs"),
        format!("pub struct Failure;\nfn g() {{ let _ = crate::credentials::X; }}\n{long}#[cfg(test)]\nmod tests {{ use crate::host::Host; }}\n"),
    )
    .unwrap();
    let shape = shape(&src);
    let cycle = find_cycle(&shape.graph).expect("the planted circle is found");
    assert_eq!(cycle.len(), 4, "{cycle:?} in {:?}", shape.graph);
    let transport = shape
        .lines
        .iter()
        .find(|(p, _)| p.ends_with("transport.rs"))
        .unwrap()
        .1;
    assert_eq!(transport, 602, "the test module's lines are not counted");
    assert!(transport > MAX_PRODUCTION_LINES);
    // Test-only uses are no edge: without the expression path, transport reaches nothing.
    std::fs::write(
        src.join("transport.rs"),
        "pub struct Failure;\n#[cfg(test)]\nmod tests { use crate::credentials::X; }\n",
    )
    .unwrap();
    assert!(find_cycle(&shape_of(&src)).is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn shape_of(src: &Path) -> Graph {
    shape(src).graph
}
