/work/main/target-r7/release/deps/factmark.d: src/lib.rs src/checks.rs src/claimreview.rs src/compact.rs src/dataset.rs src/evaluation.rs src/labels.rs src/matcher.rs src/matcher/bytes.rs src/matcher/frame.rs src/normalize.rs src/sentence.rs src/stem.rs src/t2s_table.rs src/terms.rs src/textmap.rs /work/main/target-r7/release/build/factmark-410fe75913683eda/out/claims.json /work/main/target-r7/release/build/factmark-410fe75913683eda/out/claims.bin /work/main/target-r7/release/build/factmark-410fe75913683eda/out/index.bin

/work/main/target-r7/release/deps/libfactmark.so: src/lib.rs src/checks.rs src/claimreview.rs src/compact.rs src/dataset.rs src/evaluation.rs src/labels.rs src/matcher.rs src/matcher/bytes.rs src/matcher/frame.rs src/normalize.rs src/sentence.rs src/stem.rs src/t2s_table.rs src/terms.rs src/textmap.rs /work/main/target-r7/release/build/factmark-410fe75913683eda/out/claims.json /work/main/target-r7/release/build/factmark-410fe75913683eda/out/claims.bin /work/main/target-r7/release/build/factmark-410fe75913683eda/out/index.bin

/work/main/target-r7/release/deps/libfactmark.rlib: src/lib.rs src/checks.rs src/claimreview.rs src/compact.rs src/dataset.rs src/evaluation.rs src/labels.rs src/matcher.rs src/matcher/bytes.rs src/matcher/frame.rs src/normalize.rs src/sentence.rs src/stem.rs src/t2s_table.rs src/terms.rs src/textmap.rs /work/main/target-r7/release/build/factmark-410fe75913683eda/out/claims.json /work/main/target-r7/release/build/factmark-410fe75913683eda/out/claims.bin /work/main/target-r7/release/build/factmark-410fe75913683eda/out/index.bin

src/lib.rs:
src/checks.rs:
src/claimreview.rs:
src/compact.rs:
src/dataset.rs:
src/evaluation.rs:
src/labels.rs:
src/matcher.rs:
src/matcher/bytes.rs:
src/matcher/frame.rs:
src/normalize.rs:
src/sentence.rs:
src/stem.rs:
src/t2s_table.rs:
src/terms.rs:
src/textmap.rs:
/work/main/target-r7/release/build/factmark-410fe75913683eda/out/claims.json:
/work/main/target-r7/release/build/factmark-410fe75913683eda/out/claims.bin:
/work/main/target-r7/release/build/factmark-410fe75913683eda/out/index.bin:

# env-dep:OUT_DIR=/work/main/target-r7/release/build/factmark-410fe75913683eda/out
