#!/usr/bin/env bash
# Fuzzing: scripts/fuzz.sh [SECONDS]   (default 600 per target)
#
# Builds seed corpora from the repository's own data (the bundled dataset,
# the ClaimReview fixtures, the demo article and page), then runs each
# cargo-fuzz target (fuzz/fuzz_targets/: dataset, normalize, matcher) for
# SECONDS and prints libFuzzer's final statistics. cargo-fuzz needs nightly
# flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
secs=${1:-600}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1

mkdir -p fuzz/corpus/dataset fuzz/corpus/normalize fuzz/corpus/matcher
cp data/claims.json tests/fixtures/claimreview/*.json www/examples/claimreview.json fuzz/corpus/dataset/
i=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  i=$((i + 1))
  printf '%s' "$line" > "fuzz/corpus/normalize/article-$i.txt"
  printf '%s' "$line" > "fuzz/corpus/matcher/article-$i.txt"
done < tests/fixtures/article.txt
cp www/index.html fuzz/corpus/normalize/index.html
cp www/index.html fuzz/corpus/matcher/index.html
# Chinese and English sentences from the evaluation set (CJK bigrams, number
# words, negations, inline tags).
python3 - <<'PY'
import json, pathlib
for name in ["en-claims-2", "zh", "zh-2"]:
    for i, line in enumerate(pathlib.Path(f"eval/written/dev/{name}.jsonl").read_text().splitlines()[:60]):
        text = json.loads(line)["text"]
        for target in ["normalize", "matcher"]:
            pathlib.Path(f"fuzz/corpus/{target}/eval-{name}-{i}.txt").write_text(text)
PY

cargo fuzz build -O
for target in dataset normalize matcher; do
  echo "== fuzz target $target, ${secs}s"
  cargo fuzz run -O "$target" "fuzz/corpus/$target" -- -max_total_time="$secs" -print_final_stats=1 2>&1 \
    | grep -E '^(stat::|Done|INFO: Running|==[0-9]+==ERROR|SUMMARY)' || true
  if [ -n "$(ls -A "fuzz/artifacts/$target" 2>/dev/null)" ]; then
    echo "fuzz target $target found a crash: see fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
