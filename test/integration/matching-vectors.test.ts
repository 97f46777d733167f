import crypto from 'node:crypto';
import { graphql } from '../generated';
import { EmbeddedSearchEngine } from '../../server/src/search/adapters/embedded/embedded-search-engine';
import { MeilisearchSearchEngine } from '../../server/src/search/adapters/meilisearch/meilisearch-search-engine';
import type { SearchEngine } from '../../server/src/search/search-engine';
import { OnnxEmbedder } from '../../server/src/search/embedding/onnx-embedder';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge, type VersionedRef } from '../testkit/challenges';
import { publishedSolution } from '../testkit/marketplace';
import { describeWithModel, MODEL_DIR } from '../testkit/embedding-model';
import { prefixedSearchEngine } from '../testkit/prefixed-search-engine';
import { meilisearchServer } from '../testkit/search-engines';

/**
 * The matcher's vector leg with the real model, on both engines: a solution that states the
 * challenge's need in other words (no informative word in common, so no keyword query finds it)
 * enters the pool through the challenge's vector, and its semantic feature is the cosine of the
 * stored vectors. Without a model the run is keyword-only and says so (matching.test.ts).
 */

const Suggest = graphql(`
  mutation MatchingVectorsSuggest($input: SuggestMatchesInput!) {
    suggestMatches(input: $input) {
      suggested {
        solution {
          id
        }
        explanation {
          contributions {
            feature
            value
            note
          }
        }
      }
    }
  }
`);

const engines: [string, (() => SearchEngine) | null][] = [
  ['embedded', () => new EmbeddedSearchEngine()],
  [
    'meilisearch',
    meilisearchServer
      ? () =>
          prefixedSearchEngine(
            new MeilisearchSearchEngine({ host: meilisearchServer!.host, adminKey: meilisearchServer!.masterKey }),
            `matchvec_${crypto.randomUUID().slice(0, 8)}`,
          )
      : null,
  ],
];

for (const [engineName, createEngine] of engines) {
  const describeEngine = createEngine ? describeWithModel : (name: string, body: () => void) => describe.skip(`${name} (MEILI_HOST unset)`, body);

  describeEngine(`the matcher's vector leg: ${engineName}`, () => {
    let app: TestApp;
    let staff: Account;
    let challenge: VersionedRef;
    let pendant: VersionedRef;

    beforeAll(async () => {
      const embedder = await OnnxEmbedder.load(MODEL_DIR);
      app = await startTestApp({}, { searchEngine: createEngine!(), embedder, searchTimeScale: engineName === 'meilisearch' ? 10 : 1 });
      staff = await registerStaff(app);
      const body = await registerOrganisation(app, 'PUBLIC_BODY');
      const startup = await registerOrganisation(app, 'STARTUP');
      challenge = await openChallenge(body, staff.session, {
        title: 'Elderly residents who fall at night lie undiscovered until morning',
        summary: 'Older people living alone fall overnight and nobody knows until a visit.',
        what: 'Falls at night go unnoticed for hours; wardens find them the next day.',
        why: 'Long lies after a fall mean hospital admissions and lost independence.',
        how: 'Pilot in sheltered housing with consent from residents and families.',
        tags: ['falls', 'ageing'],
      });
      pendant = await publishedSolution(startup, {
        name: 'Tumble alert pendant',
        summary: 'A wearable that detects a tumble and rings a carer straight away.',
        description: 'Worn on a lanyard or wrist; an accelerometer spots a sudden drop and raises an alarm with a named carer.',
        tags: ['wearable', 'alarm'],
        capabilities: ['drop detection'],
      });
      await publishedSolution(startup, {
        name: 'Parking bay sensors',
        summary: 'Sensors report which parking bays are free, for enforcement and drivers.',
        description: 'Magnetometer sensors in each bay report occupancy to a dashboard.',
        tags: ['parking'],
        capabilities: ['occupancy sensing'],
      });
      await app.search!.indexer.drain(120_000);
    }, 180_000);
    afterAll(() => app?.close());

    it('finds a solution that shares no informative word with the challenge, and scores it by the cosine of the stored vectors', async () => {
      const run = (await staff.session.gqlOk(Suggest, { input: { challengeId: challenge.id } })).suggestMatches;
      const found = run.suggested.find((match) => match.solution.id === pendant.id);
      expect(found).toBeDefined();
      const semantic = found!.explanation.contributions.find((part) => part.feature === 'SEMANTIC')!;
      expect(semantic.value).toBeGreaterThan(0.2);
      expect(semantic.note).toMatch(/^meaning similarity/);
      expect(found!.explanation.contributions.find((part) => part.feature === 'LEXICAL')!.value).toBe(0);
      expect(run.suggested[0]?.solution.id).toBe(pendant.id);
    }, 60_000);
  });
}
