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
 * A scan of the text under `root` that runs in slices: call `step(budgetMs)`
 * until it returns true, then `result()`. Between slices the page may run.
 */
export class Scanner {
  constructor(root) {
    this.root = root;
    this.parts = [];
    this.nodes = [];
    this.starts = [];
    this.ends = [];
    this.pos = 0;
    this.lastParent = null;
    this.lastBlock = null;
    this.pendingBreak = false;
    this.blocks = new Map();
    this.stale = false;
    this.done = isSkipped(root) || insideSkipped(root);
    this.walker = this.done
      ? null
      : root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
          acceptNode: (n) => (n.nodeType === 1 && isSkipped(n) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
        });
  }

  /**
   * The nearest block-level ancestor of a text node (or the root). Answers
   * are remembered per element, so deep nesting costs one walk up in all,
   * not one per text node.
   */
  blockOf(node) {
    const path = [];
    let block = this.root;
    for (let el = node.parentElement; el && el !== this.root; el = el.parentElement) {
      const known = this.blocks.get(el);
      if (known) {
        block = known;
        break;
      }
      if (BLOCK_TAGS.has(el.tagName.toUpperCase())) {
        block = el;
        break;
      }
      path.push(el);
    }
    for (const el of path) this.blocks.set(el, block);
    return block;
  }

  /** Scans on for about `budgetMs` milliseconds; returns whether the scan is complete. */
  step(budgetMs) {
    if (this.done) return true;
    // The page ran since the last slice: if it detached the node the walk
    // stands on, the walk cannot go on; the caller scans again.
    const at = this.walker.currentNode;
    if (at !== this.root && !this.root.contains(at)) {
      this.stale = true;
      this.done = true;
      return true;
    }
    const deadline = performance.now() + budgetMs;
    let count = 0;
    for (let n = this.walker.nextNode(); n; n = this.walker.nextNode()) {
      if (n.nodeType === 1) {
        if (n.tagName.toUpperCase() === "BR") this.pendingBreak = true;
      } else if (n.data.length > 0) {
        const block = n.parentNode === this.lastParent ? this.lastBlock : this.blockOf(n);
        if (this.lastBlock !== null && block !== this.lastBlock) {
          this.parts.push("\u2029");
          this.pos += 1;
        } else if (this.pendingBreak && this.lastBlock !== null) {
          this.parts.push("\n");
          this.pos += 1;
        }
        this.pendingBreak = false;
        this.lastParent = n.parentNode;
        this.lastBlock = block;
        this.parts.push(n.data);
        this.nodes.push(n);
        this.starts.push(this.pos);
        this.pos += n.data.length;
        this.ends.push(this.pos);
      }
      if ((++count & 1023) === 0 && performance.now() > deadline) return false;
    }
    this.done = true;
    return true;
  }

  /** @returns {{text: string, nodes: Text[], starts: Uint32Array, ends: Uint32Array}} */
  result() {
    return {
      text: this.parts.join(""),
      nodes: this.nodes,
      starts: Uint32Array.from(this.starts),
      ends: Uint32Array.from(this.ends),
      stale: this.stale,
    };
  }
}
