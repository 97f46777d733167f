#!/usr/bin/env node
// Prints the gzipped size of the JavaScript a browser loads before the first page draws: the entry
// chunk and every chunk it imports statically (from Vite's manifest), plus the home page's own chunk.
// Routes are split, so every other page's code arrives only when it is visited.
// Usage: node client/bin/bundle-size.mjs [--json]; exits 1 when over the budget.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const BUDGET_KB = 250;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestFile = path.join(dist, '.vite', 'manifest.json');
if (!fs.existsSync(manifestFile)) {
  console.error('client/dist has no manifest: run `npm run client:build` first');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
const gzipBytes = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;

function staticClosure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...seen];
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const home = Object.keys(manifest).find((key) => key.endsWith('features/home/HomePage.tsx'));
const initial = staticClosure([entry, ...(home ? [home] : [])]);
const files = initial.map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
const totalBytes = files.reduce((sum, file) => sum + gzipBytes(file), 0);
const allJs = fs.readdirSync(path.join(dist, 'assets')).filter((file) => file.endsWith('.js'));
const everythingBytes = allJs.reduce((sum, file) => sum + gzipBytes(path.join('assets', file)), 0);
const css = [...new Set(initial.flatMap((key) => manifest[key].css ?? []))];
const cssBytes = css.reduce((sum, file) => sum + gzipBytes(file), 0);

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const report = {
  initialJsGzipKb: kb(totalBytes),
  initialJsFiles: files.length,
  budgetKb: BUDGET_KB,
  withinBudget: totalBytes / 1024 <= BUDGET_KB,
  initialCssGzipKb: kb(cssBytes),
  allRoutesJsGzipKb: kb(everythingBytes),
  jsChunks: allJs.length,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(report));
else {
  console.log(`Initial load JavaScript (gzipped): ${report.initialJsGzipKb} kB in ${files.length} files (budget ${BUDGET_KB} kB: ${report.withinBudget ? 'within' : 'OVER'})`);
  console.log(`  CSS ${report.initialCssGzipKb} kB gzipped; all ${allJs.length} JavaScript chunks together ${report.allRoutesJsGzipKb} kB gzipped`);
}
process.exit(report.withinBudget ? 0 : 1);
