//! `factmark`: the command-line tool, built from the same core as the
//! widget.
//!
//! - `factmark validate FILE [--format-only]`: check a factmark or
//!   ClaimReview file (a factmark dataset also against the editorial checks
//!   of `factmark::checks`), every problem as `FILE:LINE:COL: PATH: message`;
//! - `factmark import FILE [-o OUT]`: ClaimReview JSON-LD → factmark dataset;
//! - `factmark export [FILE] [--base-url URL] [--publisher NAME] [-o OUT]`:
//!   dataset → ClaimReview JSON-LD;
//! - `factmark scan FILE [--dataset FILE] [--json]`: find claims in an HTML
//!   or text file;
//! - `factmark evaluate PATH... [--dataset FILE] [--misses]`: precision and
//!   recall on labelled sentences.
//!
//! Only std and the crate's own dependencies, so it also compiles for
//! `wasm32-unknown-unknown` (where it cannot do anything useful).

mod html;
mod locate;

use factmark::checks;
use factmark::claimreview::{self, Imported, Warning};
use factmark::dataset::{check_url, Dataset, DatasetError, Rating};
use factmark::matcher::{Matcher, Stance};
use serde_json::{json, Value};
use std::io::{self, IsTerminal, Read, Write};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Exit statuses.
const OK: i32 = 0;
const FAIL: i32 = 1;
const USAGE: i32 = 2;

/// Inputs larger than this show progress (when stderr is a terminal).
const PROGRESS_BYTES: usize = 5 * 1024 * 1024;

const DEFAULT_BASE_URL: &str = "https://example.org/fact-checks";
const DEFAULT_PUBLISHER: &str = "factmark";

fn main_help() -> String {
    format!(
        "\
factmark {VERSION}: find fact-checked claims in pages, and convert fact-check data

Usage: factmark <COMMAND> [ARGS]

Commands:
  validate FILE   check a dataset (factmark or ClaimReview JSON); print every problem
  import FILE     convert ClaimReview JSON-LD to a factmark dataset
  export [FILE]   write a dataset (default: the bundled one) as ClaimReview JSON-LD
  scan FILE       find a dataset's claims in an HTML or text file
  evaluate PATH   measure matching on labelled sentences (precision, recall)
  help [COMMAND]  show help for a command

Options:
  -h, --help      show help (also after a command: factmark scan --help)
  -V, --version   show the version

FILE may be \"-\" for standard input.
Exit status: 0 success, 1 problems found or a failure, 2 wrong usage.
"
    )
}

const VALIDATE_HELP: &str = "\
Usage: factmark validate FILE [--format-only]

