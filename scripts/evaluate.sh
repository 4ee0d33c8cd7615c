#!/usr/bin/env bash
# Measures the bundled dataset's matching on every evaluation split (eval/) and
# writes the figures to docs/evaluation.md: wrong verdicts first, then precision
# and recall, for the dataset as shipped and without its hand-written terms.
# `cargo test` checks the held-out figures (tests/evaluation.rs).
#
#   bash scripts/evaluate.sh            # writes docs/evaluation.md
#   bash scripts/evaluate.sh --misses   # prints the dev splits' wrong verdicts and misses (never the held-out's)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --release -p factmark-cli
bin=target/release/factmark

if [[ "${1:-}" == "--misses" ]]; then
  exec "$bin" evaluate eval/real/dev eval/counter/dev eval/written/dev --misses
fi

count() { cat "$@" | grep -c . ; }
pages() { grep -c '^- ' <(sed -n "/^## $1/,/^## /p" eval/real/SOURCES.md) ; }
{
  echo "# Matching evaluation"
  echo
  echo "Produced by \`bash scripts/evaluate.sh\` (which runs \`factmark evaluate\` and \`factmark evaluate --no-terms\`)"
  echo "on $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD). \`cargo test\` checks the held-out"
  echo "figures (\`tests/evaluation.rs\`). The sets and how they were made: [eval/README.md](../eval/README.md)."
  echo
  echo "- **real**: $(count eval/real/dev/*.jsonl) dev and $(count eval/real/test/*.jsonl) held-out sentences, every sentence of"
  echo "  $(pages dev) and $(pages test) pages from real sites (the held-out pages from sites never tuned on);"
  echo "- **counter**: $(count eval/counter/dev/*.jsonl) dev and $(count eval/counter/test/*.jsonl) held-out sentences written against the claims;"
  echo "- **written**: $(count eval/written/dev/*.jsonl) dev and $(count eval/written/test/*.jsonl) held-out hand-written sentences."
  echo
  echo "A **wrong verdict** is a sentence shown a claim it does not make, or \"states\" where it disputes or"
  echo "corrects it; it is counted per sentence and given per 1,000 sentences. Precision and recall count a"
  echo "report right only with the right claim and stance. A dev split is listed in full below its tables;"
  echo "a held-out split is never listed."
  echo
  echo "## Targets (issue 13)"
  echo
  cat docs/evaluation-targets.md
  echo
  "$bin" evaluate
  echo
  "$bin" evaluate --no-terms | sed -n '/^## /,/^### Every wrong verdict/p' | sed '$d'
} > docs/evaluation.md.tmp
mv docs/evaluation.md.tmp docs/evaluation.md
echo "wrote docs/evaluation.md"
grep -E '^## Figures|^\| eval/' docs/evaluation.md
