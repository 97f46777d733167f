import { graphql } from '../generated';
import type { CreateChallengeInput } from '../generated/graphql';
import type { Account } from './accounts';
import type { TestSession } from './test-app';

const DAY_MS = 24 * 3600 * 1000;

/** A complete, valid challenge for `organisationId`; override any field to test one thing. */
export function challengeInput(organisationId: string, overrides: Partial<CreateChallengeInput> = {}): CreateChallengeInput {
  return {
    organisationId,
    title: 'Meet damp and mould timescales in council homes',
    summary: 'We receive thousands of damp and mould reports a year and want to identify, track and resolve cases faster.',
    what: 'Reports arrive by phone and email and are logged as general repairs, so we cannot track them against deadlines.',
    why: 'Damp and mould harms health, especially for children; new law makes missed timescales a breach of tenancy.',
    how: 'A pilot across 1,500 homes with repairs data access; Cyber Essentials Plus required; direct award for the pilot.',
    sectors: ['HOUSING', 'HEALTH_AND_CARE'],
    tags: ['damp-and-mould', 'social-housing'],
    region: 'LONDON',
    budgetMinGbp: 60_000,
    budgetMaxGbp: 250_000,
    pilotLengthWeeks: 40,
    responseDeadline: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    minTrl: 7,
    requiredAccreditations: ['CYBER_ESSENTIALS_PLUS'],
    kpis: [{ name: 'cases investigated within timescale', unit: '% of cases', baseline: 48, target: 100, direction: 'INCREASE' }],
    ...overrides,
  };
}

const CreateMutation = graphql(`
  mutation TestkitCreateChallenge($input: CreateChallengeInput!) {
    createChallenge(input: $input) {
      id
      version
      status
    }
  }
`);

const SubmitMutation = graphql(`
  mutation TestkitSubmitChallenge($input: ChallengeTransitionInput!) {
    submitChallenge(input: $input) {
      id
      version
      status
    }
  }
`);

const PublishMutation = graphql(`
  mutation TestkitPublishChallenge($input: ChallengeTransitionInput!) {
    publishChallenge(input: $input) {
      id
      version
      status
    }
  }
`);

/** A record as the lifecycle helpers hand it back: enough to fire the next event. */
export interface VersionedRef {
  id: string;
  version: number;
  status: string;
}

/** Creates a DRAFT owned by the owner's (first) organisation. */
export async function draftChallenge(owner: Account, overrides: Partial<CreateChallengeInput> = {}): Promise<VersionedRef> {
  return (await owner.session.gqlOk(CreateMutation, { input: challengeInput(owner.organisationId, overrides) })).createChallenge;
}

/** Creates a DRAFT and submits it for review. */
export async function submittedChallenge(owner: Account, overrides: Partial<CreateChallengeInput> = {}): Promise<VersionedRef> {
  const draft = await draftChallenge(owner, overrides);
  return (await owner.session.gqlOk(SubmitMutation, { input: { challengeId: draft.id, expectedVersion: draft.version } })).submitChallenge;
}

/** Creates a challenge and takes it through review to OPEN, as start-ups see it. */
export async function openChallenge(owner: Account, staff: TestSession, overrides: Partial<CreateChallengeInput> = {}): Promise<VersionedRef> {
  const submitted = await submittedChallenge(owner, overrides);
  return (await staff.gqlOk(PublishMutation, { input: { challengeId: submitted.id, expectedVersion: submitted.version } })).publishChallenge;
}
