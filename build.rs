//! Validates the bundled dataset (`data/claims.json`) and compiles it in.
//!
//! A bad entry fails the build with every problem, each named by its JSON
//! path and claim id, e.g.
//! `data/claims.json: claims[3] (us-cuts-200-nato-posts).sources[0].url: scheme "javascript" is not allowed`.
//! So does a finding of the editorial checks (`src/checks.rs`: a claim
//! without `asOf`, a phrasing with a negation or verdict the claim lacks,
//! an unsourced quotation), e.g.
//! `data/claims.json: claims[5] (trump-wants-to-leave-nato).asOf: missing: …`.

#[allow(dead_code)]
#[path = "src/dataset.rs"]
mod dataset;
#[allow(dead_code)]
#[path = "src/checks.rs"]
mod checks;

use std::{env, fs, path::Path, process};

fn main() {
    let src = "data/claims.json";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=src/dataset.rs");
    println!("cargo:rerun-if-changed=src/checks.rs");
    let text = fs::read_to_string(src).unwrap_or_else(|e| fail(&format!("{src}: cannot read: {e}")));
    let data = match dataset::Dataset::from_json(&text).and_then(|d| {
        let findings = checks::check(&d);
        if findings.is_empty() {
            Ok(d)
        } else {
            Err(findings.into())
        }
    }) {
        Ok(d) => d,
        Err(errs) => {
            // Name each entry by id as well as index, so it can be found by search.
            let ids: Vec<Option<String>> = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("claims").and_then(|c| c.as_array()).cloned())
                .map(|a| a.iter().map(|c| c.get("id").and_then(|i| i.as_str()).map(String::from)).collect())
                .unwrap_or_default();
            let lines: Vec<String> = errs
                .errors()
                .iter()
                .map(|e| {
                    let mut path = e.path().to_string();
                    if let Some(rest) = path.strip_prefix("claims[") {
                        if let Some((n, tail)) = rest.split_once(']') {
                            if let Some(Some(id)) = n.parse::<usize>().ok().and_then(|i| ids.get(i)) {
                                path = format!("claims[{n}] ({id}){tail}");
                            }
                        }
                    }
                    format!("{src}: {path}: {}", e.message())
                })
                .collect();
            fail(&lines.join("\n"))
        }
    };
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"))).join("claims.json");
    fs::write(&out, data.to_json()).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
}

fn fail(msg: &str) -> ! {
    eprintln!("\nfactmark: the bundled dataset is invalid:\n{msg}\n");
    for line in msg.lines() {
        println!("cargo:warning={line}");
    }
    process::exit(1)
}
