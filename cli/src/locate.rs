//! Where a JSON path (`claims[0].sources[1].url`) is in a JSON text, so
//! that problems can be reported as `FILE:LINE:COLUMN`.
//!
//! Paths are the ones factmark's errors and warnings use: keys separated by
//! `.`, array indices in brackets, a leading index for a top-level array
//! (`[2].url`), the empty path for the whole document. The scanner reads
//! just enough JSON to walk the path (strings with escapes, nesting) and
//! never recurses, so deep or huge documents are fine. A path that is not
//! in the text (a missing field) resolves to the deepest value it reaches.

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// Splits a path into steps; `None` if it is not a path.
pub fn parse_path(path: &str) -> Option<Vec<Seg>> {
    let mut segs = Vec::new();
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'[' => {
                let end = path[i..].find(']')? + i;
                segs.push(Seg::Index(path[i + 1..end].parse().ok()?));
                i = end + 1;
            }
            b'.' if i > 0 => i += 1,
            _ => {
                let end = path[i..].find(['.', '[']).map_or(path.len(), |e| e + i);
                if end == i {
                    return None;
                }
                segs.push(Seg::Key(path[i..end].to_string()));
                i = end;
            }
        }
    }
    Some(segs)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Reads the string at the cursor (which is on its opening quote).
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        self.i += 1;
        let start = self.i;
        let mut raw_end = None;
        let mut escaped = false;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => {
                    escaped = true;
                    self.i += 2;
                    continue;
                }
                b'"' => {
                    raw_end = Some(self.i);
                    self.i += 1;
                    break;
                }
                _ => self.i += 1,
            }
        }
        let raw = std::str::from_utf8(&self.b[start..raw_end?]).ok()?;
        if !escaped {
            return Some(raw.to_string());
        }
        serde_json::from_str(&format!("\"{raw}\"")).ok()
    }

    /// Skips the value at the cursor.
    fn skip_value(&mut self) {
        match self.peek() {
            Some(b'"') => {
                let _ = self.string();
            }
            Some(b'{' | b'[') => {
                let mut depth = 0usize;
                while let Some(c) = self.peek() {
                    match c {
                        b'"' => {
                            let _ = self.string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
            }
            Some(_) => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.i += 1;
                }
            }
            None => {}
        }
    }

    /// Moves to the value of member `key` of the object at the cursor.
    fn member(&mut self, key: &str) -> bool {
        if self.peek() != Some(b'{') {
            return false;
        }
        self.i += 1;
        loop {
            self.ws();
            let Some(k) = self.string() else { return false };
            self.ws();
            if self.peek() != Some(b':') {
                return false;
            }
            self.i += 1;
            self.ws();
            if k == key {
                return true;
            }
            self.skip_value();
            self.ws();
            if self.peek() != Some(b',') {
                return false;
            }
            self.i += 1;
        }
    }

    /// Moves to element `n` of the array at the cursor.
    fn element(&mut self, n: usize) -> bool {
        if self.peek() != Some(b'[') {
            return false;
        }
        self.i += 1;
        self.ws();
        if self.peek() == Some(b']') {
            return false;
        }
        for _ in 0..n {
            self.skip_value();
            self.ws();
            if self.peek() != Some(b',') {
                return false;
            }
            self.i += 1;
            self.ws();
        }
        true
    }
}

/// Byte offset of the value at `path` in `text`, or of the deepest value on
/// the way to it (the document itself when nothing matches).
pub fn locate(text: &str, path: &str) -> usize {
    let mut s = Scanner { b: text.as_bytes(), i: 0 };
    if text.starts_with('\u{FEFF}') {
        s.i = 3;
    }
    s.ws();
    let mut found = s.i;
    let Some(segs) = parse_path(path) else { return found };
    for seg in &segs {
        let ok = match seg {
            Seg::Key(k) => s.member(k),
            Seg::Index(n) => s.element(*n),
        };
        if !ok {
            break;
        }
        found = s.i;
    }
    found
}

