/**
 * Top self and inclusive times of a V8 .cpuprofile, over its last N seconds (the measured phase of
 * bench:target-page --cpu-prof, which runs after the static file):
 *   node scripts/bench/cpuprofile-top.mjs FILE.cpuprofile [seconds]
 */
import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2]));
const windowS = Number(process.argv[3] ?? 9);
const byId = new Map(p.nodes.map(n => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
let t = p.startTime; const times = p.timeDeltas.map(d => (t += d));
const from = p.endTime - windowS * 1e6;
const key = (n) => { const f = n.callFrame; return `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`; };
const self = new Map(), incl = new Map(); let total = 0;
for (let i = 0; i < p.samples.length; i++) { if (times[i] < from) continue; const d = p.timeDeltas[i+1] ?? 0; total += d; const id = p.samples[i];
  const k = key(byId.get(id)); self.set(k, (self.get(k) ?? 0) + d);
  const seen = new Set(); let x = id; while (x !== undefined) { const kk = key(byId.get(x)); if (!seen.has(kk)) { seen.add(kk); incl.set(kk, (incl.get(kk) ?? 0) + d); } x = parent.get(x); } }
console.log('total ms', (total/1000).toFixed(0));
console.log('--- self'); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 35)) console.log((100*v/total).toFixed(1).padStart(5), k);
console.log('--- inclusive'); for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 90)) console.log((100*v/total).toFixed(1).padStart(5), k);