Checks FILE, a factmark dataset (a JSON object with a \"factmark\" key) or
schema.org ClaimReview JSON-LD (one ClaimReview, an array of them, an @graph,
or a Data Commons feed), and prints every problem, one per line:

  FILE:LINE:COLUMN: PATH: message
  FILE:LINE:COLUMN: warning: PATH: message

PATH is the JSON path of the value (claims[0].sources[0].url); LINE and
COLUMN (1-based, columns in characters) are where that value is in FILE.
For ClaimReview, errors are the reviews that cannot be used and warnings the
reviews dropped and fields ignored on import; the file is valid when at least
one review is usable. A summary goes to standard error.

A factmark dataset must also pass the editorial checks (data/REVIEW.md): every
claim has asOf, the date of the newest fact its verdict rests on; no phrasing
has a negation or a verdict word the claim lacks; every quotation in a verdict,
note or uncertain is in one of the claim's sources' quotes, the claim or its
phrasings. A deliberate exception is listed in the claim's \"exceptions\".

Options:
  --format-only   check the format only, not the editorial checks (for datasets
                  not reviewed this way, such as ClaimReview imports)

Exit status: 0 valid (warnings allowed), 1 errors found or FILE unreadable,
2 wrong usage.
";

const IMPORT_HELP: &str = "\
Usage: factmark import FILE [-o OUT]

Converts schema.org ClaimReview JSON-LD in FILE (one ClaimReview, an array of
them, an @graph, or a Data Commons feed) to a factmark dataset, written as
pretty-printed JSON.

Reviews of the same claim become one claim listing every review, newest
first. Reviews that cannot be used (no claim text, no usable rating, an
unsafe URL, no date) are dropped; each dropped review and ignored field is
reported on standard error as FILE:LINE:COLUMN: warning: PATH: message.
A FILE that is already a factmark dataset is written back out.

Options:
  -o, --output OUT   write to OUT instead of standard output
";

const EXPORT_HELP: &str = "\
Usage: factmark export [FILE] [--base-url URL] [--publisher NAME] [-o OUT]

Writes a dataset as schema.org ClaimReview JSON-LD, one ClaimReview per
claim, ready for a <script type=\"application/ld+json\"> element:

  {\"@context\": \"https://schema.org\", \"@graph\": [ClaimReview, ...]}

FILE is a factmark or ClaimReview file; without it, the dataset bundled in
this build is written.

Options:
  --base-url URL     the page publishing the reviews; each review's url is
                     URL#claim-id (default: https://example.org/fact-checks,
                     a placeholder: Google requires the review's own page)
  --publisher NAME   the organisation named as every review's author
                     (default: factmark)
  -o, --output OUT   write to OUT instead of standard output
";

const SCAN_HELP: &str = "\
Usage: factmark scan FILE [--dataset FILE] [--json]

Finds the claims of a dataset in FILE and prints each match:

  FILE:LINE:COLUMN: CLAIM-ID [RATING] same|similar wording SCORE: \"matched text\"

with \"(disputes)\" before the colon when the text negates or disputes the
claim rather than stating it.

FILE is read as HTML when its name ends in .html, .htm or .xhtml, or its text
starts with \"<\"; otherwise as plain text. From HTML the text is taken the way
the widget reads a page: script, style, noscript, template, textarea, svg,
math, head and other non-content elements, and elements marked hidden or
data-factmark-ignore, are skipped; character references are decoded; blocks
are kept apart.

LINE and COLUMN are positions in the extracted text (1-based, columns in
characters, each HTML block on a new line); for a text file that is the
position in the file.

Options:
  --dataset FILE   a factmark or ClaimReview file to use instead of the
                   bundled dataset
  --json           print a JSON array instead, one object per match: id,
                   rating, label, kind, stance, confidence, score, line,
                   column, start and end (UTF-16 offsets in the extracted
                   text), text, and words (the matched words)

A summary goes to standard error; inputs over 5 MB show progress there when
it is a terminal.
";

const EVALUATE_HELP: &str = "\
Usage: factmark evaluate [PATH...] [--dataset FILE] [--no-terms] [--misses]

Measures how well the dataset's claims are found in labelled sentences.
Each PATH (default: eval) is a JSON Lines file of samples, or a directory:
every directory under it holding *.jsonl files is one split, its files read
together (format: eval/README.md in the factmark repository):

  {\"text\": \"…\", \"claim\": \"id\" or null, \"stance\": \"states\"|\"disputes\",
   \"kind\": \"real\", \"lang\": \"en\", \"url\": \"…\", \"para\": 3}

For each split and language it prints, as Markdown, wrong verdicts first
(sentences shown a claim they do not make, or the wrong stance), per 1,000
sentences, then precision, recall and F1; then the share correct per kind
and recall per claim; then every wrong verdict of the splits that are not
held out (a split is held out when its path has a `test` folder).

Options:
  --dataset FILE  the dataset to match (default: the bundled one)
  --no-terms      match with the claims' wordings only: no hand-written
                  concepts, frames, key terms or aliases
  --misses        also list the missed sentences of the splits not held out

Exit status: 0 done, 1 a file unreadable or a label not in the dataset,
2 wrong usage.
";

fn help_for(cmd: &str) -> Option<&'static str> {
    match cmd {
        "validate" => Some(VALIDATE_HELP),
        "import" => Some(IMPORT_HELP),
        "export" => Some(EXPORT_HELP),
        "scan" => Some(SCAN_HELP),
        "evaluate" => Some(EVALUATE_HELP),
        _ => None,
    }
}

fn usage_line(cmd: &str) -> &'static str {
    help_for(cmd).and_then(|h| h.lines().next()).unwrap_or("Usage: factmark <COMMAND> [ARGS]")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(run(&args));
}

fn run(args: &[String]) -> i32 {
    let Some(cmd) = args.first() else {
        eprint!("{}", main_help());
        return USAGE;
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "-h" | "--help" => out(&main_help()),
        "-V" | "--version" => out(&format!("factmark {VERSION}\n")),
        "help" => match rest {
            [] => out(&main_help()),
            [c] => match help_for(c) {
                Some(h) => out(h),
                None if c == "help" => out(&main_help()),
                None => usage("help", &format!("no command '{c}'; the commands are validate, import, export, scan, evaluate")),
            },
            _ => usage("help", "give one command name"),
        },
        "validate" => validate(rest),
        "import" => import(rest),
        "export" => export(rest),
        "scan" => scan(rest),
        "evaluate" => evaluate(rest),
        other if other.starts_with('-') => usage("", &format!("unknown option '{other}'")),
        other => usage("", &format!("no command '{other}'; the commands are validate, import, export, scan, evaluate")),
    }
}

/// Writes to standard output; a closed pipe (`| head`) ends quietly.
fn out(s: &str) -> i32 {
    let mut o = io::stdout().lock();
    match o.write_all(s.as_bytes()).and_then(|()| o.flush()) {
        Ok(()) => OK,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => OK,
        Err(e) => {
            eprintln!("factmark: cannot write to standard output: {e}");
            FAIL
        }
    }
}

fn usage(cmd: &str, msg: &str) -> i32 {
    let name = if cmd.is_empty() { "factmark".to_string() } else { format!("factmark {cmd}") };
    eprintln!("{name}: {msg}");
    if cmd.is_empty() || cmd == "help" {
        eprintln!("Try 'factmark --help'.");
    } else {
        eprintln!("{}\nTry 'factmark help {cmd}'.", usage_line(cmd));
    }
    USAGE
}

// ---------------------------------------------------------------------------
// Arguments

/// A command's parsed arguments.
#[derive(Debug, Default)]
struct Opts {
    positional: Vec<String>,
    values: Vec<(&'static str, String)>,
    flags: Vec<&'static str>,
    help: bool,
}

impl Opts {
    fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }
}

/// Parses `args`: options taking a value (`--name VALUE`, `--name=VALUE`,
/// `-x VALUE`, `-xVALUE`), flags (`--name`), `-h`/`--help` anywhere, `--` to
/// end options; `-` alone is a positional argument.
fn parse_opts(args: &[String], valued: &[(&'static str, Option<char>)], flags: &[&'static str]) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut i = 0;
    let mut only_positional = false;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if only_positional || a == "-" || !a.starts_with('-') {
            o.positional.push(a.clone());
            continue;
        }
        if a == "--" {
            only_positional = true;
            continue;
        }
        if a == "-h" || a == "--help" {
            o.help = true;
            continue;
        }
        let (spec, inline) = if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            if let Some(f) = flags.iter().find(|f| **f == name) {
                if inline.is_some() {
                    return Err(format!("option '--{name}' takes no value"));
                }
                if o.flags.contains(f) {
                    return Err(format!("option '--{name}' given twice"));
                }
                o.flags.push(f);
                continue;
            }
            match valued.iter().find(|(n, _)| *n == name) {
                Some((n, _)) => (*n, inline),
                None => return Err(format!("unknown option '--{name}'")),
            }
        } else {
            let mut chars = a[1..].chars();
            let c = chars.next().unwrap_or('-');
            let rest: String = chars.collect();
            match valued.iter().find(|(_, s)| *s == Some(c)) {
                Some((n, _)) => (*n, (!rest.is_empty()).then_some(rest)),
                None => return Err(format!("unknown option '-{c}'")),
            }
        };
        let value = match inline {
            Some(v) => v,
            None if i < args.len() => {
                i += 1;
                args[i - 1].clone()
            }
            None => return Err(format!("option '--{spec}' needs a value")),
        };
        if o.value(spec).is_some() {
            return Err(format!("option '--{spec}' given twice"));
        }
        o.values.push((spec, value));
    }
    Ok(o)
}