/// 1-based line and column (in characters) of byte offset `at`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

/// Line and column of `path` in `text`.
pub fn position(text: &str, path: &str) -> (usize, usize) {
    line_col(text, locate(text, path))
}

/// Converts serde_json's line and byte column to a character column.
pub fn char_column(text: &str, line: usize, byte_col: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        match text.match_indices('\n').nth(line - 2) {
            Some((i, _)) => i + 1,
            None => return byte_col.max(1),
        }
    };
    // serde_json reports the column of the offending byte, 1-based (0 for
    // the start of a line).
    let end = start + byte_col.saturating_sub(1);
    match text.get(start..end.min(text.len())) {
        Some(s) => s.chars().count() + 1,
        None => byte_col.max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "factmark": 1,
  "name": "a \"quoted\" name, with [brackets] and {braces}",
  "claims": [
    { "id": "a", "sources": [ { "url": "https://x.org" } ] },
    {
      "id": "b",
      "sources": [
        { "publisher": "P", "url": "https://x.org" },
        { "publisher": "Q", "url": "javascript:alert(1)" }
      ]
    }
  ]
}"#;

    #[test]
    fn paths_parse() {
        use Seg::*;
        assert_eq!(parse_path(""), Some(vec![]));
        assert_eq!(
            parse_path("claims[10].sources[0].url"),
            Some(vec![Key("claims".into()), Index(10), Key("sources".into()), Index(0), Key("url".into())])
        );
        assert_eq!(parse_path("[2].@graph[0]"), Some(vec![Index(2), Key("@graph".into()), Index(0)]));
        assert_eq!(parse_path("a[x]"), None);
        assert_eq!(parse_path("a[1"), None);
    }

    #[test]
    fn finds_values() {
        assert_eq!(position(DOC, ""), (1, 1));
        assert_eq!(position(DOC, "factmark"), (2, 15));
        assert_eq!(position(DOC, "claims"), (4, 13));
        assert_eq!(position(DOC, "claims[0]"), (5, 5));
        assert_eq!(position(DOC, "claims[0].sources[0].url"), (5, 40));
        assert_eq!(position(DOC, "claims[1].id"), (7, 13));
        assert_eq!(position(DOC, "claims[1].sources[1].url"), (10, 36));
        assert_eq!(position(DOC, "claims[1].sources[1]"), (10, 9));
    }

    #[test]
    fn missing_steps_stop_at_the_deepest_value() {
        // A missing field is reported where its object is.
        assert_eq!(position(DOC, "claims[1].verdict"), position(DOC, "claims[1]"));
        assert_eq!(position(DOC, "claims[7].id"), position(DOC, "claims"));
        assert_eq!(position(DOC, "nope"), (1, 1));
        assert_eq!(position(DOC, "factmark.x"), position(DOC, "factmark"));
    }

    #[test]
    fn escapes_unicode_and_arrays() {
        let doc = "[{\"a\\u0062\": 1}, {\"é\": \"x\\\"}\", \"k\": [1, [2, 3], {\"z\": \"]\"}, 4]}]";
        assert_eq!(locate(doc, "[0].ab"), doc.find('1').unwrap());
        assert_eq!(locate(doc, "[1].k[3]"), doc.find('4').unwrap());
        assert_eq!(locate(doc, "[1].k[2].z"), doc.rfind("\"]\"").unwrap());
        // Columns count characters, not bytes.
        let doc = "{\"é\": \"ü\", \"x\": 1}";
        assert_eq!(position(doc, "x"), (1, 17));
        // A byte-order mark is skipped (and counted: the CLI strips it first).
        assert_eq!(position("\u{FEFF}{\"a\": 1}", "a"), (1, 8));
    }

    #[test]
    fn serde_columns_become_character_columns() {
        let text = "{\n  \"é\": ,\n}";
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert_eq!((e.line(), e.column()), (2, 9));
        assert_eq!(char_column(text, e.line(), e.column()), 8);
        assert_eq!(char_column(text, 9, 4), 4);
    }
}
