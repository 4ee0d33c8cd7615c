//! The `factmark` command-line tool, run as a process.
#![cfg(not(target_arch = "wasm32"))]

use factmark::dataset::Dataset;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_factmark");

/// The repository root: fixtures and printed paths are relative to it.
fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The article's claims, C01–C27 (tests/fixtures/slugs.txt).
fn article_claims() -> Vec<String> {
    std::fs::read_to_string(repo().join("tests/fixtures/slugs.txt"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('C'))
        .filter_map(|l| l.split_once(' ').map(|(_, id)| id.to_string()))
        .collect()
}

const FEED: &str = "tests/fixtures/claimreview/feed.json";
const GRAPH: &str = "tests/fixtures/claimreview/graph.json";

/// Runs the tool in the crate root.
fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(repo()).output().expect("run factmark")
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run factmark");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// A path in the target's temporary directory (one per test; overwritten each run).
fn tmp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("factmark-cli-{name}"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap()
}

/// 1-based line and column (in characters) of the first `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, text[line_start..at].chars().count() + 1)
}

#[test]
fn validate_accepts_the_bundled_dataset() {
    let o = run(&["validate", "data/claims.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("data/claims.json: valid factmark dataset, 37 claims, 0 warnings"), "{}", stderr(&o));
}

#[test]
fn validate_reports_every_problem_at_its_line_and_column() {
    let mut v: Value = serde_json::from_str(&read("data/claims.json")).unwrap();
    v["claims"][0]["sources"][0]["url"] = "javascript:alert(1)".into();
    v["claims"][3]["verdict"] = "".into();
    let text = serde_json::to_string_pretty(&v).unwrap();
    let path = tmp("broken.json");
    std::fs::write(&path, &text).unwrap();
    let file = path.to_str().unwrap();
    let o = run(&["validate", file]);
    assert_eq!(code(&o), 1);
    let (l1, c1) = line_col(&text, "\"javascript:alert(1)\"");
    let (l2, c2) = line_col(&text, "\"verdict\": \"\"");
    let c2 = c2 + "\"verdict\": ".len();
    assert_eq!(
        stdout(&o),
        format!(
            "{file}:{l1}:{c1}: claims[0].sources[0].url: scheme \"javascript\" is not allowed (only http and https)\n\
             {file}:{l2}:{c2}: claims[3].verdict: must not be empty\n"
        )
    );
    assert!(stderr(&o).contains("2 errors"), "{}", stderr(&o));
}

#[test]
fn validate_reports_type_errors_and_invalid_json() {
    let path = tmp("typo.json");
    let text = "{\n  \"factmark\": 1,\n  \"claims\": [\n    { \"id\": \"x\", \"rating\": \"fals\" }\n  ]\n}\n";
    std::fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    let o = run(&["validate", file]);
    assert_eq!(code(&o), 1);
    let (l, c) = line_col(text, "\"fals\"");
    assert!(stdout(&o).starts_with(&format!("{file}:{l}:{c}: claims[0].rating: unknown variant `fals`")), "{}", stdout(&o));

    std::fs::write(&path, "{\"claims\": [1,\n  2,,]}").unwrap();
    let o = run(&["validate", file]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), format!("{file}:2:5: invalid JSON: expected value\n"));

    std::fs::write(&path, b"{\"a\": \"\xff\"}").unwrap();
    let o = run(&["validate", file]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).starts_with(&format!("{file}:1:8: not UTF-8 text")), "{}", stdout(&o));
}