// ---------------------------------------------------------------------------
// Reading files and reporting problems

/// A file read whole: its display name and its bytes.
struct Input {
    name: String,
    bytes: Vec<u8>,
}

fn read_input(path: &str) -> Result<Input, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        return Ok(Input { name: "<stdin>".into(), bytes });
    }
    match std::fs::read(path) {
        Ok(bytes) => Ok(Input { name: path.to_string(), bytes }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(format!("{path}: no such file")),
        Err(e) if std::path::Path::new(path).is_dir() => Err(format!("{path}: is a directory ({e})")),
        Err(e) => Err(format!("{path}: cannot read: {e}")),
    }
}

/// The input as UTF-8 text without a byte-order mark, or the problem as
/// `FILE:LINE:COL: message`.
fn utf8_text(input: &Input) -> Result<&str, String> {
    match std::str::from_utf8(&input.bytes) {
        Ok(t) => Ok(t.strip_prefix('\u{FEFF}').unwrap_or(t)),
        Err(e) => {
            let good = std::str::from_utf8(&input.bytes[..e.valid_up_to()]).unwrap_or("");
            let (l, c) = locate::line_col(good, good.len());
            Err(format!("{}:{l}:{c}: not UTF-8 text (invalid byte at offset {})", input.name, e.valid_up_to()))
        }
    }
}

