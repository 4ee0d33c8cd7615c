#!/usr/bin/env node
/**
 * Zero-dependency static file server for the factmark demo and end-to-end tests.
 *
 * Serves the repository root on 127.0.0.1, so the demo (/www/index.html) can load
 * the widget loader (/www/embed.js) and the wasm-pack output (/pkg/...).
 *
 *   node scripts/serve.mjs [--port N]     # or PORT=N; default 8080, 0 = any free port
 *
 * `/` redirects to /www/index.html. Adding `?csp=strict` to an HTML URL sends the
 * strict Content-Security-Policy the widget must work under; `?csp=tt` sends the same
 * policy plus `require-trusted-types-for 'script'`.
 *
 * Tests import it instead:  const { url, close } = await startServer({ port: 0 });
 * Options for tests: `root` (another folder to serve), `cors: true` (send
 * Access-Control-Allow-Origin: *, as a host of the publisher bundle for other origins must),
 * `policies` (more ?csp= names, each mapped to its policy) and `pages` (more pages made in
 * memory, each URL path mapped to its text, read at each request so that pages may be added
 * once the server's URL is known: the benchmark's real saved pages).
 *
 * Serving the repository, it also serves the end-to-end fixture pages made from one
 * template (tests/e2e/fixtures/pages.mjs) at /tests/e2e/fixtures/<name>.
 */
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PAGES } from "../tests/e2e/fixtures/pages.mjs";

const HOST = "127.0.0.1";
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const CSP_PRESETS = {
  strict: STRICT_CSP,
  tt: `${STRICT_CSP}; require-trusted-types-for 'script'`,
  // A page that forbids WebAssembly (no 'wasm-unsafe-eval').
  nowasm: "default-src 'self'; script-src 'self'; style-src 'self'",
};

/**
 * Maps a URL pathname to a file under `root`, or null when it would leave `root`
 * (`..` segments, encoded slashes or NUL bytes, symlinks pointing outside).
 */
async function resolveFile(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const candidate = path.resolve(root, "." + path.posix.normalize(decoded));
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  try {
    const real = await realpath(candidate);
    if (real !== root && !real.startsWith(root + path.sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { file: real, size: info.size } : null;
  } catch {
    return null;
  }
}

function sendText(res, status, text, headers = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
  res.end(text);
}

/** The fixture pages made from a template, by URL path. */
const FIXTURE_PAGES = Object.fromEntries(Object.entries(PAGES).map(([name, html]) => [`/tests/e2e/fixtures/${name}`, html]));

function handler(root, { cors, policies, pages }) {
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendText(res, 405, "method not allowed\n", { Allow: "GET, HEAD" });
      return;
    }
    const url = new URL(req.url, `http://${HOST}`);
    if (url.pathname === "/") {
      res.writeHead(302, { Location: "/www/index.html" + url.search });
      res.end();
      return;
    }
    const from = pages.find((made) => Object.hasOwn(made, url.pathname));
    const made = from ? Buffer.from(from[url.pathname], "utf8") : null;
    const found = made ? { file: url.pathname, size: made.length } : await resolveFile(root, url.pathname);
    if (!found) {
      sendText(res, 404, "not found\n");
      return;
    }
    const ext = path.extname(found.file).toLowerCase();
    const headers = {
      "Content-Type": MIME_TYPES[ext] ?? "application/octet-stream",
      "Content-Length": found.size,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    };
    if (cors) headers["Access-Control-Allow-Origin"] = "*";
    const name = url.searchParams.get("csp");
    const csp = Object.hasOwn(policies, name) ? policies[name] : Object.hasOwn(CSP_PRESETS, name) ? CSP_PRESETS[name] : undefined;
    if (csp && ext === ".html") headers["Content-Security-Policy"] = csp;
    res.writeHead(200, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    if (made) {
      res.end(made);
      return;
    }
    createReadStream(found.file)
      .on("error", () => res.destroy())
      .pipe(res);
  };
}

/**
 * Starts the server. Resolves once it is listening.
 * @param {{ port?: number, root?: string, cors?: boolean, policies?: Record<string, string>, pages?: Record<string, string> }} [options]
 *   port 0 picks a free port; root defaults to the repository root; cors sends
 *   Access-Control-Allow-Origin: *; policies adds ?csp= names; pages adds pages made in
 *   memory by URL path (its extension gives the Content-Type), looked up at each request.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 *   `url` is the origin, e.g. "http://127.0.0.1:8080".
 */
export async function startServer({ port = 0, root = REPO_ROOT, cors = false, policies = {}, pages = {} } = {}) {
  const realRoot = await realpath(path.resolve(root));
  const fixtures = realRoot === (await realpath(REPO_ROOT)) ? FIXTURE_PAGES : {};
  const server = createServer(handler(realRoot, { cors, policies, pages: [fixtures, pages] }));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  return {
    url: `http://${HOST}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve, reject) => {
        // Browsers keep connections alive; drop them so close() does not hang.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function portFromArgs(argv, env) {
  const i = argv.findIndex((a) => a === "--port" || a.startsWith("--port="));
  const raw = i === -1 ? env.PORT : argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
  if (raw === undefined || raw === "") return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid port ${JSON.stringify(raw)}`);
  }
  return port;
}

const invokedDirectly =
  process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  try {
    const { url } = await startServer({ port: portFromArgs(process.argv.slice(2), process.env) });
    console.log(`factmark demo: ${url}/www/index.html`);
  } catch (err) {
    console.error(`serve: ${err.message}`);
    process.exit(1);
  }
}
