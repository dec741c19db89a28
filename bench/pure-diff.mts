/**
 * The pure diff (`diffSnapshots`) on saved snapshots, wall and CPU time per run:
 *   npx tsx bench/pure-diff.mts <a.json|empty> <b.json> [runs] [out-prefix]
 * (out-prefix: writes the plan's up/down SQL and steps, to compare outputs across changes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { diffSnapshots } from '../src/engine/index.js';
import { emptySnapshot, type Snapshot } from '../src/core/model/index.js';

const [a, b, runsArg, out] = process.argv.slice(2);
const load = (f: string): Snapshot => (f === 'empty' ? emptySnapshot() : JSON.parse(readFileSync(f, 'utf8')));
const runs = Number(runsArg ?? 3);
const wall: number[] = [];
const cpu: number[] = [];
let plan;
for (let i = 0; i < runs; i++) {
  const [x, y] = [load(a!), load(b!)];
  const t = performance.now();
  const c = process.cpuUsage();
  plan = diffSnapshots(x, y);
  const d = process.cpuUsage(c);
  wall.push(performance.now() - t);
  cpu.push((d.user + d.system) / 1000);
}
if (out) {
  writeFileSync(`${out}.up.sql`, plan!.up);
  writeFileSync(`${out}.down.sql`, plan!.down);
  writeFileSync(`${out}.steps.json`, JSON.stringify([plan!.steps, plan!.downSteps]));
}
const f = (l: number[]) => l.map((m) => m.toFixed(0)).join(', ');
console.log(`diffSnapshots: wall ${f(wall)} ms, cpu ${f(cpu)} ms; up ${plan!.up.length} B, down ${plan!.down.length} B`);
