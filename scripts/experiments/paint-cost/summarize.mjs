// node summarize.mjs results-hl.json [results-wrap.json ...]
import fs from "node:fs";
const med = a => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN; };
const f = x => (x == null || isNaN(x) ? "-" : x.toFixed(0));
for (const file of process.argv.slice(2)) {
  const rows = JSON.parse(fs.readFileSync(file));
  const sizes = [...new Set(rows.map(r => r.size))], variants = [...new Set(rows.map(r => r.variant))];
  console.log(`\n## ${file}  (median of ${Math.max(...rows.map(r => r.rep)) + 1} runs; times in ms; maxTask/total from trace = main-thread RunTask; LT = longest Long-Tasks-API entry, 0 = none >50ms)`);
  console.log("| variant | " + sizes.map(s => `${s} maxTask | ${s} LT | ${s} total | ${s} style/prepaint/paint | ${s} per-step frame (median of steps; max)`).join(" | ") + " | visible |");
  console.log("|---|" + sizes.map(() => "---|---|---|---|---|").join("") + "---|");
  for (const v of variants) {
    const cells = sizes.map(s => {
      const rs = rows.filter(r => r.variant === v && r.size === s && r.trace);
      if (!rs.length) return "- | - | - | - | -";
      const stepFrames = rs.map(r => r.steps.filter(st => st.label !== "css").map(st => st.frame + st.script));
      const perStepMed = med(stepFrames.map(sf => med(sf))), perStepMax = med(stepFrames.map(sf => Math.max(...sf)));
      const stepDetail = rs[0].steps.length <= 4 ? rs[0].steps.map((st, i) => `${st.label} ${f(med(rs.map(r => r.steps[i].frame + r.steps[i].script)))}`).join(", ") : `${f(perStepMed)}; max ${f(perStepMax)} (${rs[0].steps.length} steps)`;
      return `${f(med(rs.map(r => r.trace.maxTask)))} | ${f(med(rs.map(r => r.lt)))} | ${f(med(rs.map(r => r.trace.totalTask)))} | ${f(med(rs.map(r => r.trace.style)))}/${f(med(rs.map(r => r.trace.prePaint)))}/${f(med(rs.map(r => r.trace.paint)))} (layout ${f(med(rs.map(r => r.trace.layout)))}) | ${stepDetail}`;
    });
    const vis = rows.filter(r => r.variant === v && r.vis != null).map(r => `${r.size}:${r.vis > 0.05 ? "yes" : "NO"}`).join(" ");
    console.log(`| ${v} | ${cells.join(" | ")} | ${vis} |`);
  }
}