#[test]
fn validate_claimreview_reports_dropped_reviews_as_warnings() {
    let o = run(&["validate", FEED]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (l, c) = line_col(&read(FEED), "\"javascript:void(0)\"");
    assert_eq!(
        stdout(&o),
        format!("{FEED}:{l}:{c}: warning: dataFeedElement[8].item[0].url: scheme \"javascript\" is not allowed (only http and https); the review is dropped\n")
    );
    assert!(stderr(&o).contains("valid ClaimReview, 7 claims from 8 usable reviews, 1 warning"), "{}", stderr(&o));
    let o = run(&["validate", GRAPH]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn validate_claimreview_with_nothing_usable_is_an_error() {
    let path = tmp("unusable.json");
    let text = r#"[
  {
    "@type": "ClaimReview",
    "claimReviewed": "NATO has not developed a clear plan to deal with a U.S. withdrawal",
    "reviewRating": { "@type": "Rating", "alternateName": "Mostly true" },
    "author": { "@type": "Organization", "name": "Example Fact Desk" },
    "datePublished": "2026-01-02",
    "url": "ftp://example.org/review"
  }
]"#;
    std::fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    let o = run(&["validate", file]);
    assert_eq!(code(&o), 1);
    let (l, c) = line_col(text, "\"ftp:");
    assert_eq!(
        stdout(&o),
        format!(
            "{file}:{l}:{c}: [0].url: scheme \"ftp\" is not allowed (only http and https); the review is dropped\n\
             {file}:1:1: none of the 1 ClaimReview items is usable\n"
        )
    );
    let o = run(&["import", file]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("nothing imported"), "{}", stderr(&o));
}

#[test]
fn import_writes_a_valid_dataset_and_warns_with_paths() {
    let o = run(&["import", FEED]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d = Dataset::from_json(&stdout(&o)).unwrap();
    assert_eq!(d.claims.len(), 7);
    let greenland = d.claim("trump-recently-claimed-he-wants-control-over-greenland").unwrap();
    let pubs: Vec<&str> = greenland.reviews.iter().map(|r| r.publisher.as_str()).collect();
    assert_eq!(pubs, ["Example Fact Desk", "Sample Verify"]);
    let err = stderr(&o);
    let (l, c) = line_col(&read(FEED), "\"javascript:void(0)\"");
    assert!(err.contains(&format!("{FEED}:{l}:{c}: warning: dataFeedElement[8].item[0].url: ")), "{err}");
    assert!(err.contains("imported 7 claims from 8 reviews, 1 warning"), "{err}");

    let out = tmp("graph-imported.json");
    let o = run(&["import", GRAPH, "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let d = Dataset::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(d.claims.len(), 2);
    // The imported file is a valid factmark dataset, but not one reviewed
    // the factmark way: the editorial checks find it has no asOf dates.
    let o = run(&["validate", out.to_str().unwrap(), "--format-only"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let o = run(&["validate", out.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let first = stdout(&o).lines().next().unwrap().to_string();
    assert!(first.contains(": claims[0].asOf: missing: give the date of the newest fact the verdict rests on"), "{first}");
    assert!(stderr(&o).contains("findings of the editorial checks (--format-only skips them)"), "{}", stderr(&o));
}

#[test]
fn validate_runs_the_editorial_checks_with_paths_and_positions() {
    let mut v: Value = serde_json::from_str(&read("data/claims.json")).unwrap();
    v["claims"][4].as_object_mut().unwrap().remove("asOf");
    v["claims"][4]["phrasings"][1] = "NATO has no plan at all and never will if the U.S. leaves.".into();
    v["claims"][4]["note"] = "A diplomat called the idea \"utterly absurd\".".into();
    v["claims"][6]["asOf"] = "2027-01".into();
    let text = serde_json::to_string_pretty(&v).unwrap();
    let path = tmp("unchecked.json");
    std::fs::write(&path, &text).unwrap();
    let file = path.to_str().unwrap();
    let o = run(&["validate", file]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // asOf after reviewed is a rule of the format: reported alone, first.
    let (l, c) = line_col(&text, "\"2027-01\"");
    assert_eq!(
        lines,
        [format!(
            "{file}:{l}:{c}: claims[6].asOf: \"2027-01\" is after the review date 2026-12-07: the facts cannot be newer than their review"
        )]
    );
    v["claims"][6]["asOf"] = "2025-01-06".into();
    let text = serde_json::to_string_pretty(&v).unwrap();
    std::fs::write(&path, &text).unwrap();
    let o = run(&["validate", file]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let (l, c) = line_col(&text, "\"NATO has no plan at all");
    assert!(lines[0].starts_with(&format!("{file}:")) && lines[0].contains(": claims[4].asOf: missing: "), "{}", lines[0]);
    assert!(
        lines[1].starts_with(&format!(
            "{file}:{l}:{c}: claims[4].phrasings[1]: has a negation the claim lacks (\"no\", \"never\"; the claim has \"not\")"
        )),
        "{}",
        lines[1]
    );
    let (l, c) = line_col(&text, "\"A diplomat called");
    assert!(
        lines[2].starts_with(&format!("{file}:{l}:{c}: claims[4].note: quotes \"utterly absurd\", which is in none of")),
        "{}",
        lines[2]
    );
    assert!(stderr(&o).contains("3 findings of the editorial checks"), "{}", stderr(&o));
    let o = run(&["validate", "--format-only", file]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

fn check_claimreview_graph(v: &Value, base: &str, publisher: &str) -> Vec<Value> {
    assert_eq!(v["@context"], "https://schema.org");
    let graph = v["@graph"].as_array().unwrap().clone();
    for r in &graph {
        assert_eq!(r["@type"], "ClaimReview");
        assert!(r["claimReviewed"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(r["url"].as_str().unwrap().starts_with(&format!("{base}#")));
        assert_eq!(r["author"]["@type"], "Organization");
        assert_eq!(r["author"]["name"], publisher);
        assert!(r["datePublished"].as_str().is_some_and(|d| d.len() == 10));
        assert_eq!(r["reviewRating"]["@type"], "Rating");
        assert!(r["reviewRating"]["alternateName"].as_str().is_some_and(|s| !s.is_empty()));
        if let Some(n) = r["reviewRating"]["ratingValue"].as_u64() {
            assert!((1..=5).contains(&n));
            assert_eq!(r["reviewRating"]["bestRating"], 5);
            assert_eq!(r["reviewRating"]["worstRating"], 1);
        }
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
    }
    graph
}

#[test]
fn export_writes_claimreview_json_ld() {
    let o = run(&["export", "--base-url", "https://factmark.example/reviews", "--publisher", "Factmark Desk"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let graph = check_claimreview_graph(&v, "https://factmark.example/reviews", "Factmark Desk");
    assert_eq!(graph.len(), 37);
    let unscaled = factmark::bundled_dataset()
        .claims
        .iter()
        .filter(|c| matches!(c.rating, factmark::dataset::Rating::Opinion | factmark::dataset::Rating::Unverified))
        .count();
    assert_eq!(
        graph.iter().filter(|r| r["reviewRating"].get("ratingValue").is_none()).count(),
        unscaled,
        "opinion and unverified have no number"
    );
    assert!(graph.iter().any(|r| r["url"] == "https://factmark.example/reviews#trump-greenland-control"));

    // From a file, to a file, with the defaults announced on stderr.
    let out = tmp("export.json");
    let o = run(&["export", FEED, "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("no --base-url"), "{}", stderr(&o));
    assert!(stderr(&o).contains("no --publisher"), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(check_claimreview_graph(&v, "https://example.org/fact-checks", "factmark").len(), 7);
    // Which imports back.
    let o = run(&["import", out.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    let o = run(&["export", "--base-url", "javascript:alert(1)"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--base-url: scheme \"javascript\" is not allowed"), "{}", stderr(&o));
}

#[test]
fn scan_finds_the_27_article_claims() {
    let o = run(&["scan", "tests/fixtures/article.txt", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: BTreeSet<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let expected = article_claims();
    assert_eq!(expected.len(), 27);
    assert_eq!(ids, expected.iter().map(String::as_str).collect());
    let article = read("tests/fixtures/article.txt");
    let units: Vec<u16> = article.encode_utf16().collect();
    for r in &rows {
        let (start, end) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(r["text"], String::from_utf16_lossy(&units[start..end]));
        // For a text file, line and column are positions in the file.
        let (l, c) = line_col(&article, r["text"].as_str().unwrap());
        assert_eq!((r["line"].as_u64().unwrap() as usize, r["column"].as_u64().unwrap() as usize), (l, c), "{r}");
        assert!(["same", "similar"].contains(&r["kind"].as_str().unwrap()));
    }
    let greenland = rows.iter().find(|r| r["id"] == "trump-greenland-control").unwrap();
    assert_eq!(greenland["rating"], "true");
    assert_eq!(greenland["score"], 1.0);

    // The text form: one line per match.
    let o = run(&["scan", "tests/fixtures/article.txt"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert_eq!(text.lines().count(), rows.len());
    let (l, c) = line_col(&article, "Trump recently claimed he wants control over Greenland");
    assert!(
        text.contains(&format!(
            "tests/fixtures/article.txt:{l}:{c}: trump-greenland-control [true] same wording 1.00: \"Trump recently claimed he wants control over Greenland\"\n"
        )),
        "{text}"
    );
    assert!(stderr(&o).contains("matches of 27 claims"), "{}", stderr(&o));
}

#[test]
fn scan_html_skips_what_the_widget_skips() {
    let o = run(&["scan", "tests/fixtures/scan/page.html", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    // Visible paragraphs and list items only: not the title, style, script,
    // hidden, data-factmark-ignore, noscript, template, textarea, svg,
    // comment or JSON-LD copies.
    assert_eq!(ids, ["trump-greenland-control", "massie-cold-war-relic", "us-cuts-200-nato-posts", "nato-expanded-after-cold-war"]);
    // Entities decoded, inline markup joined.
    assert_eq!(
        rows[1]["text"],
        "The proposer stated that NATO is a \"Cold War relic\" that does not align with U.S. national security interests"
    );
    assert_eq!(
        rows[2]["text"],
        "Reuters and the Financial Times reported in January 2026 that the U.S. plans to cut approximately 200 U.S. personnel positions at NATO command centers"
    );
    // Each block starts a line of the extracted text.
    assert!(rows.iter().all(|r| r["column"] == 1), "{rows:?}");
    let lines: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
}

#[test]
fn scan_with_an_imported_dataset_and_from_stdin() {
    let o = run(&["scan", "tests/fixtures/article.txt", "--dataset", FEED, "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(rows.len(), 7);
    assert!(stderr(&o).contains("warning: dataFeedElement[8].item[0].url"), "{}", stderr(&o));

    let o = run_stdin(&["scan", "-"], "<p>As reported: Trump recently claimed he wants control over Greenland.</p>");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "<stdin>:1:14: trump-greenland-control [true] same wording 1.00: \"Trump recently claimed he wants control over Greenland\"\n"
    );
    let o = run_stdin(&["validate", "-"], &read("data/claims.json"));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn help_for_every_command() {
    for args in [&["--help"][..], &["-h"], &["help"], &["help", "help"]] {
        let o = run(args);
        assert_eq!(code(&o), 0, "{args:?}");
        let s = stdout(&o);
        assert!(s.contains("Usage: factmark <COMMAND>") && s.contains("validate") && s.contains("scan"), "{args:?}: {s}");
    }
    for cmd in ["validate", "import", "export", "scan"] {
        for args in [vec!["help", cmd], vec![cmd, "--help"], vec![cmd, "-h"], vec![cmd, "x", "--help"]] {
            let o = run(&args);
            assert_eq!(code(&o), 0, "{args:?}");
            assert!(stdout(&o).starts_with(&format!("Usage: factmark {cmd}")), "{args:?}: {}", stdout(&o));
        }
    }
    assert!(stdout(&run(&["help", "scan"])).contains("LINE and COLUMN are positions in the extracted text"));
    let o = run(&["--version"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), format!("factmark {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(stdout(&run(&["-V"])), stdout(&o));
    // The one version of factmark: [workspace.package] in the repository's Cargo.toml.
    let cargo = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    let table = cargo.split("\n[workspace.package]\n").nth(1).expect("Cargo.toml has [workspace.package]");
    let version = table.lines().find_map(|l| l.trim().strip_prefix("version = ")).expect("[workspace.package] has a version");
    assert_eq!(stdout(&o), format!("factmark {}\n", version.trim_matches('"')));
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["--frob"],
        &["help", "frobnicate"],
        &["validate"],
        &["validate", "a.json", "b.json"],
        &["scan", "tests/fixtures/article.txt", "--bogus"],
        &["scan", "tests/fixtures/article.txt", "--dataset"],
        &["import", "x.json", "-o", "a", "-o", "b"],
        &["export", "a.json", "b.json"],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
    let o = run(&["scan", "tests/fixtures/article.txt", "--bogus"]);
    assert!(stderr(&o).contains("unknown option '--bogus'") && stderr(&o).contains("Usage: factmark scan"), "{}", stderr(&o));
    for args in [&["validate", "no/such/file.json"][..], &["scan", "no/such/file.txt"], &["import", "no/such/file.json"]] {
        let o = run(args);
        assert_eq!(code(&o), 1, "{args:?}");
        assert!(stderr(&o).contains("no/such/") && stderr(&o).contains("no such file"), "{}", stderr(&o));
    }
    let o = run(&["scan", "tests/fixtures/article.txt", "--dataset", "tests/fixtures/article.txt"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("tests/fixtures/article.txt:1:1: invalid JSON"), "{}", stderr(&o));
}

#[test]
fn evaluate_prints_figures_and_lists_misses() {
    let dir = repo().join("target/cli-evaluate");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("samples.jsonl");
    let lines = [
        r#"{"text": "Trump recently claimed he wants control over Greenland.", "claim": "trump-greenland-control", "stance": "states", "kind": "paraphrase", "lang": "en"}"#,
        r#"{"text": "The city council met on Tuesday.", "claim": "trump-greenland-control", "stance": "states", "kind": "paraphrase", "lang": "en"}"#,
        r#"{"text": "Markets rose on Tuesday.", "claim": null, "kind": "unrelated-news", "lang": "en"}"#,
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let path = file.to_string_lossy().into_owned();
    let o = run(&["evaluate", &path, "--misses"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    // One of two labels found, no wrong verdict, the unlabelled sentence not flagged.
    assert!(out.contains(&format!("| {path} (en) | 3 | 0 | 0.0 | 1.000 | 0.500 | 0.667 | 2 | 0 of 1 | 0 |")), "{out}");
    assert!(out.contains("- [paraphrase] want trump-greenland-control states; got nothing: The city council met on Tuesday."), "{out}");
    // Without hand-written terms the same wording is still found.
    let o = run(&["evaluate", &path, "--no-terms"]);
    assert!(stdout(&o).contains("without hand-written terms") && stdout(&o).contains("| 3 | 0 | 0.0 | 1.000 | 0.500 |"), "{}", stdout(&o));

    // A wrong verdict is counted first and listed, except in a held-out split.
    for split in ["dev", "test"] {
        let d = dir.join("splits").join(split);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("s.jsonl"), lines[0].replace("\"trump-greenland-control\", \"stance\": \"states\"", "null")).unwrap();
    }
    let o = run(&["evaluate", &dir.join("splits").to_string_lossy()]);
    let out = stdout(&o);
    assert!(
        out.contains("splits/dev (en) | 1 | 1 | 1000.0 | 0.000 |") && out.contains("splits/test (en) | 1 | 1 | 1000.0 | 0.000 |"),
        "{out}"
    );
    assert_eq!(out.matches("want none; got trump-greenland-control states").count(), 1, "{out}");
    assert!(out.contains("#### Wrong verdicts") && out.contains("dev (en)\n\n- [paraphrase]"), "{out}");

    // A label not in the dataset: the file and line, exit 1.
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, format!("{}\n{}", lines[2], lines[0].replace("trump-greenland-control", "no-such-claim"))).unwrap();
    let o = run(&["evaluate", &bad.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.jsonl:2: claim \"no-such-claim\" is not in the dataset"));
    // A path that does not exist, or a directory without samples: an error.
    assert_eq!(run(&["evaluate", &dir.join("no-such").to_string_lossy()]).status.code(), Some(1));
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = run(&["evaluate", &empty.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no .jsonl files here"));
}
