// factmark DOM scan: one pass over the text under a root, in one call.
//
// Reading the page from Rust node by node would cost a JS↔wasm crossing per
// node; this walker returns everything the matcher needs at once: the text
// of every content text node, concatenated, plus each node's UTF-16 span in
// that string. Blocks are separated by U+2029 and <br> by "\n"; neither
// belongs to any node, so a match never spans two blocks.

const SKIP_TAGS = new Set([
  "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "INPUT", "SELECT", "OPTION",
  "SVG", "MATH", "IFRAME", "OBJECT", "EMBED", "CANVAS", "VIDEO", "AUDIO", "HEAD", "TITLE",
  "FACTMARK-UI", "FACTMARK-MARK",
]);

const BLOCK_TAGS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "CAPTION", "DD", "DETAILS", "DIALOG", "DIV",
  "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5",
  "H6", "HEADER", "HGROUP", "HR", "HTML", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION",
  "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL", "LEGEND", "MENU",
]);

/** Whether `el` and everything under it is not page content for factmark. */
export function isSkipped(el) {
  if (SKIP_TAGS.has(el.tagName.toUpperCase())) return true;
  if (el.hasAttribute("hidden") || el.hasAttribute("data-factmark-ignore")) return true;
  const ce = el.getAttribute("contenteditable");
  return ce !== null && ce.toLowerCase() !== "false";
}

/** Whether `root` sits inside something that is skipped (ancestors checked, not only the parent). */
function insideSkipped(root) {
  for (let el = root.parentElement; el; el = el.parentElement) {
    if (isSkipped(el)) return true;
  }
  return false;
}

/**
 * Scans the text under `root`.
 * @returns {{text: string, nodes: Text[], starts: Uint32Array, ends: Uint32Array}}
 */
export function scanText(root) {
  const parts = [];
  const nodes = [];
  const starts = [];
  const ends = [];
  if (isSkipped(root) || insideSkipped(root)) {
    return { text: "", nodes, starts: new Uint32Array(0), ends: new Uint32Array(0) };
  }
  const blockOf = (node) => {
    for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
      if (BLOCK_TAGS.has(el.tagName.toUpperCase())) return el;
    }
    return root;
  };
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.nodeType === 1 && isSkipped(n) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let pos = 0;
  let lastParent = null;
  let lastBlock = null;
  let pendingBreak = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 1) {
      if (n.tagName.toUpperCase() === "BR") pendingBreak = true;
      continue;
    }
    const data = n.data;
    if (data.length === 0) continue;
    const block = n.parentNode === lastParent ? lastBlock : blockOf(n);
    if (lastBlock !== null && block !== lastBlock) {
      parts.push("\u2029");
      pos += 1;
    } else if (pendingBreak && lastBlock !== null) {
      parts.push("\n");
      pos += 1;
    }
    pendingBreak = false;
    lastParent = n.parentNode;
    lastBlock = block;
    parts.push(data);
    nodes.push(n);
    starts.push(pos);
    pos += data.length;
    ends.push(pos);
  }
  return { text: parts.join(""), nodes, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}
