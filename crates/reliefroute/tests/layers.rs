//! The crate's architecture, enforced: dependencies run one way,
//! model -> travel -> solver -> plan -> io, and no two modules depend on each other.
//!
//! Every non-test `crate::` and `super::` path in `src/` is resolved to a *unit*: a top-level
//! module, or a direct child of one (`solver::insertion`, `travel::roads`). A unit may use
//! units of its own layer or below, and the graph of units has no cycle. A folder's `mod.rs`
//! only declares and re-exports its children, so it is not a source of dependencies.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first.
const LAYERS: [&str; 5] = ["model", "travel", "solver", "plan", "io"];

fn layer(unit: &str) -> usize {
    let top = unit.split("::").next().unwrap_or(unit);
    LAYERS
        .iter()
        .position(|l| *l == top)
        .unwrap_or_else(|| panic!("module `{top}` is in no layer: add it to LAYERS"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a source file: `src/solver/search/sisr.rs` -> `[solver, search, sisr]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The unit of a path: its first segment, with the second when that names a module.
fn unit(path: &[String], modules: &BTreeSet<String>) -> String {
    let two = path.iter().take(2).cloned().collect::<Vec<_>>().join("::");
    if path.len() >= 2 && modules.contains(&two) {
        two
    } else {
        path[0].clone()
    }
}

/// The code of a file without its test module (everything from `#[cfg(test)]` on) and
/// without comments.
fn code(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or("");
    body.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths a file's code refers to, resolved from `crate::` or `super::`.
fn references(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let starts_word = i == 0 || !ident(bytes[i - 1]);
        let rest = &code[i..];
        let (prefix_len, mut base) = if starts_word && rest.starts_with("crate::") {
            (7, Vec::new())
        } else if starts_word && rest.starts_with("super::") {
            // `super` of module `a::b` is `a` (mod.rs files are skipped, see above).
            let mut base = module.to_vec();
            base.pop();
            (7, base)
        } else {
            i += 1;
            continue;
        };
        let mut j = i + prefix_len;
        loop {
            if code[j..].starts_with("super::") {
                base.pop();
                j += 7;
                continue;
            }
            let end = j + code[j..].bytes().take_while(|&c| ident(c)).count();
            if end == j {
                break;
            }
            base.push(code[j..end].to_string());
            j = end;
            if code[j..].starts_with("::") {
                j += 2;
            } else {
                break;
            }
        }
        found.push(base);
        i = j.max(i + 1);
    }
    found
}

#[test]
fn dependencies_run_one_way_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_path(&src, f).join("::"))
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut upward = Vec::new();
    for file in &files {
        let module = module_path(&src, file);
        let is_mod_rs = file.file_name().is_some_and(|n| n == "mod.rs");
        // lib.rs and mod.rs only declare and re-export; a `tests.rs` file is a test module.
        if module == ["lib"] || is_mod_rs || module.last().is_some_and(|m| m == "tests") {
            continue;
        }
        let from = unit(&module, &modules);
        let text = std::fs::read_to_string(file).expect("readable source");
        for target in references(&module, &code(&text)) {
            if target.is_empty() {
                continue;
            }
            if !modules.contains(&target[0]) {
                upward.push(format!(
                    "{} uses {} through the crate root: name the module that defines it",
                    file.display(),
                    target.join("::")
                ));
                continue;
            }
            let to = unit(&target, &modules);
            if to == from || from.starts_with(&format!("{to}::")) {
                continue;
            }
            if layer(&to) > layer(&from) {
                upward.push(format!(
                    "{} uses {} (a layer above)",
                    file.display(),
                    target.join("::")
                ));
            }
            edges.entry(from.clone()).or_default().insert(to);
        }
    }
    assert!(upward.is_empty(), "{}", upward.join("\n"));
    // Any cycle among units, found by depth-first search.
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    fn visit<'a>(
        u: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(u) {
            Some(2) => return None,
            Some(1) => {
                let at = stack.iter().position(|s| *s == u).expect("on the stack");
                let mut cycle: Vec<String> = stack[at..].iter().map(|s| s.to_string()).collect();
                cycle.push(u.to_string());
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(u, 1);
        stack.push(u);
        for v in edges.get(u).into_iter().flatten() {
            if let Some(cycle) = visit(v, edges, state, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        state.insert(u, 2);
        None
    }
    for u in edges.keys() {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(u, &edges, &mut state, &mut stack) {
            panic!("modules depend on each other: {}", cycle.join(" -> "));
        }
    }
}

/// The check itself: an upward reference and a cycle are both found.
#[test]
fn the_checker_sees_upward_references_and_cycles() {
    let module: Vec<String> = ["solver", "insertion"].map(String::from).to_vec();
    let refs = references(
        &module,
        "use crate::plan::Plan;\nuse super::search::Rng; fn f() { crate::model::x(); }",
    );
    let modules: BTreeSet<String> = ["plan", "model", "solver", "solver::search"]
        .map(String::from)
        .into();
    let units: Vec<String> = refs.iter().map(|r| unit(r, &modules)).collect();
    assert_eq!(units, ["plan", "solver::search", "model"]);
    assert!(layer("plan") > layer("solver"));
    assert_eq!(code("a // crate::io\n#[cfg(test)]\nuse crate::io;"), "a ");
}
