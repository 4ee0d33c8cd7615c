//! Text from an HTML file, read the way the browser scan (`js/scan.js`)
//! reads a page, so that `factmark scan page.html` finds what the widget
//! would find on that page.
//!
//! - Not content, skipped with everything inside: `script`, `style`,
//!   `noscript`, `template`, `textarea`, `input`, `select`, `option`, `svg`,
//!   `math`, `iframe`, `object`, `embed`, `canvas`, `video`, `audio`, `head`,
//!   `title`, factmark's own elements, comments, and any element with
//!   `hidden`, `data-factmark-ignore` or `contenteditable` (other than
//!   `"false"`).
//! - Text runs in different block elements (`p`, `div`, `li`, `h1`…) are
//!   separated by U+2029; `<br>` inside a block gives `\n`.
//! - Character references: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`,
//!   `&apos;`, `&nbsp;`, decimal and hex numeric references (with the
//!   browser's windows-1252 reading of `&#128;`–`&#159;`), and common
//!   typographic and accented-letter names; others stay as written.
//!
//! This is a careful tokenizer, not a full HTML5 tree builder: it follows
//! raw-text elements (`script`, `style`… end only at their end tag), void
//! elements, `/>` in SVG and MathML, and the implied end tags that matter
//! for structure (`p`, `li`, `dt`/`dd`, `tr`, `td`/`th`, `head`), and it
//! never fails: any input gives some text.

/// Elements that are not page content, with everything inside them.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "textarea",
    "input",
    "select",
    "option",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "head",
    "title",
    "factmark-ui",
    "factmark-skip",
    "factmark-mark",
];

/// Block elements: text in two different ones is two blocks.
#[rustfmt::skip]
const BLOCK: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "legend", "menu",
];

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"];

/// Elements whose content is not markup: it runs to the matching end tag.
const RAW_TEXT: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"];

/// A start tag of one of these closes an open `p`.
#[rustfmt::skip]
const CLOSES_P: &[&str] = &[
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "ul", "li", "dd", "dt",
];

/// Elements that may stay inside `head`; any other start tag ends it.
const IN_HEAD: &[&str] = &["title", "meta", "link", "style", "script", "noscript", "base", "template", "basefont", "bgsound"];

struct Open {
    name: String,
    id: usize,
    skipped: bool,
    block: bool,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    out: String,
    next_id: usize,
    last_block: Option<usize>,
    pending_break: bool,
    skipped_depth: usize,
    foreign_depth: usize,
}

impl Builder {
    fn push(&mut self, name: String, skipped: bool) {
        self.next_id += 1;
        let block = BLOCK.contains(&name.as_str());
        if skipped {
            self.skipped_depth += 1;
        }
        if name == "svg" || name == "math" {
            self.foreign_depth += 1;
        }
        self.stack.push(Open { name, id: self.next_id, skipped, block });
    }

    fn pop(&mut self) {
        if let Some(o) = self.stack.pop() {
            if o.skipped {
                self.skipped_depth -= 1;
            }
            if o.name == "svg" || o.name == "math" {
                self.foreign_depth -= 1;
            }
        }
    }

    /// Pops up to and including the innermost open `name`, unless one of
    /// `boundary` is open inside it.
    fn close(&mut self, names: &[&str], boundary: &[&str]) {
        for k in (0..self.stack.len()).rev() {
            let n = self.stack[k].name.as_str();
            if names.contains(&n) {
                while self.stack.len() > k {
                    self.pop();
                }
                return;
            }
            if boundary.contains(&n) {
                return;
            }
        }
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() || self.skipped_depth > 0 {
            return;
        }
        // Whitespace outside <html> makes no text node in a browser.
        if self.stack.is_empty() && raw.chars().all(char::is_whitespace) {
            return;
        }
        let data = decode(raw);
        let block = self.stack.iter().rev().find(|o| o.block).map_or(0, |o| o.id);
        match self.last_block {
            Some(last) if last != block => self.out.push('\u{2029}'),
            Some(_) if self.pending_break => self.out.push('\n'),
            _ => {}
        }
        self.pending_break = false;
        self.last_block = Some(block);
        self.out.push_str(&data);
    }

