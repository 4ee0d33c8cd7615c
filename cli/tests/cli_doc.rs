//! Runs the `factmark …` example lines of docs/cli.md's "Command line"
//! section, from the repository root: every example must work as written.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

/// Splits a command line on spaces, keeping "double-quoted" words whole.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn readme_cli_examples_run() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("docs/cli.md")).unwrap();
    let section = readme.split("# Command line").nth(1).expect("docs/cli.md starts with its title");
    let block = section.split("```sh").nth(1).and_then(|b| b.split("```").next()).expect("a sh block");
    std::fs::create_dir_all(root.join("target")).unwrap();
    let mut ran = 0;
    for line in block.lines() {
        // Drop comments; run only the factmark command lines.
        let cmd = line.split(" #").next().unwrap_or("").trim();
        let Some(rest) = cmd.strip_prefix("factmark ") else { continue };
        let out = Command::new(env!("CARGO_BIN_EXE_factmark")).args(words(rest)).current_dir(&root).output().unwrap();
        assert!(
            out.status.success(),
            "`{cmd}` failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if rest.starts_with("scan") {
            assert!(!out.stdout.is_empty(), "`{cmd}` printed no match");
        }
        if rest.starts_with("evaluate") {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("| wrong verdicts | wrong / 1,000 | precision | recall |"), "`{cmd}` printed no figures:\n{text}");
        }
        ran += 1;
    }
    assert_eq!(ran, 8, "docs/cli.md shows eight factmark examples");
}
