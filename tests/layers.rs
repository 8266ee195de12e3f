//! The layers written in `src/lib.rs`: a module may use its own level and those below, never one
//! above. This reads every source file and names each import that points upwards.

use std::fs;
use std::path::{Path, PathBuf};

/// The levels of `src/lib.rs`'s docs, lowest first.
const LEVELS: &[&[&str]] = &[
    &["exit", "model"],
    &["score"],
    &["i18n"],
    &["store"],
    &["session"],
    &["report", "selfscore", "setup"],
    &["room", "ward"],
    &["synthetic"],
    &["tui"],
    &["cli"],
];

fn level(module: &str) -> Option<usize> {
    LEVELS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a piece of source names with `crate::`, including `crate::{a, b}`.
fn crate_paths(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                found.push(first_segment(part.trim()));
            }
        } else {
            found.push(first_segment(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

fn first_segment(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let module = first.to_string_lossy().trim_end_matches(".rs").to_string();
        let Some(own) = level(&module) else {
            // lib.rs and main.rs sit above every layer.
            assert!(
                module == "lib" || module == "main",
                "src/{module} is in no layer of src/lib.rs's docs; add it there and here"
            );
            continue;
        };
        checked += 1;
        let source = fs::read_to_string(file).unwrap();
        for used in crate_paths(&source) {
            match level(&used) {
                Some(theirs) if theirs > own => upward.push(format!(
                    "{} (layer {own}) uses crate::{used} (layer {theirs})",
                    relative.display()
                )),
                Some(_) => {}
                None => upward.push(format!(
                    "{} uses crate::{used}, which is in no layer",
                    relative.display()
                )),
            }
        }
    }
    assert!(checked > 50, "only {checked} source files were read");
    assert!(
        upward.is_empty(),
        "imports pointing upwards:\n{}",
        upward.join("\n")
    );
}

/// The module path of a source file: `src/tui/view/votes.rs` is `tui::view::votes`,
/// `src/tui/view/mod.rs` is `tui::view`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The paths a file names with `super::` (resolved from its module) or `crate::`, each as a
/// full path from the crate's root.
fn named_paths(module: &[String], source: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (at, _) in source.match_indices("super::") {
        // Only the first `super` of a chain starts a path.
        if source[..at].ends_with("super::") {
            continue;
        }
        let mut rest = &source[at..];
        let mut base = module.to_vec();
        while let Some(after) = rest.strip_prefix("super::") {
            base.pop();
            rest = after;
        }
        let segment = first_segment(rest);
        if !segment.is_empty() {
            base.push(segment);
            found.push(base);
        }
    }
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        let mut path = vec![first_segment(rest)];
        if let Some(after) = rest.strip_prefix(&format!("{}::", path[0])) {
            path.push(first_segment(after));
        }
        found.push(path);
    }
    found
}

/// Within the screen, no two modules import each other, directly or through others: the
/// dialogs give outcomes to `app` instead of reaching into it, and the views only read.
#[test]
fn the_screens_modules_make_no_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("tui"), &mut files);
    let mut edges: std::collections::BTreeSet<(String, String)> = Default::default();
    for file in &files {
        let module = module_path(file.strip_prefix(&src).unwrap());
        let Some(own) = module.get(1).cloned() else {
            continue;
        };
        let source = fs::read_to_string(file).unwrap();
        for path in named_paths(&module, &source) {
            if path.first().is_some_and(|m| m == "tui")
                && let Some(theirs) = path.get(1).filter(|t| **t != own && !t.is_empty())
            {
                edges.insert((own.clone(), theirs.clone()));
            }
        }
    }
    // A circle is an edge whose end reaches back to its start.
    let reaches = |from: &str, to: &str| {
        let mut seen = vec![from.to_string()];
        let mut next = vec![from.to_string()];
        while let Some(m) = next.pop() {
            for (a, b) in &edges {
                if *a == m && !seen.contains(b) {
                    seen.push(b.clone());
                    next.push(b.clone());
                }
            }
        }
        seen.iter().any(|m| m == to)
    };
    let circles: Vec<String> = edges
        .iter()
        .filter(|(a, b)| reaches(b, a))
        .map(|(a, b)| format!("tui::{a} → tui::{b} → … → tui::{a}"))
        .collect();
    assert!(edges.len() > 20, "only {} imports read", edges.len());
    assert!(circles.is_empty(), "circles:\n{}", circles.join("\n"));
}

#[test]
fn the_reader_finds_grouped_and_nested_paths() {
    let source = "use crate::{model::Bloc, score};\nlet x = crate::tui::run();\n";
    assert_eq!(crate_paths(source), ["model", "score", "tui"]);
}
