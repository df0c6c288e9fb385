//! The one-way house: imports between the top-level modules of `src/` form no circle, state
//! never imports drawing, and the model and the gazetteer never import the search engine.
//! Read from the source text, so it checks what the code says, not what a comment claims.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `app` for `src/app/finding.rs`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// The top-level modules a file's code names through `crate::` (or `c34::` in the binary).
fn imports(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for prefix in ["crate::", "c34::"] {
        for (at, _) in text.match_indices(prefix) {
            let rest = &text[at + prefix.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if modules.contains(&name) {
                found.insert(name);
            }
        }
        // `use crate::{a, b::c}` names several.
        for (at, _) in text.match_indices(&format!("{prefix}{{")) {
            let rest = &text[at + prefix.len() + 1..];
            let group = &rest[..rest.find('}').unwrap_or(rest.len())];
            for part in group.split(',') {
                let name = part.trim().split("::").next().unwrap_or("").trim();
                if modules.contains(name) {
                    found.insert(name.to_string());
                }
            }
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let text = fs::read_to_string(file).expect("a source file is readable");
        // Tests inside a file may reach anywhere; only the code proper counts.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        // Comments may name any module ("drawn by [`crate::ui`]"); only code counts.
        let code: String = code
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut names = imports(&code, &modules);
        names.remove(&module);
        graph.entry(module).or_default().extend(names);
    }
    graph
}

/// A circle through `start`, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        at: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    let mut seen = BTreeSet::new();
    walk(graph, start, start, &mut path, &mut seen).then_some(path)
}

#[test]
fn the_modules_import_one_way() {
    let graph = graph();
    assert!(
        graph.contains_key("app") && graph.contains_key("ui"),
        "{graph:?}"
    );
    for module in graph.keys() {
        if let Some(path) = circle(&graph, module) {
            panic!("a circle of imports: {}", path.join(" → "));
        }
    }
}

#[test]
fn state_does_not_import_drawing_nor_the_model_the_search() {
    let graph = graph();
    let imports = |module: &str| graph.get(module).cloned().unwrap_or_default();
    assert!(!imports("app").contains("ui"), "app imports ui");
    assert!(!imports("app").contains("tui"), "app imports tui");
    assert!(!imports("layout").contains("app"), "layout imports app");
    for model in ["dataset", "missions", "text", "refs", "import"] {
        assert!(!imports(model).contains("search"), "{model} imports search");
    }
    for plain in ["text", "sanitize"] {
        assert!(
            imports(plain)
                .iter()
                .all(|m| m == "sanitize" || m == "text"),
            "{plain} imports {:?}",
            imports(plain)
        );
    }
}

#[test]
fn the_key_table_and_the_geometry_are_below_the_state() {
    let graph = graph();
    let imports = |module: &str| graph.get(module).cloned().unwrap_or_default();
    for below in ["command", "bindings", "keys", "layout"] {
        assert!(!imports(below).contains("app"), "{below} imports app");
        assert!(!imports(below).contains("ui"), "{below} imports ui");
    }
    // The state knows neither terminal events nor how effects are done.
    for outside in ["keys", "effects"] {
        assert!(!imports("app").contains(outside), "app imports {outside}");
    }
}

/// The code of a file, without its tests and comments, as words.
fn code_words(path: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(path).expect("a source file is readable");
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .flat_map(|line| line.split(|c: char| !c.is_alphanumeric() && c != '_'))
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn overlays_are_drawn_from_themselves_and_a_context_not_the_app() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/overlay");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        assert!(
            !code_words(&file).contains("App"),
            "{} reads the whole App",
            file.display()
        );
    }
}
