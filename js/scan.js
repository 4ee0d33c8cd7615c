// factmark DOM scan: one pass over the text under a root, in one call.
//
// Reading the page from Rust node by node would cost a JS↔wasm crossing per
// node; this walker returns everything the matcher needs at once: the text
// of every content text node, concatenated, plus each node's UTF-16 span in
// that string. Blocks are separated by U+2029 and <br> by "\n"; neither
// belongs to any node, so a match never spans two blocks.
//
// On request it also reads open shadow roots (`element.shadowRoot`, at any
// depth) and the documents of same-origin iframes. Each such tree is walked
// after the tree it sits in, as blocks of its own (a match never joins text
// inside a shadow root or frame with text outside it), and is reported in
// `trees` so the caller can style and listen to it. Closed shadow roots are
// invisible to scripts and stay unread; cross-origin and sandboxed frames
// (whose `contentDocument` is null, or throws) are skipped silently.

const SKIP_TAGS = new Set([
  "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "INPUT", "SELECT", "OPTION",
  "SVG", "MATH", "IFRAME", "OBJECT", "EMBED", "CANVAS", "VIDEO", "AUDIO", "HEAD", "TITLE",
  "FACTMARK-UI", "FACTMARK-SKIP", "FACTMARK-MARK",
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
  /**
   * @param {Element} root
   * @param {boolean} [shadowRoots] also read open shadow roots under `root`
   * @param {boolean} [frames] also read same-origin iframes' documents under `root`
   */
  constructor(root, shadowRoots = false, frames = false) {
    this.root = root;
    this.shadowRoots = shadowRoots;
    this.frames = frames;
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
    /** Shadow roots and frame documents found, in the order they are read. */
    this.trees = [];
    /** Trees found but not walked yet (each is walked after the current one). */
    this.queue = [];
    this.seen = new Set();
    this.done = isSkipped(root) || insideSkipped(root);
    this.cur = root;
    this.walker = null;
    if (!this.done) {
      this.walker = this.walk(root);
      this.findShadow(root);
    }
  }

  /** A walker over the tree under `top` (an element, a shadow root or a frame's body). */
  walk(top) {
    return (top.ownerDocument || top).createTreeWalker(top, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => {
        if (n.nodeType !== 1) return NodeFilter.FILTER_ACCEPT;
        if (isSkipped(n)) {
          if (this.frames && n.tagName.toUpperCase() === "IFRAME") this.findFrame(n);
          return NodeFilter.FILTER_REJECT;
        }
        // In a shadow tree, a slot's own children are fallback content, not
        // shown while page nodes are slotted in (those are read where they are).
        if (n.tagName.toUpperCase() === "SLOT" && typeof n.assignedNodes === "function" && n.assignedNodes().length > 0) {
          return NodeFilter.FILTER_REJECT;
        }
        this.findShadow(n);
        return NodeFilter.FILTER_ACCEPT;
      },
    });
  }

  /** Queues `el`'s open shadow root, if shadow roots are read. */
  findShadow(el) {
    if (!this.shadowRoots) return;
    let sr = null;
    try {
      sr = el.shadowRoot; // null for closed shadow roots
    } catch {
      return;
    }
    // A custom element may override `shadowRoot`: take only a real one of its own.
    if (sr && sr.nodeType === 11 && sr.host === el && !this.seen.has(sr)) {
      this.seen.add(sr);
      this.queue.push({ tree: sr, top: sr });
    }
  }

  /** Queues the document of a same-origin iframe that is not itself hidden or ignored. */
  findFrame(frame) {
    if (frame.hasAttribute("hidden") || frame.hasAttribute("data-factmark-ignore")) return;
    let d = null;
    try {
      d = frame.contentDocument; // null when cross-origin or sandboxed without allow-same-origin
    } catch {
      return; // some browsers throw instead
    }
    const body = d && d.nodeType === 9 ? d.body : null;
    if (!body || body.nodeType !== 1 || this.seen.has(d)) return;
    this.seen.add(d);
    if (isSkipped(body)) return;
    this.queue.push({ tree: d, top: body });
  }

  /**
   * The nearest block-level ancestor of a text node (or the root). Answers
   * are remembered per element, so deep nesting costs one walk up in all,
   * not one per text node.
   */
  blockOf(node) {
    const path = [];
    let block = this.cur;
    for (let el = node.parentElement; el && el !== this.cur; el = el.parentElement) {
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
    if (at !== this.cur && !this.cur.contains(at)) {
      this.stale = true;
      this.done = true;
      return true;
    }
    const deadline = performance.now() + budgetMs;
    let count = 0;
    for (;;) {
      const n = this.walker.nextNode();
      if (!n) {
        // This tree is done: go on with the next shadow root or frame found.
        const next = this.queue.shift();
        if (!next) break;
        let walker;
        try {
          walker = this.walk(next.top);
        } catch {
          continue; // not a real tree after all (a page's own getter lied): skip it
        }
        this.trees.push(next.tree);
        this.cur = next.top;
        this.walker = walker;
        this.lastParent = null;
        this.pendingBreak = false;
        if (performance.now() > deadline) return false;
        continue;
      }
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

  /** @returns {{text: string, nodes: Text[], starts: Uint32Array, ends: Uint32Array, stale: boolean, trees: (ShadowRoot|Document)[]}} */
  result() {
    return {
      text: this.parts.join(""),
      nodes: this.nodes,
      starts: Uint32Array.from(this.starts),
      ends: Uint32Array.from(this.ends),
      stale: this.stale,
      trees: this.trees,
    };
  }
}
