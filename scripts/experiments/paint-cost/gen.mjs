// Generates page-1mb.html and page-5mb.html (deterministic).
import fs from "node:fs";
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const words = ("the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there one all we their been has would when will more if no out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three")
  .split(" ");
const word = () => words[Math.floor(rnd() * words.length)];
const sentence = (n) => { let s = []; for (let i = 0; i < n; i++) s.push(word()); s[0] = s[0][0].toUpperCase() + s[0].slice(1); return s.join(" ") + "."; };
function para() {
  // ~200 chars of text, first child always a text node >= 60 chars
  let out = sentence(16) + " ";
  const r = rnd();
  if (r < 0.35) out += `<a href="#x${Math.floor(rnd()*1e6)}">${sentence(3)}</a> `;
  else if (r < 0.6) out += `<em>${sentence(4)}</em> `;
  out += sentence(17 + Math.floor(rnd() * 6));
  return out;
}
function page(targetBytes) {
  let body = "", text = 0, n = 0;
  while (text < targetBytes) {
    let chunk;
    if (n % 15 === 7) {
      chunk = "<ul>" + [0,1,2].map(() => `<li>${sentence(8)} <em>${word()}</em> ${sentence(5)}</li>`).join("") + "</ul>\n";
    } else if (n % 40 === 0) {
      chunk = `<h2>${sentence(6)}</h2>\n`;
    } else {
      chunk = `<p>${para()}</p>\n`;
    }
    text += chunk.replace(/<[^>]+>/g, "").length;
    body += chunk; n++;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>gen</title>
<style>body{font:16px/1.5 Georgia,serif;margin:0 auto;max-width:760px;padding:0 16px} main p{margin:0 0 1em}</style>
<script src="lib.js"></script>
<script>if (location.search.includes("earlyroot")) document.adoptedStyleSheets = [makeSheet({ sel: "root" })]; else if (location.search.includes("early")) earlySheet();</script>
</head><body><header><h1>Generated article</h1></header><main id="page">
${body}</main><footer>end</footer></body></html>`;
}
for (const [name, bytes] of [["1mb", 1e6], ["5mb", 5e6]]) {
  const html = page(bytes);
  fs.writeFileSync(`page-${name}.html`, html);
  console.log(name, html.length, "bytes html,", (html.match(/<p>/g) || []).length, "paragraphs");
}
