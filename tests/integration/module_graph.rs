//! The one-way house: imports between the top-level modules of `src/` form no circle, state
//! never imports drawing, and the model and the gazetteer never import the search engine; an
//! overlay is one file (its state, its handling, its drawing) plus a line in the registry.
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

#[test]
fn the_drawing_primitives_are_below_the_state_and_the_panes() {
    let graph = graph();
    let imports = |module: &str| graph.get(module).cloned().unwrap_or_default();
    // The overlays (in `app`) and the panes (in `ui`) both draw with `paint`.
    assert!(imports("app").contains("paint"), "app does not use paint");
    assert!(imports("ui").contains("paint"), "ui does not use paint");
    for above in ["app", "ui", "tui", "keys", "effects"] {
        assert!(!imports("paint").contains(above), "paint imports {above}");
    }
}

/// The code of a file, without its tests and comment lines.
fn code_text(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("a source file is readable");
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The code of a file, without its tests and comments, as words.
fn code_words(path: &Path) -> BTreeSet<String> {
    code_text(path)
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// From `code[at..]`: the text up to the bracket that closes the first `open` (`{` or `(`),
/// both included.
fn bracketed(code: &str, at: usize, open: char) -> &str {
    let close = if open == '{' { '}' } else { ')' };
    let rest = &code[at..];
    let start = rest.find(open).expect("an opening bracket");
    let mut depth = 0;
    for (i, c) in rest[start..].char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return &rest[..=start + i];
            }
        }
    }
    panic!("unbalanced brackets in {rest}")
}

/// The type of each parameter of a signature `fn name(a: A, _b: B)`: `["A", "B"]`, with
/// `&self` as itself and spaces dropped.
fn parameter_types(signature: &str) -> Vec<String> {
    let open = signature.find('(').expect("a parameter list");
    let inner = &signature[open + 1..signature.len() - 1];
    inner
        .split(',')
        .map(|part| part.split_whitespace().collect::<String>())
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once(':') {
            Some((_, ty)) => ty.to_string(),
            None => part,
        })
        .collect()
}

/// The registry's overlays, as written in `pub enum Overlay`: (variant, component type name).
fn overlays() -> Vec<(String, String)> {
    let registry = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app/overlay.rs");
    let code = code_text(&registry);
    let at = code
        .find("pub enum Overlay")
        .expect("the registry lists the overlays");
    let body = bracketed(&code, at, '{');
    body.lines()
        .filter_map(|line| {
            let (variant, rest) = line.trim().split_once('(')?;
            // `Help(Help)` or `Help(help::Help)`: the type's own name.
            let component = rest.strip_suffix("),")?.rsplit("::").next()?;
            Some((variant.to_string(), component.to_string()))
        })
        .collect()
}

#[test]
fn overlays_are_drawn_from_themselves_and_a_context_not_the_app() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // The context an overlay is drawn from holds no `App`.
    let registry = code_text(&src.join("app/overlay.rs"));
    let at = registry.find("pub struct Context").expect("a Context");
    let context = bracketed(&registry, at, '{');
    assert!(
        !context
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|word| word == "App"),
        "the overlays' Context holds the App: {context}"
    );
    // Every `draw` (the trait's and each overlay's) takes itself, the frame, the context and
    // the theme, nothing else; every function that draws names no `App`.
    let mut files = vec![src.join("app/overlay.rs")];
    rust_files(&src.join("app/overlay"), &mut files);
    let mut draws = 0;
    for file in &files {
        let code = code_text(file);
        for (at, _) in code.match_indices("fn ") {
            let signature = bracketed(&code, at, '(');
            let types = parameter_types(signature);
            if signature.starts_with("fn draw(") {
                draws += 1;
                assert_eq!(
                    types,
                    ["&self", "&mutFrame", "&Context", "&Theme"],
                    "{}: {signature}",
                    file.display()
                );
            }
            // A declaration without a body (the trait's) has nothing to read.
            let after = &code[at + signature.len()..];
            let declaration = match (after.find(';'), after.find('{')) {
                (Some(semicolon), Some(brace)) => semicolon < brace,
                (semicolon, _) => semicolon.is_some(),
            };
            if types.iter().any(|ty| ty == "&mutFrame") && !declaration {
                let whole = bracketed(&code, at, '{');
                assert!(
                    !whole
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|word| word == "App"),
                    "{} draws from the whole App: {signature}",
                    file.display()
                );
            }
        }
    }
    // The trait's, the registry's dispatch and one per overlay.
    assert!(draws >= overlays().len() + 2, "{draws} draw functions");
}

#[test]
fn a_new_overlay_is_one_file_and_a_line_in_the_registry() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let overlays = overlays();
    assert!(overlays.len() >= 8, "{overlays:?}");
    let mut components = Vec::new();
    rust_files(&src.join("app/overlay"), &mut components);
    // Each overlay's type, its handling and its drawing are in one file of `app/overlay/`.
    for (variant, component) in &overlays {
        let homes: Vec<&PathBuf> = components
            .iter()
            .filter(|file| {
                let code = code_text(file);
                ["pub struct", "pub enum"].iter().any(|kind| {
                    code.match_indices(&format!("{kind} {component}"))
                        .any(|(at, found)| {
                            let next = code[at + found.len()..].chars().next();
                            next.is_some_and(|c| !c.is_alphanumeric() && c != '_')
                        })
                })
            })
            .collect();
        assert_eq!(
            homes.len(),
            1,
            "{variant}({component}) is defined in {homes:?}"
        );
        let code = code_text(homes[0]);
        let at = code
            .find(&format!("impl Component for {component} "))
            .unwrap_or_else(|| panic!("{} has no impl Component", homes[0].display()));
        let implementation = bracketed(&code, at, '{');
        for method in ["fn handle(", "fn draw("] {
            assert!(
                implementation.contains(method),
                "{component}'s {method}) is not in {}",
                homes[0].display()
            );
        }
    }
    // Only the registry dispatches over every overlay, so a new one adds an arm there alone.
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files.iter().filter(|f| !f.ends_with("app/overlay.rs")) {
        let code = code_text(file);
        assert!(
            !overlays
                .iter()
                .all(|(variant, _)| code.contains(&format!("Overlay::{variant}"))),
            "{} matches over every overlay",
            file.display()
        );
    }
    // The panes' drawing draws no overlay: it names none of their types.
    assert!(!src.join("ui/overlay").exists(), "src/ui/overlay/ is back");
    let mut panes = Vec::new();
    rust_files(&src.join("ui"), &mut panes);
    for file in &panes {
        let words = code_words(file);
        for (_, component) in &overlays {
            assert!(
                !words.contains(component),
                "{} names the overlay {component}",
                file.display()
            );
        }
    }
}