    fn start(&mut self, name: String, attrs: &[(String, String)], self_closing: bool) {
        let n = name.as_str();
        // Implied end tags.
        if self.stack.iter().any(|o| o.name == "head") && !IN_HEAD.contains(&n) {
            self.close(&["head"], &[]);
        }
        if CLOSES_P.contains(&n) {
            self.close(&["p"], &["button", "td", "th", "table", "caption", "html", "marquee", "object", "template"]);
        }
        match n {
            "li" => self.close(&["li"], &["ul", "ol", "menu", "table", "template"]),
            "dt" | "dd" => self.close(&["dt", "dd"], &["dl", "table", "template"]),
            "tr" => self.close(&["tr"], &["table", "template"]),
            "td" | "th" => self.close(&["td", "th"], &["tr", "table", "template"]),
            "body" => self.close(&["head"], &[]),
            _ => {}
        }
        if n == "br" {
            if self.skipped_depth == 0 {
                self.pending_break = true;
            }
            return;
        }
        if VOID.contains(&n) || (self_closing && self.foreign_depth > 0) {
            return;
        }
        let has = |a: &str| attrs.iter().any(|(k, _)| k == a);
        let editable = attrs.iter().any(|(k, v)| k == "contenteditable" && !v.eq_ignore_ascii_case("false"));
        let skipped = SKIP.contains(&n) || has("hidden") || has("data-factmark-ignore") || editable;
        self.push(name, skipped);
    }

    fn end(&mut self, name: &str) {
        match name {
            // Content after </body> still belongs to the body.
            "body" | "html" => {}
            "br" => {
                if self.skipped_depth == 0 {
                    self.pending_break = true;
                }
            }
            _ => {
                if let Some(k) = self.stack.iter().rposition(|o| o.name == name) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
        }
    }
}

/// The text of an HTML document, blocks separated by U+2029.
pub fn extract(html: &str) -> String {
    let b = html.as_bytes();
    let mut st = Builder::default();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        let rest = &html[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            st.text(&html[text_start..i]);
            // "<!-->" and "<!--->" are empty comments.
            let end = if comment.starts_with('>') {
                i + 5
            } else if comment.starts_with("->") {
                i + 6
            } else {
                comment.find("-->").map_or(b.len(), |e| i + 4 + e + 3)
            };
            i = end;
            text_start = i;
        } else if rest.starts_with("<![CDATA[") {
            st.text(&html[text_start..i]);
            i = rest.find("]]>").map_or(b.len(), |e| i + e + 3);
            text_start = i;
        } else if next == b'!' || next == b'?' {
            st.text(&html[text_start..i]);
            i = rest.find('>').map_or(b.len(), |e| i + e + 1);
            text_start = i;
        } else if next == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
            st.text(&html[text_start..i]);
            let (name, after) = tag_name(html, i + 2);
            i = html[after..].find('>').map_or(b.len(), |e| after + e + 1);
            text_start = i;
            st.end(&name);
        } else if next.is_ascii_alphabetic() {
            st.text(&html[text_start..i]);
            let (name, after) = tag_name(html, i + 1);
            let Some((attrs, self_closing, end)) = attributes(html, after) else {
                // End of file inside a tag: the tag is dropped.
                i = b.len();
                text_start = i;
                break;
            };
            i = end;
            text_start = i;
            let raw = RAW_TEXT.contains(&name.as_str());
            let void_or_closed = VOID.contains(&name.as_str()) || (self_closing && st.foreign_depth > 0);
            st.start(name.clone(), &attrs, self_closing);
            if raw && !void_or_closed {
                // Raw text: not markup, and never page content here.
                let close = find_end_tag(html, i, &name);
                i = close.map_or(b.len(), |(_, after)| after);
                text_start = i;
                st.end(&name);
            }
        } else {
            // A "<" that starts no tag is text.
            i += 1;
        }
    }
    st.text(&html[text_start..]);
    st.out
}

/// The lowercased tag name starting at `at`, and where it ends.
fn tag_name(html: &str, at: usize) -> (String, usize) {
    let end = html[at..].find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').map_or(html.len(), |e| at + e);
    (html[at..end].to_ascii_lowercase(), end)
}