/// A problem to report: an error, or a warning of an import.
enum Problem<'a> {
    Error(&'a DatasetError),
    Warning(&'a Warning),
}

/// One problem in `text` (read from `file`) as
/// `FILE:LINE:COL: [warning: ]PATH: message`.
fn problem_line(file: &str, text: &str, problem: Problem<'_>) -> String {
    let (path, message, parser_at, kind) = match problem {
        Problem::Error(e) => (e.path(), e.description(), e.position(), ""),
        Problem::Warning(w) => (w.path(), w.message().to_string(), None, "warning: "),
    };
    // The path's value, where there is a path; the parser's own position
    // (where it stopped reading) only for whole-document errors.
    let (l, c) = match parser_at {
        Some(p) if path.is_empty() => (p.line, locate::char_column(text, p.line, p.column)),
        _ => locate::position(text, path),
    };
    if path.is_empty() {
        format!("{file}:{l}:{c}: {kind}{message}")
    } else {
        format!("{file}:{l}:{c}: {kind}{path}: {message}")
    }
}

/// Why a dataset file could not be read, each problem located in the file.
struct Failed {
    lines: Vec<String>,
}

/// Reads a factmark or ClaimReview file, for every command.
fn load(input: &Input) -> Result<(Imported, Vec<String>, bool), Failed> {
    let text = utf8_text(input).map_err(|l| Failed { lines: vec![l] })?;
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            // serde_json's line, column and category, and its message alone.
            let e = DatasetError::from(e);
            return Err(Failed { lines: vec![problem_line(&input.name, text, Problem::Error(&e))] });
        }
    };
    let factmark_format = value.as_object().is_some_and(|m| m.contains_key("factmark"));
    drop(value);
    match claimreview::parse_any(text) {
        Ok(imported) => {
            let warnings = imported.warnings.iter().map(|w| problem_line(&input.name, text, Problem::Warning(w))).collect();
            Ok((imported, warnings, factmark_format))
        }
        // For ClaimReview, every dropped review and then what that means
        // for the whole document.
        Err(errs) => Err(Failed { lines: errs.errors().iter().map(|e| problem_line(&input.name, text, Problem::Error(e))).collect() }),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes `text` to `-o OUT`, or to standard output.
fn write_output(path: Option<&str>, text: &str) -> i32 {
    match path {
        None | Some("-") => out(text),
        Some(p) => match std::fs::write(p, text) {
            Ok(()) => OK,
            Err(e) => {
                eprintln!("factmark: {p}: cannot write: {e}");
                FAIL
            }
        },
    }
}

fn pretty(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

// ---------------------------------------------------------------------------
// Commands

/// The start of a command taking one FILE: parses its options, answers
/// `--help`, and reads the file. `Err` holds the exit code to return.
fn file_command(
    cmd: &str,
    args: &[String],
    valued: &[(&'static str, Option<char>)],
    flags: &[&'static str],
    help: &str,
) -> Result<(Opts, Input), i32> {
    let o = parse_opts(args, valued, flags).map_err(|e| usage(cmd, &e))?;
    if o.help {
        return Err(out(help));
    }
    let [file] = o.positional.as_slice() else {
        return Err(usage(cmd, if o.positional.is_empty() { "missing FILE" } else { "give one FILE" }));
    };
    let input = read_input(file).map_err(|e| {
        eprintln!("factmark: {e}");
        FAIL
    })?;
    Ok((o, input))
}

fn validate(args: &[String]) -> i32 {
    let (opts, input) = match file_command("validate", args, &[], &["format-only"], VALIDATE_HELP) {
        Ok(x) => x,
        Err(code) => return code,
    };
    match load(&input) {
        Ok((imported, warnings, factmark_format)) => {
            let findings = if factmark_format && !opts.flag("format-only") { checks::check(&imported.dataset) } else { Vec::new() };
            if !findings.is_empty() {
                let text = utf8_text(&input).unwrap_or_default();
                let mut lines: Vec<String> = warnings;
                lines.extend(findings.iter().map(|e| problem_line(&input.name, text, Problem::Error(e))));
                let mut out_text = lines.join("\n");
                out_text.push('\n');
                out(&out_text);
                eprintln!(
                    "{}: {} of the editorial checks (--format-only skips them)",
                    input.name,
                    plural(findings.len(), "finding", "findings")
                );
                return FAIL;
            }
            let mut text = warnings.join("\n");
            if !text.is_empty() {
                text.push('\n');
            }
            let code = out(&text);
            let d = &imported.dataset;
            let what = if factmark_format {
                format!("factmark dataset, {}", plural(d.claims.len(), "claim", "claims"))
            } else {
                let reviews: usize = d.claims.iter().map(|c| c.reviews.len()).sum();
                format!(
                    "ClaimReview, {} from {}",
                    plural(d.claims.len(), "claim", "claims"),
                    plural(reviews, "usable review", "usable reviews")
                )
            };
            eprintln!("{}: valid {what}, {}", input.name, plural(warnings.len(), "warning", "warnings"));
            code
        }
        Err(failed) => {
            let mut text = failed.lines.join("\n");
            text.push('\n');
            out(&text);
            eprintln!("{}: {}", input.name, plural(failed.lines.len(), "error", "errors"));
            FAIL
        }
    }
}

fn import(args: &[String]) -> i32 {
    let (o, input) = match file_command("import", args, &[("output", Some('o'))], &[], IMPORT_HELP) {
        Ok(x) => x,
        Err(code) => return code,
    };
    match load(&input) {
        Ok((imported, warnings, factmark_format)) => {
            for w in &warnings {
                eprintln!("{w}");
            }
            let d = &imported.dataset;
            if factmark_format {
                eprintln!("{}: already a factmark dataset ({}); written back out", input.name, plural(d.claims.len(), "claim", "claims"));
            } else {
                let reviews: usize = d.claims.iter().map(|c| c.reviews.len()).sum();
                eprintln!(
                    "{}: imported {} from {}, {}",
                    input.name,
                    plural(d.claims.len(), "claim", "claims"),
                    plural(reviews, "review", "reviews"),
                    plural(warnings.len(), "warning", "warnings")
                );
            }
            write_output(o.value("output"), &pretty(d))
        }
        Err(failed) => {
            for l in &failed.lines {
                eprintln!("{l}");
            }
            eprintln!("{}: nothing imported", input.name);
            FAIL
        }
    }
}

/// The dataset named by FILE, or the bundled one; problems already printed
/// on failure.
fn dataset_from(file: Option<&str>) -> Result<Dataset, i32> {
    let Some(file) = file else { return Ok(factmark::bundled_dataset()) };
    let input = read_input(file).map_err(|e| {
        eprintln!("factmark: {e}");
        FAIL
    })?;
    match load(&input) {
        Ok((imported, warnings, _)) => {
            for w in &warnings {
                eprintln!("{w}");
            }
            Ok(imported.dataset)
        }
        Err(failed) => {
            for l in &failed.lines {
                eprintln!("{l}");
            }
            eprintln!("{}: not a usable dataset", input.name);
            Err(FAIL)
        }
    }
}

fn evaluate(args: &[String]) -> i32 {
    use factmark::evaluation::{self, Report, Sample, TABLE_HEADER};
    let o = match parse_opts(args, &[("dataset", None)], &["misses", "no-terms"]) {
        Ok(o) if o.help => return out(EVALUATE_HELP),
        Ok(o) => o,
        Err(e) => return usage("evaluate", &e),
    };
    let mut dataset = match dataset_from(o.value("dataset")) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if o.flag("no-terms") {
        dataset = dataset.without_hand_written_terms();
    }
    let matcher = Matcher::new(&dataset);
    let roots = if o.positional.is_empty() { vec!["eval".to_string()] } else { o.positional.clone() };
    let mut splits: Vec<(String, Vec<std::path::PathBuf>)> = Vec::new();
    for root in &roots {
        match evaluation_splits(std::path::Path::new(root)) {
            Ok(found) if found.is_empty() => {
                eprintln!("factmark: {root}: no .jsonl files here");
                return FAIL;
            }
            Ok(found) => splits.extend(found),
            Err(e) => {
                eprintln!("factmark: {root}: {e}");
                return FAIL;
            }
        }
    }
    let mut rows = String::new();
    let mut details = String::new();
    let mut listed = String::new();
    for (name, files) in &splits {
        let mut samples: Vec<Sample> = Vec::new();
        for file in files {
            let text = match std::fs::read_to_string(file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("factmark: {}: {e}", file.display());
                    return FAIL;
                }
            };
            match evaluation::parse_samples(&text, &dataset) {
                Ok(s) => samples.extend(s),
                Err(e) => {
                    eprintln!("factmark: {}:{}: {}", file.display(), e.line, e.message);
                    return FAIL;
                }
            }
        }
        // Held-out splits (a `test` folder) are measured, never listed.
        let held_out = std::path::Path::new(name).components().any(|c| c.as_os_str() == "test");
        let mut langs: Vec<&str> = samples.iter().map(|s| s.lang.as_str()).collect();
        langs.sort_unstable();
        langs.dedup();
        for lang in langs {
            let group: Vec<Sample> = samples.iter().filter(|s| s.lang == lang).cloned().collect();
            let r: Report = evaluation::evaluate(&dataset, &matcher, &group);
            let title = format!("{name} ({lang})");
            rows.push_str(&r.table_row(&title));
            rows.push('\n');
            details.push_str(&r.to_markdown(&title));
            if !held_out {
                let wrong = r.wrong_verdicts();
                if !wrong.is_empty() {
                    listed.push_str(&format!("#### Wrong verdicts, {title}\n\n{wrong}\n"));
                }
                if o.flag("misses") {
                    let missed: Vec<String> = r.misses.iter().filter(|m| !m.wrong).map(|m| m.describe()).collect();
                    if !missed.is_empty() {
                        listed.push_str(&format!("#### Missed, {title}\n\n{}\n\n", missed.join("\n")));
                    }
                }
            }
        }
    }
    let config = if o.flag("no-terms") { "without hand-written terms (phrasings only)" } else { "as shipped" };
    let mut report = format!("## Figures, dataset {config}\n\nWrong verdicts first: a sentence shown a claim it does not make, or \"states\" where it disputes.\n\n{TABLE_HEADER}\n{rows}\n{details}");
    if !listed.is_empty() {
        report.push_str(&format!("### Every wrong verdict of the dev splits (held-out splits are never listed)\n\n{listed}"));
    }
    out(&report)
}

/// The splits under `root`: every directory holding `*.jsonl` files (its
/// files read together), named by its path, in name order; or `root`
/// itself when it is a file.
fn evaluation_splits(root: &std::path::Path) -> io::Result<Vec<(String, Vec<std::path::PathBuf>)>> {
    if !root.is_dir() {
        return Ok(vec![(root.display().to_string(), vec![root.to_path_buf()])]);
    }
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(root)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    let files: Vec<_> = entries.iter().filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "jsonl")).cloned().collect();
    if !files.is_empty() {
        out.push((root.display().to_string(), files));
    }
    for dir in entries.iter().filter(|d| d.is_dir()) {
        out.extend(evaluation_splits(dir)?);
    }
    Ok(out)
}

fn export(args: &[String]) -> i32 {
    let o = match parse_opts(args, &[("output", Some('o')), ("base-url", None), ("publisher", None)], &[]) {
        Ok(o) => o,
        Err(e) => return usage("export", &e),
    };
    if o.help {
        return out(EXPORT_HELP);
    }
    if o.positional.len() > 1 {
        return usage("export", "give at most one FILE");
    }
    let base_url = match o.value("base-url") {
        Some(u) => {
            if let Err(msg) = check_url(u) {
                return usage("export", &format!("--base-url: {msg}"));
            }
            u
        }
        None => {
            eprintln!("factmark export: no --base-url; review URLs use the placeholder {DEFAULT_BASE_URL}");
            DEFAULT_BASE_URL
        }
    };
    let publisher = match o.value("publisher") {
        Some(p) if p.trim().is_empty() => return usage("export", "--publisher must not be empty"),
        Some(p) => p.trim(),
        None => {
            eprintln!("factmark export: no --publisher; reviews are credited to \"{DEFAULT_PUBLISHER}\"");
            DEFAULT_PUBLISHER
        }
    };
    let dataset = match dataset_from(o.positional.first().map(String::as_str)) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let v = claimreview::export(&dataset, base_url, publisher);
    eprintln!("factmark export: {}", plural(dataset.claims.len(), "ClaimReview", "ClaimReviews"));
    write_output(o.value("output"), &pretty(&v))
}

/// Where a UTF-16 offset of the scanned text is.
#[derive(Debug, Clone, Copy, Default)]
struct Pos {
    byte: usize,
    line: usize,
    col: usize,
}

/// Byte offset, line and column of each UTF-16 offset in `wanted` (sorted).
/// Lines end at `\n`, U+2028 and U+2029 (a `\r` before `\n` belongs to the
/// line break).
fn positions(text: &str, wanted: &[u32]) -> Vec<Pos> {
    let mut out = Vec::with_capacity(wanted.len());
    let (mut u16, mut line, mut col) = (0u32, 1usize, 1usize);
    let mut k = 0;
    let mut chars = text.char_indices().peekable();
    loop {
        let here = chars.peek().copied();
        while k < wanted.len() && wanted[k] <= u16 {
            out.push(Pos { byte: here.map_or(text.len(), |(b, _)| b), line, col });
            k += 1;
        }
        let Some((_, c)) = chars.next() else { break };
        u16 += c.len_utf16() as u32;
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                line += 1;
                col = 1;
            }
            '\r' if chars.peek().is_some_and(|(_, n)| *n == '\n') => {}
            _ => col += 1,
        }
    }
    while out.len() < wanted.len() {
        out.push(Pos { byte: text.len(), line, col });
    }
    out
}

