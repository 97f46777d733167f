import { runSearchBench } from './search-bench';
import { runMatchBench } from './match-bench';
import { runTransportBench } from './transport-bench';
import { runDashboardBench } from './dashboard-bench';
import { runApiBench, runSoakBench } from './api-bench';

/** `npm run bench -- <name> [options]`: runs one benchmark; each prints figures, never asserts. */
const benchmarks: Record<string, () => Promise<void>> = {
  search: runSearchBench,
  match: runMatchBench,
  transport: runTransportBench,
  dashboard: runDashboardBench,
  api: runApiBench,
  soak: runSoakBench,
};

const name = process.argv[2];
const run = name ? benchmarks[name] : undefined;
if (!run) {
  console.error(`Usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [options]`);
  process.exit(2);
}
run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
