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
#[path = "src/checks.rs"]
mod checks;
#[allow(dead_code)]
#[path = "src/compact.rs"]
mod compact;
#[allow(dead_code)]
#[path = "src/dataset.rs"]
mod dataset;
// The matcher and what it stands on, to compile the bundled dataset's index
// here once rather than in every reader's browser on every page.
#[allow(dead_code)]
#[path = "src/matcher.rs"]
mod matcher;
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/sentence.rs"]
mod sentence;
#[allow(dead_code)]
#[path = "src/stem.rs"]
mod stem;
#[allow(dead_code)]
#[path = "src/t2s_table.rs"]
mod t2s_table;
#[allow(dead_code)]
#[path = "src/terms.rs"]
mod terms;

use std::{env, fs, path::Path, process};

fn main() {
    let src = "data/claims.json";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=src/dataset.rs");
    println!("cargo:rerun-if-changed=src/checks.rs");
    println!("cargo:rerun-if-changed=src/compact.rs");
    for f in ["matcher.rs", "matcher/frame.rs", "matcher/bytes.rs", "normalize.rs", "sentence.rs", "stem.rs", "t2s_table.rs", "terms.rs"] {
        println!("cargo:rerun-if-changed=src/{f}");
    }
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
                    let id = e.claim().and_then(|i| Some((i, ids.get(i)?.as_deref()?)));
                    let path = match id {
                        // The claim's path, `claims[i]`, then the id, then the rest.
                        Some((i, id)) => {
                            let claim = format!("claims[{i}]");
                            match e.path().strip_prefix(claim.as_str()) {
                                Some(rest) => format!("{claim} ({id}){rest}"),
                                None => format!("{} ({claim}, {id})", e.path()),
                            }
                        }
                        None => e.path().to_string(),
                    };
                    format!("{src}: {path}: {}", e.detail())
                })
                .collect();
            fail(&lines.join("\n"))
        }
    };
    let dir = env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    let write = |name: &str, bytes: &[u8]| {
        let out = Path::new(&dir).join(name);
        fs::write(&out, bytes).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
    };
    // The whole dataset (for native use: the CLI, tests); the matcher's
    // compiled index; and the claims as the widget shows them (without
    // what only the matcher or the editorial checks read), in the binary
    // form its module reads without a JSON parser.
    write("claims.json", data.to_json().as_bytes());
    write("index.bin", &matcher::Matcher::new(&data).to_bytes());
    let claims = compact::encode(&data);
    if compact::decode(&claims).ok() != Some(compact::shown(&data)) {
        fail("the compact claims do not read back as written (src/compact.rs)");
    }
    write("claims.bin", &claims);
}

fn fail(msg: &str) -> ! {
    eprintln!("\nfactmark: the bundled dataset is invalid:\n{msg}\n");
    for line in msg.lines() {
        println!("cargo:warning={line}");
    }
    process::exit(1)
}