fn is_html(name: &str, text: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml"].iter().any(|e| lower.ends_with(e)) {
        return true;
    }
    if [".txt", ".text", ".md"].iter().any(|e| lower.ends_with(e)) {
        return false;
    }
    text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']).starts_with('<')
}

fn megabytes(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

fn scan(args: &[String]) -> i32 {
    let (o, input) = match file_command("scan", args, &[("dataset", None)], &["json"], SCAN_HELP) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let progress = input.bytes.len() > PROGRESS_BYTES && io::stderr().is_terminal();
    let raw = String::from_utf8_lossy(&input.bytes);
    if matches!(raw, std::borrow::Cow::Owned(_)) {
        eprintln!("factmark scan: {}: not valid UTF-8; invalid bytes read as U+FFFD", input.name);
    }
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(&raw);
    let html = is_html(&input.name, raw);
    if progress {
        eprintln!(
            "factmark scan: {} ({}), extracting {}",
            input.name,
            megabytes(input.bytes.len()),
            if html { "HTML text" } else { "text" }
        );
    }
    let extracted;
    let text: &str = if html {
        extracted = html::extract(raw);
        &extracted
    } else {
        raw
    };
    let dataset = match dataset_from(o.value("dataset")) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let matcher = Matcher::new(&dataset);
    let mut search = matcher.search(text);
    loop {
        let done = search.step(1 << 20);
        if progress {
            let pct = if text.is_empty() { 100 } else { search.position() * 100 / text.len() };
            eprint!("\rfactmark scan: matching {pct:>3}%");
        }
        if done {
            break;
        }
    }
    if progress {
        eprintln!();
    }
    let mut found = search.finish();
    found.sort_by_key(|m| (m.start, m.end));
    let mut offsets: Vec<u32> = found.iter().flat_map(|m| [m.start, m.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let pos = positions(text, &offsets);
    let at = |o: u32| pos[offsets.binary_search(&o).unwrap_or(0)];

    let mut rows = Vec::with_capacity(found.len());
    let mut lines = String::new();
    for m in &found {
        let claim = &dataset.claims[m.claim];
        let (a, b) = (at(m.start), at(m.end));
        let matched = text.get(a.byte..b.byte).unwrap_or("");
        let kind = m.kind.as_str();
        if o.flag("json") {
            rows.push(json!({
                "id": claim.id,
                "rating": claim.rating,
                "label": claim.label.as_deref().unwrap_or(claim.rating.label()),
                "kind": kind,
                "stance": m.stance.as_str(),
                "confidence": m.confidence().as_str(),
                "score": (m.score as f64 * 1000.0).round() / 1000.0,
                "line": a.line,
                "column": a.col,
                "start": m.start,
                "end": m.end,
                "text": matched,
                "words": m.words,
            }));
        } else {
            let shown = matched.split_whitespace().collect::<Vec<_>>().join(" ");
            lines.push_str(&format!(
                "{}:{}:{}: {} [{}] {kind} wording {:.2}{}: \"{shown}\"\n",
                input.name,
                a.line,
                a.col,
                claim.id,
                claim.rating.as_str(),
                m.score,
                if m.stance == Stance::Disputes { " (disputes)" } else { "" }
            ));
        }
    }
    let distinct: std::collections::HashSet<usize> = found.iter().map(|m| m.claim).collect();
    let by_rating = Rating::ALL
        .iter()
        .filter_map(|r| {
            let n = found.iter().filter(|m| dataset.claims[m.claim].rating == *r).count();
            (n > 0).then(|| format!("{n} {}", r.as_str()))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let code = if o.flag("json") { out(&pretty(&rows)) } else { out(&lines) };
    eprintln!(
        "factmark scan: {}: {} of {}{}",
        input.name,
        plural(found.len(), "match", "matches"),
        plural(distinct.len(), "claim", "claims"),
        if by_rating.is_empty() { String::new() } else { format!(" ({by_rating})") }
    );
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn options_parse_in_every_spelling() {
        let valued = [("output", Some('o')), ("dataset", None)];
        let o = parse_opts(&s(&["a.json", "-o", "x", "--dataset=d.json", "--json"]), &valued, &["json"]).unwrap();
        assert_eq!(o.positional, ["a.json"]);
        assert_eq!(o.value("output"), Some("x"));
        assert_eq!(o.value("dataset"), Some("d.json"));
        assert!(o.flag("json"));
        let o = parse_opts(&s(&["-oout.json", "--", "-weird-name", "-"]), &valued, &[]).unwrap();
        assert_eq!(o.value("output"), Some("out.json"));
        assert_eq!(o.positional, ["-weird-name", "-"]);
        assert!(parse_opts(&s(&["x", "--help"]), &valued, &[]).unwrap().help);
        assert_eq!(parse_opts(&s(&["--nope"]), &valued, &[]).unwrap_err(), "unknown option '--nope'");
        assert_eq!(parse_opts(&s(&["-x"]), &valued, &[]).unwrap_err(), "unknown option '-x'");
        assert_eq!(parse_opts(&s(&["--dataset"]), &valued, &[]).unwrap_err(), "option '--dataset' needs a value");
        assert_eq!(parse_opts(&s(&["-o", "a", "-o", "b"]), &valued, &[]).unwrap_err(), "option '--output' given twice");
        assert_eq!(parse_opts(&s(&["--json=1"]), &valued, &["json"]).unwrap_err(), "option '--json' takes no value");
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncé\u{2029}x😀y\r\nz";
        // UTF-16 offsets: a0 b1 \n2 c3 é4 ¶5 x6 😀7-8 y9 \r10 \n11 z12
        let p = positions(text, &[0, 3, 4, 6, 9, 12, 13]);
        let lc: Vec<(usize, usize)> = p.iter().map(|p| (p.line, p.col)).collect();
        assert_eq!(lc, [(1, 1), (2, 1), (2, 2), (3, 1), (3, 3), (4, 1), (4, 2)]);
        assert_eq!(&text[p[4].byte..p[5].byte], "y\r\n");
    }

    #[test]
    fn problems_are_located_by_path_or_by_the_parser() {
        let text = "{\"a\": [1,\n  {\"b\": \"é\", \"c\": x}]}";
        // A path: its value, whatever the message says.
        let w = Warning::new("a[1].b", "scheme: bad");
        assert_eq!(problem_line("f.json", text, Problem::Warning(&w)), "f.json:2:9: warning: a[1].b: scheme: bad");
        let e = DatasetError::new("a[1]", "must not be empty");
        assert_eq!(problem_line("f.json", text, Problem::Error(&e)), "f.json:2:3: a[1]: must not be empty");
        // No path: the document, or where the parser stopped (in characters).
        let w = Warning::new("", "none of the 2 ClaimReview items is usable");
        assert_eq!(problem_line("f.json", text, Problem::Warning(&w)), "f.json:1:1: warning: none of the 2 ClaimReview items is usable");
        let e = DatasetError::from(serde_json::from_str::<Value>(text).unwrap_err());
        assert_eq!(e.position().map(|p| (p.line, p.column)), Some((2, 20)), "serde_json counts bytes");
        assert_eq!(problem_line("f.json", text, Problem::Error(&e)), "f.json:2:19: invalid JSON: expected value");
    }
}