/// Attributes from `at` to the end of the tag: (lowercased name, raw
/// value) pairs, whether the tag ends with `/>`, and the offset after `>`.
/// `None` when the file ends inside the tag.
#[allow(clippy::type_complexity)]
fn attributes(html: &str, mut at: usize) -> Option<(Vec<(String, String)>, bool, usize)> {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    let mut slash = false;
    loop {
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        match b.get(at)? {
            b'>' => return Some((attrs, slash, at + 1)),
            b'/' => {
                slash = true;
                at += 1;
                continue;
            }
            _ => {}
        }
        slash = false;
        let name_end = html[at..]
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .map_or(html.len(), |(e, _)| at + e);
        let name = html[at..name_end].to_ascii_lowercase();
        at = name_end;
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = String::new();
        if b.get(at) == Some(&b'=') {
            at += 1;
            while at < b.len() && b[at].is_ascii_whitespace() {
                at += 1;
            }
            match b.get(at)? {
                q @ (b'"' | b'\'') => {
                    let close = html[at + 1..].find(*q as char)? + at + 1;
                    value = html[at + 1..close].to_string();
                    at = close + 1;
                }
                _ => {
                    let end = html[at..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(html.len(), |e| at + e);
                    value = html[at..end].to_string();
                    at = end;
                }
            }
        }
        attrs.push((name, value));
    }
}

/// The next `</name` end tag from `from` (case-insensitive, followed by
/// whitespace, `/` or `>`): its start, and the offset after its `>`.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let b = html.as_bytes();
    let mut at = from;
    while let Some(p) = html[at..].find("</") {
        let start = at + p;
        let name_end = start + 2 + name.len();
        if name_end <= b.len()
            && b[start + 2..name_end].eq_ignore_ascii_case(name.as_bytes())
            && b.get(name_end).is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        {
            let after = html[name_end..].find('>').map_or(html.len(), |e| name_end + e + 1);
            return Some((start, after));
        }
        at = start + 2;
    }
    None
}

