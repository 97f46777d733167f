import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { describeWithMeilisearch, engineUnderTest, meilisearchServer, type EngineUnderTest } from '../testkit/search-engines';

const SearchChallenges = graphql(`
  query SearchProcessesChallenges($input: SearchChallengesInput!) {
    searchChallenges(input: $input) {
      hits {
        challenge {
          id
        }
      }
    }
  }
`);

const repositoryRoot = path.resolve(__dirname, '..', '..');
const packageScripts = (JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/**
 * The production deployment with Meilisearch, as docker-compose.yml runs it: the app serves with
 * SEARCH_INDEXER=off while `npm run indexer` processes keep Meilisearch current, and
 * `npm run reindex` rebuilds and checks the indexes, all against the same database and server.
 */
describeWithMeilisearch('search processes against Meilisearch', () => {
  let underTest: EngineUnderTest;
  let app: TestApp;
  let body: Account;
  let staff: Account;

  /** The environment a separate Pilotline process needs to share this test's database and indexes. */
  const processEnvironment = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    APP_ENV: 'test',
    LOG_LEVEL: 'warn',
    MONGODB_URI: process.env.MONGODB_URI,
    MONGODB_DB: app.config.mongo.dbName,
    SEARCH_DRIVER: 'meilisearch',
    MEILI_HOST: meilisearchServer!.host,
    MEILI_MASTER_KEY: meilisearchServer!.masterKey,
    MEILI_INDEX_PREFIX: underTest.indexPrefix,
  });

  /** Runs an npm script to completion and returns its exit code and output. */
  const runScript = async (script: string, ...args: string[]) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: repositoryRoot, env: processEnvironment() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, output };
  };

  const searchIds = async (query: string) =>
    ((await app.session().gqlOk(SearchChallenges, { input: { query } })).searchChallenges.hits ?? []).map((hit) => hit.challenge.id);

  /** Asks until the expected hit appears: the worker runs on its own clock, so there is nothing to await. */
  const eventuallyFound = async (query: string, id: string, waitMs = 180_000): Promise<string[]> => {
    const giveUpAt = Date.now() + waitMs;
    for (;;) {
      const ids = await searchIds(query);
      if (ids.includes(id) || Date.now() > giveUpAt) return ids;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    underTest = engineUnderTest('meilisearch', 'search processes');
    app = await startTestApp({ SEARCH_INDEXER: 'off' }, { searchEngine: underTest.engine, searchTimeScale: underTest.timeScale });
    body = await registerOrganisation(app, 'PUBLIC_BODY');
    staff = await registerStaff(app);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await underTest.release();
  }, 120_000);

  it('indexes what the app writes through the separate indexer worker, and stops cleanly on SIGTERM', async () => {
    // `npm run indexer`'s own command line, exec'd so that the signal below reaches the worker itself rather than npm.
    const worker = spawn('sh', ['-c', `exec ${packageScripts.indexer}`], { cwd: repositoryRoot, env: processEnvironment() });
    let output = '';
    worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(worker, 'exit');
    try {
      const challenge = await openChallenge(body, staff.session, { title: 'Gritting routes that follow the frost' });
      expect(await eventuallyFound('gritting frost', challenge.id)).toContain(challenge.id);
      const later = await openChallenge(body, staff.session, { title: 'Pothole reports from bus cameras' });
      expect(await eventuallyFound('pothole cameras', later.id)).toContain(later.id);
    } finally {
      worker.kill('SIGTERM');
    }
    const [code] = (await exited) as [number | null];
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
  }, 300_000);

  it('reports and repairs drift with `npm run reindex -- --check`, and rebuilds with `npm run reindex`', async () => {
    const challenge = await openChallenge(body, staff.session, { title: 'Library footfall counters' });
    await app.search!.indexer.drain();
    await underTest.engine.deleteDocuments('challenges', [challenge.id]);
    await underTest.engine.upsertDocuments('challenges', [{ id: 'orphan-challenge', version: 1, title: 'Orphan', status: 'OPEN' }]);

    const check = await runScript('reindex', '--check');
    expect(check.code).toBe(0);
    expect(check.output).toMatch(/before: challenges\s+1 missing, 0 stale, 1 orphaned/);
    expect(check.output).toMatch(/after:\s+challenges\s+0 missing, 0 stale, 0 orphaned/);
    expect(await searchIds('library footfall')).toEqual([challenge.id]);

    const rebuild = await runScript('reindex');
    expect(rebuild.code).toBe(0);
    for (const index of ['challenges', 'solutions', 'organisations']) {
      expect(rebuild.output).toMatch(new RegExp(`after:\\s+${index}\\s+0 missing, 0 stale, 0 orphaned`));
    }
    expect(await searchIds('library footfall')).toEqual([challenge.id]);
  }, 600_000);
});
