/**
 * Engine against the hand-written loop in one process, alternating, CPU-time medians
 * (`node --import tsx bench/determination-ab.ts [learnerMonths] [rounds]`).
 */

import os from 'node:os';
import { loadBenefitPolicy } from '../src/policy/benefit-rates.ts';
import { codesFor, engineBatch, flatPolicy, flatten, learnerCases, runEngine, runLoop } from './determination.ts';

const months = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 15);
const policy = loadBenefitPolicy();
const cases = learnerCases(1, months);
const batch = engineBatch(cases, policy);
const flat = flatten(cases, policy);
const p = flatPolicy(policy);
const codes = codesFor(batch);
const cpu = (f: () => unknown) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = f();
  const u = process.cpuUsage(c0);
  return { cpu: (u.user + u.system) / 1000, wall: performance.now() - t0, r };
};
const e: number[] = [];
const l: number[] = [];
const ew: number[] = [];
const lw: number[] = [];
let check = '';
for (let i = 0; i < rounds; i++) {
  const a = cpu(() => runEngine(batch, batch.rows, codes));
  const b = cpu(() => runLoop(flat, p));
  if (i > 0) {
    e.push(a.cpu);
    l.push(b.cpu);
    ew.push(a.wall);
    lw.push(b.wall);
  }
  check = JSON.stringify(a.r) === JSON.stringify(b.r) ? 'same totals' : `MISMATCH ${JSON.stringify(a.r)} ${JSON.stringify(b.r)}`;
}
const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1]!;
console.log(
  `rows ${batch.rows} listed ${codes.evidenceNeeds.n + codes.income.n}: engine cpu ${med(e).toFixed(1)} ms wall ${med(ew).toFixed(1)}; loop cpu ${med(l).toFixed(1)} wall ${med(lw).toFixed(1)}; ratio cpu ${(med(e) / med(l)).toFixed(2)} wall ${(med(ew) / med(lw)).toFixed(2)}; ${check}; load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
