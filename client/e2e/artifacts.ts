import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots, the axe log and the server's log of the last run (gitignored). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'client', 'test-artifacts');
const AXE_LOG = path.join(ARTIFACTS_DIR, 'axe.jsonl');

export interface AxePageResult {
  page: string;
  url: string;
  violations: { id: string; impact: string | null; nodes: number; help: string }[];
}

export function recordAxe(result: AxePageResult): void {
  fs.appendFileSync(AXE_LOG, `${JSON.stringify(result)}\n`);
}

export function summariseAxe() {
  const lines = fs.existsSync(AXE_LOG) ? fs.readFileSync(AXE_LOG, 'utf8').split('\n').filter(Boolean) : [];
  const results = lines.map((line) => JSON.parse(line) as AxePageResult);
  const count = (impact: string) => results.reduce((sum, result) => sum + result.violations.filter((v) => v.impact === impact).length, 0);
  return { pages: results.length, critical: count('critical'), serious: count('serious'), moderate: count('moderate'), minor: count('minor') };
}
