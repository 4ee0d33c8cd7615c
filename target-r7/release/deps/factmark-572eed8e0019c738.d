/work/main/target-r7/release/deps/factmark-572eed8e0019c738.d: cli/src/main.rs cli/src/html.rs cli/src/locate.rs

/work/main/target-r7/release/deps/factmark-572eed8e0019c738: cli/src/main.rs cli/src/html.rs cli/src/locate.rs

cli/src/main.rs:
cli/src/html.rs:
cli/src/locate.rs:

# env-dep:CARGO_PKG_VERSION=0.2.0
