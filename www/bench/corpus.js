// Deterministic test material for the browser benchmark (www/bench/bench.js):
// article-like pages with claims planted at known places, and a synthetic
// dataset of any size. Everything comes from a seeded PRNG, so every run and
// every page load of the same size gets exactly the same page and dataset.

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

// ---------------------------------------------------------------------------
// Synthetic dataset: fictional countries making checkable, numeric claims.

const SYLLABLES = ["val", "dor", "mir", "ka", "tes", "lun", "bra", "vo", "sel", "qua", "ren", "tor", "ash", "gal", "pen", "zu", "mar", "od", "ilo", "fen", "cas", "rho", "ny", "bel"];
const SUFFIXES = ["ia", "a", "stan", "land", "ovia", "ara", "en", "ica"];

/** `n` distinct fictional country names. */
function placeNames(n, r) {
  const seen = new Set();
  const out = [];
  while (out.length < n) {
    const parts = int(r, 2, 3);
    let s = "";
    for (let i = 0; i < parts; i++) s += pick(r, SYLLABLES);
    s += pick(r, SUFFIXES);
    const name = s[0].toUpperCase() + s.slice(1);
    if (!seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

const ORGS = ["Northern Trade Council", "Coastal Defence Pact", "Continental Energy Union", "Harbour States Forum", "Mountain Water Compact"];
const GOODS = ["wheat", "copper", "timber", "natural gas", "solar panels", "fertiliser", "steel", "medicines"];

// Each template gives the claim as reviewed and 2–4 phrasings (wordings to
// look for), in the vocabulary of news about budgets, trade and public services.
const TEMPLATES = [
  (p, q, n, y, g, o) => [`${p} raised its defence budget by ${n} percent in ${y}.`, [`${p} raised its defence budget by ${n} percent in ${y}`, `${p} increased military spending by ${n} percent in ${y}`, `In ${y} the defence budget of ${p} grew ${n} percent`]],
  (p, q, n, y, g, o) => [`${p} signed a free trade agreement with ${q} in ${y}.`, [`${p} signed a free trade agreement with ${q} in ${y}`, `${p} and ${q} agreed on free trade in ${y}`]],
  (p, q, n, y, g, o) => [`Unemployment in ${p} fell to ${n} percent in ${y}.`, [`Unemployment in ${p} fell to ${n} percent in ${y}`, `The jobless rate in ${p} dropped to ${n} percent in ${y}`, `${p} cut unemployment to ${n} percent`]],
  (p, q, n, y, g, o) => [`${p} has closed ${n} coal power plants since ${y}.`, [`${p} has closed ${n} coal power plants since ${y}`, `Since ${y} ${p} shut down ${n} coal plants`]],
  (p, q, n, y, g, o) => [`The parliament of ${p} voted to leave the ${o} in ${y}.`, [`The parliament of ${p} voted to leave the ${o} in ${y}`, `${p} quit the ${o} after a parliamentary vote in ${y}`, `Lawmakers in ${p} chose to withdraw from the ${o}`]],
  (p, q, n, y, g, o) => [`${p} built ${n} new hospitals between ${y} and ${y + 4}.`, [`${p} built ${n} new hospitals between ${y} and ${y + 4}`, `${n} hospitals were opened in ${p} from ${y} to ${y + 4}`]],
  (p, q, n, y, g, o) => [`Inflation in ${p} reached ${n} percent in ${y}, the highest in two decades.`, [`Inflation in ${p} reached ${n} percent in ${y}`, `Prices in ${p} rose ${n} percent in ${y}, the fastest in twenty years`, `${p} had ${n} percent inflation in ${y}`]],
  (p, q, n, y, g, o) => [`${p} spent ${n} billion dollars on high-speed rail in ${y}.`, [`${p} spent ${n} billion dollars on high-speed rail in ${y}`, `High-speed rail in ${p} cost ${n} billion dollars in ${y}`]],
  (p, q, n, y, g, o) => [`${p} exports more ${g} to ${q} than any other country.`, [`${p} exports more ${g} to ${q} than any other country`, `${p} is the largest supplier of ${g} to ${q}`, `No country sells more ${g} to ${q} than ${p}`]],
  (p, q, n, y, g, o) => [`The population of ${p} grew by ${n} percent between ${y} and ${y + 10}.`, [`The population of ${p} grew by ${n} percent between ${y} and ${y + 10}`, `${p} added ${n} percent more people from ${y} to ${y + 10}`]],
  (p, q, n, y, g, o) => [`${p} doubled the minimum wage in ${y}.`, [`${p} doubled the minimum wage in ${y}`, `The minimum wage in ${p} was doubled in ${y}`, `Workers in ${p} saw the minimum wage double in ${y}`]],
  (p, q, n, y, g, o) => [`${p} banned imports of ${g} from ${q} in ${y}.`, [`${p} banned imports of ${g} from ${q} in ${y}`, `${q} can no longer sell ${g} to ${p} since ${y}`]],
];
const RATINGS = ["true", "mostly-true", "mixed", "misleading", "false", "unverified"];

/**
 * The synthetic claims, `count` of them, deterministic for a given `seed`:
 * plausible but fictional, each with 2–3 phrasings, valid per the dataset
 * format in the README.
 */
export function syntheticClaims(count, seed = 20261124) {
  const r = rng(seed);
  const places = placeNames(Math.ceil(count / TEMPLATES.length) + 50, r);
  const claims = [];
  for (let i = 0; i < count; i++) {
    const t = i % TEMPLATES.length;
    const p = places[Math.floor(i / TEMPLATES.length)];
    const q = places[(Math.floor(i / TEMPLATES.length) + 1 + int(r, 0, 40)) % places.length];
    const [claim, phrasings] = TEMPLATES[t](p, q, int(r, 2, 90), int(r, 1990, 2024), pick(r, GOODS), pick(r, ORGS));
    const rating = RATINGS[(i * 7) % RATINGS.length];
    claims.push({
      id: `synthetic-${i}`,
      rating,
      claim,
      phrasings,
      verdict: `Fictional benchmark claim ${i}: rated ${rating} for testing only.`,
      note: `This claim about ${p} is generated for factmark's browser benchmark. ${p} does not exist, and neither does this review.`,
      sources: [{ publisher: "factmark benchmark", title: `Synthetic review ${i}`, url: `https://example.org/factmark-bench/${i}`, date: "2026-01-01" }],
      reviewed: "2026-01-01",
    });
  }
  return claims;
}

/**
 * A dataset of `total` claims: the bundled claims followed by synthetic
 * ones, so the same page's bundled matches are still found and only the
 * dataset's size changes.
 */
export function syntheticDataset(bundled, total) {
  // Only the claim fields the README documents: data/claims.json may be
  // ahead of the built widget (a field being added) while others work on it.
  const fields = ["id", "rating", "claim", "phrasings", "verdict", "note", "uncertain", "sources", "reviewed", "label", "claimant", "claimDate", "appearances", "language", "reviews"];
  const documented = (c) => Object.fromEntries(fields.filter((f) => f in c).map((f) => [f, c[f]]));
  return {
    factmark: 1,
    name: `factmark benchmark: ${total} claims (${bundled.claims.length} bundled + synthetic)`,
    language: "en",
    claims: [...bundled.claims.map(documented), ...syntheticClaims(total - bundled.claims.length)],
  };
}

// ---------------------------------------------------------------------------
// Article-like pages.

const TOWNS = ["Riverside", "Oakton", "Millbrook", "Eastfield", "Harbourview", "Stonebridge", "Westmere", "Ashford"];
const SUBJECTS = ["The city council", "The school board", "A spokesperson for the mayor", "The regional transport authority", "Local shop owners", "The library committee", "Residents of the old quarter", "The hospital trust", "The football club", "The chamber of commerce", "Volunteers from the food bank", "The planning office"];
const VERBS = ["said on Tuesday that", "confirmed that", "announced that", "warned that", "argued that", "told reporters that", "wrote in a letter that", "explained at the meeting that"];
const CLAUSES = [
  "the library budget would rise by %n percent next year",
  "bus routes to %t would run every %n minutes from spring",
  "the swimming pool in %t needs repairs costing %n thousand dollars",
  "the new bridge over the river should open in %y",
  "parking fees in the centre had not changed since %y",
  "about %n families had asked for help with heating bills this winter",
  "the market square will be closed for two weekends in June",
  "the school in %t will hire %n more teachers",
  "a survey found that %n percent of residents use the parks every week",
  "rents in %t have gone up faster than wages",
  "the recycling centre will accept electronics from next month",
  "the trade fair brought %n thousand visitors to %t",
  "plans for a cycle path along the canal were approved",
  "the government grant covers only part of the cost",
  "the old cinema on the high street will become a community centre",
];
const TAILS = ["", "", " after a long debate", " despite objections from some members", ", according to the minutes", " in a statement", ", although details are still open"];
const HEADINGS = ["Council news", "Transport", "Schools and families", "Business", "Culture and sport", "Letters from readers", "In brief", "Housing", "Health", "Environment"];
const LINK_TEXT = ["the full report", "the council's website", "last week's meeting", "the budget documents", "an earlier article", "the planning application"];

function fillerSentence(r) {
  const clause = pick(r, CLAUSES)
    .replace("%n", String(int(r, 2, 95)))
    .replace("%t", pick(r, TOWNS))
    .replace("%y", String(int(r, 1995, 2026)));
  return `${pick(r, SUBJECTS)} ${pick(r, VERBS)} ${clause}${pick(r, TAILS)}.`;
}

/**
 * Builds into `container` an article of about `targetBytes` characters of
 * text: an h1, sections with h2 headings, paragraphs with links, emphasis
 * and strong text, bulleted lists and block quotes. A claim sentence is
 * planted in every third paragraph, at a known place (the middle of the
 * paragraph): in turn one of the bundled dataset's phrasings (all of them,
 * cycling; every third one split across a link or emphasis) and a phrasing
 * of one of the first 500 synthetic claims. Returns the text length, the
 * element count and how many claims of each kind were planted.
 */
export function buildArticle(container, targetBytes, bundledPhrasings, synthetic, seed = 1) {
  const r = rng(seed);
  const doc = container.ownerDocument;
  const el = (tag, ...kids) => {
    const e = doc.createElement(tag);
    e.append(...kids);
    return e;
  };
  const article = el("article");
  let bytes = 0;
  const text = (s) => {
    bytes += s.length;
    return doc.createTextNode(s);
  };
  let plantedBundled = 0;
  let plantedSynthetic = 0;
  let paragraphs = 0;
  let elements = 1;
  article.append(el("h1", text("The week in Riverside and around")));
  let section = null;
  let block = 0;
  while (bytes < targetBytes) {
    if (block % 12 === 0) {
      section = el("section", el("h2", text(HEADINGS[(block / 12) % HEADINGS.length])));
      article.append(section);
      elements += 2;
    }
    block++;
    if (block % 7 === 0) {
      const ul = el("ul");
      for (let i = int(r, 3, 5); i > 0; i--) ul.append(el("li", text(fillerSentence(r))));
      section.append(ul);
      elements += 1 + ul.childElementCount;
      continue;
    }
    if (block % 11 === 0) {
      section.append(el("blockquote", el("p", text(`“${fillerSentence(r)}”`))));
      elements += 2;
      continue;
    }
    const p = el("p");
    elements++;
    const n = int(r, 3, 6);
    const plantAt = paragraphs % 3 === 0 ? Math.floor(n / 2) : -1;
    for (let i = 0; i < n; i++) {
      if (i > 0) p.append(text(" "));
      if (i === plantAt) {
        const planted = Math.floor(paragraphs / 3);
        let s;
        let split = false;
        if (planted % 2 === 0) {
          s = bundledPhrasings[(planted / 2) % bundledPhrasings.length];
          split = (planted / 2) % 3 === 2;
          plantedBundled++;
        } else {
          const c = synthetic[((planted - 1) / 2) % Math.min(500, synthetic.length)];
          s = c.phrasings[planted % c.phrasings.length];
          plantedSynthetic++;
        }
        s = /[.!?]$/.test(s) ? s : `${s}.`;
        const words = s.split(" ");
        if (split && words.length >= 5) {
          const a = Math.floor(words.length / 3);
          const inline = el(planted % 4 === 0 ? "em" : "a", text(words.slice(a, a + 2).join(" ")));
          if (inline.tagName === "A") inline.href = `#claim-${planted}`;
          p.append(text(words.slice(0, a).join(" ") + " "), inline, text(" " + words.slice(a + 2).join(" ")));
          elements++;
        } else {
          p.append(text(s));
        }
        continue;
      }
      const s = fillerSentence(r);
      const roll = r();
      if (roll < 0.25) {
        // A link around a phrase at the end of the sentence.
        const a = el("a", text(pick(r, LINK_TEXT)));
        a.href = `/news/${int(r, 1000, 9999)}`;
        p.append(text(s.slice(0, -1) + ", as set out in "), a, text("."));
        elements++;
      } else if (roll < 0.45) {
        const words = s.split(" ");
        const k = int(r, 1, words.length - 2);
        p.append(text(words.slice(0, k).join(" ") + " "), el(roll < 0.38 ? "em" : "strong", text(words[k])), text(" " + words.slice(k + 1).join(" ")));
        elements++;
      } else {
        p.append(text(s));
      }
    }
    section.append(p);
    paragraphs++;
  }
  container.append(article);
  return { bytes, elements, paragraphs, plantedBundled, plantedSynthetic };
}

/** A planted claim sentence: the bundled phrasings in turn, ending in a full stop. */
function plant(bundledPhrasings, i) {
  const s = bundledPhrasings[i % bundledPhrasings.length];
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/**
 * Builds into `container` one text node of about `targetBytes` characters:
 * filler sentences with a bundled phrasing planted every 20,000
 * characters. Returns what buildArticle returns.
 */
export function buildOneNode(container, targetBytes, bundledPhrasings, seed = 1) {
  const r = rng(seed);
  const parts = [];
  let bytes = 0;
  let next = 10_000;
  let plantedBundled = 0;
  while (bytes < targetBytes) {
    let s = fillerSentence(r);
    if (bytes >= next) {
      s = plant(bundledPhrasings, plantedBundled++);
      next += 20_000;
    }
    parts.push(s);
    bytes += s.length + 1;
  }
  const p = container.ownerDocument.createElement("p");
  p.append(container.ownerDocument.createTextNode(parts.join(" ")));
  container.append(p);
  return { bytes, elements: 1, paragraphs: 1, plantedBundled, plantedSynthetic: 0 };
}

/**
 * Builds into `container` elements nested `depth` deep (span and div in
 * turn), each holding a filler sentence before its child, with a bundled
 * phrasing planted every 100 levels. The outermost element is not
 * rendered (display: none): Chromium's own layout gives up on a tree this
 * deep, with or without the widget. Returns what buildArticle returns.
 */
export function buildDeep(container, depth, bundledPhrasings, seed = 1) {
  const r = rng(seed);
  const doc = container.ownerDocument;
  const outer = doc.createElement("div");
  outer.style.display = "none";
  let at = outer;
  let bytes = 0;
  let plantedBundled = 0;
  for (let i = 0; i < depth; i++) {
    const e = doc.createElement(i % 2 ? "div" : "span");
    const s = i % 100 === 50 ? plant(bundledPhrasings, plantedBundled++) : fillerSentence(r);
    e.append(doc.createTextNode(`${s} `));
    bytes += s.length + 1;
    at.append(e);
    at = e;
  }
  container.append(outer);
  return { bytes, elements: depth + 1, paragraphs: 0, plantedBundled, plantedSynthetic: 0 };
}

/**
 * Builds into `container` `count` elements: paragraphs of four short
 * inline elements each (span, em, a, strong: a few words of a filler
 * sentence in each), with a bundled phrasing planted, split across two of
 * them, in every 50th paragraph. Returns what buildArticle returns.
 */
export function buildMany(container, count, bundledPhrasings, seed = 1) {
  const r = rng(seed);
  const doc = container.ownerDocument;
  const tags = ["span", "em", "a", "strong"];
  const frag = doc.createDocumentFragment();
  let elements = 0;
  let bytes = 0;
  let plantedBundled = 0;
  for (let i = 0; elements < count; i++) {
    const p = doc.createElement("p");
    elements++;
    const words = (i % 50 === 25 ? plant(bundledPhrasings, plantedBundled++) : fillerSentence(r)).split(" ");
    const per = Math.ceil(words.length / 4);
    for (let k = 0; k < 4 && elements < count; k++) {
      const e = doc.createElement(tags[k]);
      const s = words.slice(k * per, (k + 1) * per).join(" ");
      e.append(doc.createTextNode(s));
      p.append(e, doc.createTextNode(" "));
      bytes += s.length + 1;
      elements++;
    }
    frag.append(p);
  }
  container.append(frag);
  return { bytes, elements, paragraphs: Math.ceil(count / 5), plantedBundled, plantedSynthetic: 0 };
}
