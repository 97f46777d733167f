import { Types } from 'mongoose';
import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerStaff, type Account } from '../testkit/accounts';
import { MatchModel } from '../../server/src/matching/match.model';
import { learnWeights } from '../../server/src/matching/match-learning';
import type { FeatureValues } from '../../server/src/matching/match-scoring';

/**
 * The learning loop with seeded decisions that the defaults get wrong: these curators reject
 * wordy matches without evidence and shortlist well-evidenced ones whose wording matches less.
 * The defaults, led by lexical relevance, rank the rejected above the shortlisted; the learnt
 * weights must turn that round on held-out decisions, and only then replace the defaults.
 */

const Weights = graphql(`
  query LearningWeights {
    matchingWeights {
      origin
      adoptedAt
      weights {
        feature
        weight
      }
    }
  }
`);

let app: TestApp;
let staff: Account;
beforeAll(async () => {
  app = await startTestApp();
  staff = await registerStaff(app);
});
afterAll(() => app.close());

/** A small deterministic generator, so the seeded log is the same on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const features = (lexical: number, evidenceStrength: number): FeatureValues => ({
  lexical,
  semantic: null,
  sectorOverlap: 1,
  tagOverlap: 0.5,
  regionFit: 1,
  budgetFit: 1,
  maturityFit: 0.8,
  evidenceStrength,
  trackRecord: null,
});

async function seedDecisions(count: number): Promise<void> {
  const next = random(42);
  const staffId = new Types.ObjectId(staff.userId);
  const at = new Date();
  const matches = Array.from({ length: count }, (_, index) => {
    const good = index % 2 === 0;
    const values = good ? features(0.4 + 0.2 * next(), 0.8 + 0.2 * next()) : features(0.8 + 0.2 * next(), 0.2 * next());
    const explanation = { score: 0, features: values, contributions: [], matchedTerms: [], checksPassed: [], whyNot: [], eligible: true };
    return {
      challengeId: new Types.ObjectId(),
      challengeOrganisationId: new Types.ObjectId(),
      solutionId: new Types.ObjectId(),
      solutionOrganisationId: new Types.ObjectId(),
      source: 'MATCHER' as const,
      status: good ? ('SHORTLISTED' as const) : ('REJECTED' as const),
      score: 0,
      explanation,
      materialKey: 'seeded',
      history: [
        { event: 'SUGGEST' as const, from: null, to: 'SUGGESTED' as const, at, features: values },
        good
          ? { event: 'SHORTLIST' as const, from: 'SUGGESTED' as const, to: 'SHORTLISTED' as const, byUserId: staffId, at, features: values }
          : { event: 'REJECT' as const, from: 'SUGGESTED' as const, to: 'REJECTED' as const, byUserId: staffId, at, rejectionReason: 'WEAK_EVIDENCE' as const, features: values },
      ],
      staffNotes: [],
      version: 2,
    };
  });
  await MatchModel.insertMany(matches);
}

it('learns a decision pattern the defaults get wrong, and puts the learnt weights in force only because they win', async () => {
  const before = (await staff.session.gqlOk(Weights)).matchingWeights;
  expect(before.origin).toBe('DEFAULT');
  await seedDecisions(120);

  const report = await learnWeights(app.system());
  console.log(
    `Learning: ${report.decisions} decisions (${report.training} training, ${report.heldOut} held out); ` +
      `held-out pairwise accuracy ${report.heldOutAccuracy.defaults} with the defaults, ${report.heldOutAccuracy.learned} learnt; adopted: ${report.adopted}`,
  );
  expect(report.heldOutAccuracy.defaults).toBeLessThan(0.5);
  expect(report.heldOutAccuracy.learned).toBeGreaterThan(0.9);
  expect(report.adopted).toBe(true);

  const after = (await staff.session.gqlOk(Weights)).matchingWeights;
  expect(after.origin).toBe('LEARNED');
  expect(after.adoptedAt).not.toBeNull();
  const weight = (feature: string) => after.weights.find((entry) => entry.feature === feature)?.weight ?? 0;
  expect(weight('EVIDENCE_STRENGTH')).toBeGreaterThan(weight('LEXICAL'));
});
