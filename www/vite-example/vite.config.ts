import { defineConfig } from "vite";

export default defineConfig({
  // Relative asset URLs, so dist/ works from any path (its own origin root, or
  // /www/vite-example/dist/ when the repository root is served).
  base: "./",
  optimizeDeps: {
    // Pre-bundling would copy factmark.js into node_modules/.vite/deps/ without the
    // wasm file next to it, breaking `new URL("factmark_bg.wasm", import.meta.url)` in
    // `vite dev`. (Linked file: deps are not pre-bundled anyway; a registry install is.)
    exclude: ["factmark"],
  },
  server: {
    fs: {
      // node_modules/factmark is a symlink to the repository's pkg/, which the dev
      // server resolves to its real path, outside this project: allow serving it (the
      // wasm especially). Relative to this directory.
      allow: [".", "../../pkg"],
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
});