/// Named character references decoded (the common ones).
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{A0}"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bdquo", "„"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("shy", "\u{AD}"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
    ("thinsp", "\u{2009}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("middot", "·"),
    ("bull", "•"),
    ("times", "×"),
    ("divide", "÷"),
    ("minus", "−"),
    ("plusmn", "±"),
    ("frac12", "½"),
    ("sect", "§"),
    ("para", "¶"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("aacute", "á"),
    ("agrave", "à"),
    ("acirc", "â"),
    ("auml", "ä"),
    ("atilde", "ã"),
    ("aring", "å"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("ecirc", "ê"),
    ("euml", "ë"),
    ("iacute", "í"),
    ("igrave", "ì"),
    ("icirc", "î"),
    ("iuml", "ï"),
    ("oacute", "ó"),
    ("ograve", "ò"),
    ("ocirc", "ô"),
    ("ouml", "ö"),
    ("otilde", "õ"),
    ("oslash", "ø"),
    ("uacute", "ú"),
    ("ugrave", "ù"),
    ("ucirc", "û"),
    ("uuml", "ü"),
    ("ntilde", "ñ"),
    ("ccedil", "ç"),
    ("szlig", "ß"),
    ("Eacute", "É"),
    ("Auml", "Ä"),
    ("Ouml", "Ö"),
    ("Uuml", "Ü"),
];

/// What browsers read `&#128;`–`&#159;` as (windows-1252).
const C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–',
    '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Decodes character references in text.
pub fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        match reference(rest) {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The character reference at the start of `s` (which starts with `&`):
/// its text and its length.
fn reference(s: &str) -> Option<(String, usize)> {
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, num),
        };
        let n = digits.bytes().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
        if n == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..n], if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        let c = match value {
            0x80..=0x9F => C1[(value - 0x80) as usize],
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        let mut len = 1 + 1 + usize::from(hex) + n;
        if s[len..].starts_with(';') {
            len += 1;
        }
        return Some((c.to_string(), len));
    }
    let name_len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = &body[..name_len];
    if !body[name_len..].starts_with(';') {
        return None;
    }
    let (_, text) = ENTITIES.iter().find(|(n, _)| *n == name)?;
    Some((text.to_string(), 1 + name_len + 1))
}

#[cfg(test)]
mod tests {
    /// The tags a `js/scan.js` set literal holds (`const NAME = new Set([...])`).
    fn js_set(name: &str) -> Vec<String> {
        let js = include_str!("../../js/scan.js");
        let start = js.find(&format!("const {name} = new Set([")).unwrap_or_else(|| panic!("{name} in js/scan.js"));
        let body = &js[start..];
        let body = &body[body.find('[').unwrap_or(0) + 1..body.find("])").unwrap_or(0)];
        let mut tags: Vec<String> = body.split(',').map(|t| t.trim().trim_matches('"').to_lowercase()).filter(|t| !t.is_empty()).collect();
        tags.sort();
        tags
    }

    #[test]
    fn the_browser_scan_and_this_reader_skip_and_split_at_the_same_tags() {
        let sorted = |v: &[&str]| {
            let mut v: Vec<String> = v.iter().map(|t| t.to_string()).collect();
            v.sort();
            v
        };
        assert_eq!(js_set("SKIP_TAGS"), sorted(SKIP));
        assert_eq!(js_set("BLOCK_TAGS"), sorted(BLOCK));
    }

    use super::*;

    #[test]
    fn blocks_and_breaks() {
        assert_eq!(extract("<p>One</p><p>Two <b>bold</b> end</p>"), "One\u{2029}Two bold end");
        assert_eq!(extract("<div>a<p>b</p>c</div>"), "a\u{2029}b\u{2029}c");
        assert_eq!(extract("<p>line one<br>line two<br/>three</p>"), "line one\nline two\nthree");
        assert_eq!(extract("<ul><li>one<li>two</ul>"), "one\u{2029}two");
        assert_eq!(extract("<p>one<p>two"), "one\u{2029}two");
        assert_eq!(extract("<span>in</span><span>line</span>"), "inline");
        assert_eq!(extract("plain text, no tags"), "plain text, no tags");
    }

    #[test]
    fn skipped_elements() {
        let html = r#"<!DOCTYPE html><html><head><title>T</title><style>p{}</style><script>var s = "<p>x</p>";</script></head>
<body><p>Seen.</p><script type="module">if (a < b && c > d) { document.write("</p>") }</script>
<noscript><p>No script.</p></noscript><template><p>Template.</p></template><textarea>Area <b></textarea>
<div hidden><p>Hidden.</p></div><div data-factmark-ignore=""><p>Ignored.</p></div><p contenteditable>Edit</p>
<p contenteditable="false">Not editable.</p><svg><text>Svg</text><path d="M0"/><g><text>more</text></g></svg>
<math><mi>x</mi></math><!-- <p>comment</p> --><select><option>Opt</option></select><p>Also seen.</p></body></html>"#;
        let text = extract(html);
        let visible: Vec<&str> = text.split(['\u{2029}', '\n']).map(str::trim).filter(|s| !s.is_empty()).collect();
        assert_eq!(visible, ["Seen.", "Not editable.", "Also seen."]);
    }

    #[test]
    fn head_without_end_tag_and_case() {
        assert_eq!(extract("<HTML><HEAD><TITLE>t</TITLE><META charset=utf-8><P>Body text</P>"), "Body text");
        assert_eq!(extract("<SCRIPT>x</SCRIPT ><P>ok"), "ok");
        assert_eq!(extract("<script>never closed <p>text"), "");
    }

    #[test]
    fn hidden_elements_end_where_the_browser_ends_them() {
        assert_eq!(extract("<ul><li hidden>gone<li>kept</ul>"), "kept");
        assert_eq!(extract("<p hidden>gone<div>kept</div>"), "kept");
        assert_eq!(extract("<div hidden><div>gone</div></div><p>kept</p>"), "kept");
        assert_eq!(extract("<table><tr><td hidden>gone<td>kept</table>"), "kept");
    }

    #[test]
    fn attributes_with_markup_characters() {
        assert_eq!(extract(r#"<a title="a > b" href='x>y'>link</a> text"#), "link text");
        assert_eq!(extract(r#"<p data-x="hidden">shown</p>"#), "shown");
        assert_eq!(extract("<p class=x hidden>gone</p>after"), "after");
        assert_eq!(extract("a < b and c < d"), "a < b and c < d");
        // As in a browser, "<d" opens a tag (here cut off by the end of the file).
        assert_eq!(extract("a < b and c<d"), "a < b and c");
        assert_eq!(extract("text <p unterminated"), "text ");
    }

    #[test]
    fn character_references() {
        assert_eq!(decode("Tom &amp; Jerry &lt;3 &gt; &quot;q&quot; it&#39;s &apos;a&apos;"), "Tom & Jerry <3 > \"q\" it's 'a'");
        assert_eq!(decode("a&nbsp;b &#x2014; &#8212; &#150; &#0; &#xD800;"), "a\u{A0}b — — – \u{FFFD} \u{FFFD}");
        assert_eq!(decode("AT&T &unknown; &amp &#39"), "AT&T &unknown; &amp '");
        assert_eq!(decode("caf&eacute; &mdash; &hellip;"), "café — …");
        assert_eq!(extract("<p>NATO&#8217;s &ldquo;relic&rdquo;</p>"), "NATO’s “relic”");
    }
}
