#!/usr/bin/env python3
"""Splits labelled real-page sentences into eval/real/dev and eval/real/test.

    python3 scripts/eval/split-real.py COLLECTED.jsonl...

A file whose name ends in "-devonly.jsonl" goes to the dev split whole: it was
collected later, for tuning, from sites the held-out split does not contain.

Each input line is one sentence of a page as labelled by a collector (see
eval/README.md, "Real pages"). The split is by SITE, never by sentence: a
site's every page goes to one split, chosen by a hash of its domain, so the
held-out split holds only sites the matcher was never tuned on. A held-out
sentence whose text also occurs in the dev split (a syndicated copy) is
dropped from the held-out split. The output is written in page order, with
"kind": "real", and eval/real/SOURCES.md lists every page by split.
"""
import hashlib
import json
import re
import sys
from collections import OrderedDict
from urllib.parse import urlsplit

SECOND_LEVEL = {"com", "co", "org", "net", "gov", "edu", "ac", "go", "or", "ne"}


def site(url):
    host = urlsplit(url).hostname or url
    labels = host.lower().split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def split_of(s):
    return "test" if int(hashlib.sha256(s.encode()).hexdigest(), 16) % 2 else "dev"


def norm(text):
    return re.sub(r"\W+", " ", text.lower()).strip()


pages = OrderedDict()  # url -> list of rows
dev_only = set()
for path in sys.argv[1:]:
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        for field in ("text", "lang", "url"):
            if not row.get(field):
                sys.exit(f"{path}:{n}: no {field}")
        pages.setdefault(row["url"], []).append(row)
        if path.endswith("-devonly.jsonl"):
            dev_only.add(row["url"])

out = {"dev": [], "test": []}
for url, rows in pages.items():
    for r in rows:
        r.setdefault("para", 0)
        out["dev" if url in dev_only else split_of(site(url))].append(r)

test_sites = {site(r["url"]) for r in out["test"]}
clash = sorted({site(u) for u in dev_only} & test_sites)
if clash:
    sys.exit(f"dev-only pages from held-out sites: {clash}")
dev_texts = {norm(r["text"]) for r in out["dev"]}
dropped = [r for r in out["test"] if norm(r["text"]) in dev_texts]
out["test"] = [r for r in out["test"] if norm(r["text"]) not in dev_texts]

FIELDS = ["text", "claim", "stance", "also", "kind", "lang", "script", "url", "para", "headline", "ambiguous", "note"]
for split, rows in out.items():
    for lang in ("en", "zh"):
        with open(f"eval/real/{split}/{lang}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                if r["lang"] != lang:
                    continue
                r["kind"] = "real"
                o = OrderedDict((k, r[k]) for k in FIELDS if k in r and (k == "para" or r[k] is not None and r[k] is not False) or k == "claim")
                o["claim"] = r.get("claim")
                if not o["claim"]:
                    o.pop("stance", None)
                f.write(json.dumps(o, ensure_ascii=False) + "\n")

with open("eval/real/SOURCES.md", "w", encoding="utf-8") as f:
    f.write("# Pages of the real-text set\n\nEvery page whose sentences are in `eval/real/`, by split "
            "(written by `scripts/eval/split-real.py`; the split is by site).\n")
    for split, rows in out.items():
        urls = list(OrderedDict.fromkeys(r["url"] for r in rows))
        sites = sorted({site(u) for u in urls})
        f.write(f"\n## {split}: {len(urls)} pages from {len(sites)} sites\n\n")
        for u in urls:
            f.write(f"- {u}\n")

for split, rows in out.items():
    for lang in ("en", "zh"):
        rs = [r for r in rows if r["lang"] == lang]
        pos = sum(1 for r in rs if r.get("claim"))
        print(f"{split} {lang}: {len(rs)} sentences, {pos} labelled, {len({r['url'] for r in rs})} pages")
print(f"dropped from test as copies of dev sentences: {len(dropped)}")
