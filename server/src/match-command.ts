import { parseArgs } from 'node:util';
import { loadConfig } from './config/config';
import { createLogger } from './shared/logger';
import { progressBar } from './shared/progress-bar';
import { configuredDatabase, withDatabase, type OpenDatabase } from './db/with-database';
import { createMailer } from './mail/create-mailer';
import { loggingEventSink, systemContext } from './context/service-context';
import { createSearchEngine } from './search-sync/create-search-engine';
import { createEmbedder } from './search-sync/create-embedder';
import { DocumentVectors, withVectorSettings } from './search-sync/document-vectors';
import { rebuildIndex } from './search-sync/drift';
import { searchSources } from './search-sources';
import { suggestForAllOpen } from './matching/match.service';
import { learnWeights } from './matching/match-learning';

const USAGE = 'Usage: npm run match -- --all | --learn';

/**
 * `npm run match -- --all` recomputes every open challenge's suggestions (after new weights, or a
 * repaired index); `npm run match -- --learn` fits the feature weights from curators' decisions,
 * prints the held-out figures for the defaults and the fit, and adopts the fit only if it is better.
 * With the embedded engine the command builds a private index from the database first, as the
 * server does at start; with Meilisearch it uses the shared one.
 */
async function matchCommand(openDatabase: OpenDatabase): Promise<void> {
  const { values } = parseArgs({ options: { all: { type: 'boolean', default: false }, learn: { type: 'boolean', default: false } } });
  if (values.all === values.learn) throw new Error(USAGE);
  const config = loadConfig();
  const logger = createLogger('warn');
  await withDatabase(
    config,
    logger,
    async () => {
      const engine = await createSearchEngine(config);
      const { embedder } = values.all ? await createEmbedder(config, logger) : {};
      try {
        const ctx = systemContext({
          mailer: createMailer(config, logger),
          publicUrl: config.publicUrl,
          search: { assertReady: () => engine, embedder },
          events: loggingEventSink(logger),
          logger,
        });
        if (values.learn) {
          const report = await learnWeights(ctx);
          console.log(JSON.stringify(report, null, 2));
          console.log(report.adopted ? 'Adopted the learnt weights: staff see them in matchingWeights.' : `Kept the weights in force: ${report.reason}.`);
          return;
        }
        if (config.search.driver === 'embedded') {
          const vectors = embedder && new DocumentVectors(embedder);
          for (const source of withVectorSettings(searchSources, embedder)) await rebuildIndex(engine, source, source.index, progressBar(source.index), vectors);
        }
        const started = Date.now();
        const result = await suggestForAllOpen(ctx, progressBar('open challenges'));
        console.log(`${result.challenges} open challenges matched in ${((Date.now() - started) / 1000).toFixed(1)} s; ${result.suggested} suggestions recorded.`);
        for (const failure of result.failed) console.log(`  failed ${failure.challengeId}: ${failure.message}`);
        if (result.failed.length > 0) process.exitCode = 1;
      } finally {
        await embedder?.close();
      }
    },
    openDatabase,
  );
}

/** Runs the command and exits non-zero on failure. */
export function runMatchCommand(openDatabase: OpenDatabase = configuredDatabase): void {
  matchCommand(openDatabase).catch((error: unknown) => {
    console.error(`match failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
