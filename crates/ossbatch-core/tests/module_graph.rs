//! The core's top-level modules form no circle (issue #21): each module's `crate::…` references (in
//! `use` lines and paths, outside `#[cfg(test)]` and comments) are edges, and the graph they make must
//! be acyclic. A circle is printed as the path that closes it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules it refers to.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&root).unwrap();
            let top = relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if top == "lib" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let production = text.split("#[cfg(test)]").next().unwrap();
            let targets = edges.entry(top.clone()).or_default();
            for line in production.lines() {
                let code = line.split("//").next().unwrap();
                for (index, _) in code.match_indices("crate::") {
                    let rest = &code[index + "crate::".len()..];
                    for name in referenced(rest) {
                        if name != top {
                            targets.insert(name);
                        }
                    }
                }
            }
        }
    }
    edges
}

/// The module names right after `crate::`: one (`crate::rules::X`) or a group (`crate::{a, b::c}`).
fn referenced(rest: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
            .collect()
    };
    if let Some(group) = rest.strip_prefix('{') {
        let inner = group.split('}').next().unwrap_or("");
        // Top-level names of the group only: split at commas not inside nested braces.
        let mut names = Vec::new();
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    names.push(word(&inner[start..i]));
                    start = i + 1;
                }
                _ => {}
            }
        }
        names.push(word(&inner[start..]));
        names.into_iter().filter(|n| !n.is_empty()).collect()
    } else {
        let name = word(rest);
        if name.is_empty() {
            Vec::new()
        } else {
            vec![name]
        }
    }
}

fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
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
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_core_modules_form_no_circle() {
    let graph = graph();
    assert!(graph.len() > 10, "modules found: {graph:?}");
    assert!(
        graph["issue"].contains("rules"),
        "edges are read: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import circle: {}\n{graph:#?}", cycle.join(" → "));
    }
}

#[test]
fn the_cycle_finder_finds_a_circle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph
        .entry("lang".into())
        .or_default()
        .insert("issue".into());
    graph
        .entry("issue".into())
        .or_default()
        .insert("rules".into());
    graph
        .entry("rules".into())
        .or_default()
        .insert("lang".into());
    assert_eq!(
        find_cycle(&graph).unwrap(),
        ["issue", "rules", "lang", "issue"]
    );
    assert_eq!(
        referenced("{issue::Issue, rules::{Rule, Severity}};"),
        ["issue", "rules"]
    );
}

/// No production file of the core is over 600 lines (its lines before `#[cfg(test)]`): a file that
/// grows past it holds more than one concern (issue #21).
#[test]
fn no_core_file_is_over_600_production_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    let mut long = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let lines = text.split("#[cfg(test)]").next().unwrap().lines().count();
                if lines > 600 {
                    long.push(format!("{}: {lines}", path.display()));
                }
            }
        }
    }
    assert!(long.is_empty(), "over 600 production lines: {long:?}");
}
