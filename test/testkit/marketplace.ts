import { graphql } from '../generated';
import type { CreateChallengeInput, CreateSolutionInput, SubmitResponseInput } from '../generated/graphql';
import { registerStaff, type Account } from './accounts';
import { openChallenge, type VersionedRef } from './challenges';
import type { TestApp } from './test-app';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** A complete, valid solution that qualifies for `challengeInput()`'s default challenge; override to test one thing. */
export function solutionInput(organisationId: string, overrides: Partial<CreateSolutionInput> = {}): CreateSolutionInput {
  return {
    organisationId,
    name: 'DampWatch',
    summary: 'Sensors and a case tracker that find damp and mould before tenants report it.',
    description: 'Low-cost humidity sensors in council homes feed a case tracker that flags homes at risk and tracks each case to the legal timescales.',
    sectors: ['HOUSING'],
    tags: ['damp-and-mould', 'sensors'],
    capabilities: ['environmental sensing', 'case management'],
    trl: 8,
    regionsServed: ['LONDON', 'SOUTH_EAST'],
    pricingModel: 'SUBSCRIPTION',
    priceMinGbp: 20_000,
    priceMaxGbp: 90_000,
    evidence: [
      {
        kind: 'ACCREDITATION',
        description: 'Cyber Essentials Plus certificate for the whole platform.',
        accreditation: { type: 'CYBER_ESSENTIALS_PLUS', issuer: 'IASME', expiresAt: new Date(Date.now() + YEAR_MS).toISOString() },
      },
    ],
    ...overrides,
  };
}

const CreateSolution = graphql(`
  mutation TestkitCreateSolution($input: CreateSolutionInput!) {
    createSolution(input: $input) {
      id
      version
      status
    }
  }
`);

const PublishSolution = graphql(`
  mutation TestkitPublishSolution($input: SolutionTransitionInput!) {
    publishSolution(input: $input) {
      id
      version
      status
    }
  }
`);

const SubmitResponse = graphql(`
  mutation TestkitSubmitResponse($input: SubmitResponseInput!) {
    submitResponse(input: $input) {
      id
      version
      status
    }
  }
`);

/** Creates a DRAFT solution for the account's start-up. */
export async function draftSolution(startup: Account, overrides: Partial<CreateSolutionInput> = {}): Promise<VersionedRef> {
  return (await startup.session.gqlOk(CreateSolution, { input: solutionInput(startup.organisationId, overrides) })).createSolution;
}

/** Creates and publishes a solution for the account's (verified) start-up. */
export async function publishedSolution(startup: Account, overrides: Partial<CreateSolutionInput> = {}): Promise<VersionedRef> {
  const draft = await draftSolution(startup, overrides);
  return (await startup.session.gqlOk(PublishSolution, { input: { solutionId: draft.id, expectedVersion: draft.version } })).publishSolution;
}

/** A complete, valid response; override to test one thing. */
export function responseInput(challengeId: string, solutionId: string, overrides: Partial<SubmitResponseInput> = {}): SubmitResponseInput {
  return {
    challengeId,
    solutionId,
    pitch: 'We put sensors in the 1,500 homes, flag rising humidity within a day and track every case against the statutory timescales.',
    kpiApproach: 'Every report becomes a tracked case with a clock, so the share investigated in time is measured from day one.',
    indicativePriceGbp: 75_000,
    timelineWeeks: 36,
    ...overrides,
  };
}

/** Responds to a challenge with a freshly published solution of the account's start-up. */
export async function respond(startup: Account, challengeId: string, overrides: Partial<SubmitResponseInput> = {}): Promise<VersionedRef> {
  const solution = await publishedSolution(startup);
  return (await startup.session.gqlOk(SubmitResponse, { input: responseInput(challengeId, solution.id, overrides) })).submitResponse;
}

/** One staff reviewer per app, made on first use, so suites can open challenges without casting one. */
const reviewers = new WeakMap<TestApp, Promise<Account>>();

function reviewerOf(app: TestApp): Promise<Account> {
  let reviewer = reviewers.get(app);
  if (!reviewer) {
    reviewer = registerStaff(app);
    reviewers.set(app, reviewer);
  }
  return reviewer;
}

/** An OPEN challenge of the (verified) public body, taken through review by the app's staff reviewer. */
export async function createOpenChallenge(
  app: TestApp,
  publicBody: Account,
  overrides: Partial<CreateChallengeInput> = {},
): Promise<VersionedRef> {
  return openChallenge(publicBody, (await reviewerOf(app)).session, overrides);
}
