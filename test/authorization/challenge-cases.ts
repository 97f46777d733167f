import { challengeInput, draftChallenge, openChallenge, submittedChallenge, type VersionedRef } from '../testkit/challenges';
import type { AuthorizationCase } from './run-case';
import type { World } from './principals';

const transition = (challenge: VersionedRef) => ({ input: { challengeId: challenge.id, expectedVersion: challenge.version } });
const staffSession = (world: World) => world.staff.session;

async function closedChallenge(world: World): Promise<VersionedRef> {
  const open = await openChallenge(world.owningBodyOwner, staffSession(world));
  const response = await world.owningBodyOwner.session.agent.post('/graphql').set('Content-Type', 'application/json').send({
    query: 'mutation($input: ChallengeTransitionInput!) { closeChallenge(input: $input) { id version status } }',
    variables: transition(open),
  });
  return response.body.data.closeChallenge as VersionedRef;
}

/** A question from the responding start-up on a fresh open challenge, still unanswered. */
async function unansweredQuestion(world: World): Promise<{ challengeId: string; clarificationId: string }> {
  const open = await openChallenge(world.owningBodyOwner, staffSession(world));
  const response = await world.respondingStartupOwner.session.agent.post('/graphql').set('Content-Type', 'application/json').send({
    query: 'mutation($input: AskClarificationInput!) { askClarification(input: $input) { id } }',
    variables: { input: { challengeId: open.id, question: 'Can we access historic data during the pilot?' } },
  });
  return { challengeId: open.id, clarificationId: response.body.data.askClarification.id as string };
}

const TRANSITION = (name: string) =>
  `mutation($input: ChallengeTransitionInput!) { ${name}(input: $input) { id status } }`;

/** Challenges and their clarification Q&A. */
export const challengeCases: AuthorizationCase[] = [
  {
    field: 'Mutation.createChallenge',
    document: 'mutation($input: CreateChallengeInput!) { createChallenge(input: $input) { id } }',
    allowed: ['owningBodyMember'],
    prepare: async (world) => ({ input: challengeInput(world.owningBody.organisationId) }),
  },
  {
    field: 'Mutation.updateChallenge',
    document: 'mutation($input: UpdateChallengeInput!) { updateChallenge(input: $input) { id } }',
    allowed: ['owningBodyMember'],
    prepare: async (world) => {
      const draft = await draftChallenge(world.owningBodyOwner);
      return { input: { challengeId: draft.id, expectedVersion: draft.version, title: 'A clearer title for the draft' } };
    },
  },
  {
    field: 'Mutation.submitChallenge',
    document: TRANSITION('submitChallenge'),
    allowed: ['owningBodyMember'],
    prepare: async (world) => transition(await draftChallenge(world.owningBodyOwner)),
  },
  {
    field: 'Mutation.publishChallenge',
    document: TRANSITION('publishChallenge'),
    allowed: ['staff', 'admin'],
    prepare: async (world) => transition(await submittedChallenge(world.owningBodyOwner)),
  },
  {
    field: 'Mutation.requestChallengeChanges',
    document: 'mutation($input: RequestChallengeChangesInput!) { requestChallengeChanges(input: $input) { id status } }',
    allowed: ['staff', 'admin'],
    prepare: async (world) => {
      const submitted = await submittedChallenge(world.owningBodyOwner);
      return { input: { ...transition(submitted).input, feedback: 'Please add a baseline for the second KPI.' } };
    },
  },
  {
    field: 'Mutation.closeChallenge',
    document: TRANSITION('closeChallenge'),
    allowed: ['owningBodyMember', 'staff', 'admin'],
    prepare: async (world) => transition(await openChallenge(world.owningBodyOwner, staffSession(world))),
  },
  {
    field: 'Mutation.withdrawChallenge',
    document: TRANSITION('withdrawChallenge'),
    allowed: ['owningBodyMember'],
    prepare: async (world) => transition(await openChallenge(world.owningBodyOwner, staffSession(world))),
  },
  {
    field: 'Mutation.archiveChallenge',
    document: TRANSITION('archiveChallenge'),
    allowed: ['owningBodyMember', 'staff', 'admin'],
    prepare: async (world) => transition(await closedChallenge(world)),
  },
  {
    field: 'Mutation.askClarification',
    document: 'mutation($input: AskClarificationInput!) { askClarification(input: $input) { id } }',
    allowed: ['respondingStartupMember', 'otherStartupMember'],
    prepare: async (world) => {
      const open = await openChallenge(world.owningBodyOwner, staffSession(world));
      return { input: { challengeId: open.id, question: 'Is the budget inclusive of VAT?' } };
    },
  },
  {
    field: 'Mutation.answerClarification',
    document: 'mutation($input: AnswerClarificationInput!) { answerClarification(input: $input) { id } }',
    allowed: ['owningBodyMember'],
    prepare: async (world) => {
      const { clarificationId } = await unansweredQuestion(world);
      return { input: { clarificationId, answer: 'Yes, anonymised extracts for the last two years.' } };
    },
  },
  {
    field: 'Query.challenge',
    document: 'query($id: ID!) { challenge(id: $id) { id title what } }',
    allowed: ['owningBodyMember', 'staff', 'admin'],
    prepare: async (world) => ({ id: (await draftChallenge(world.owningBodyOwner)).id }),
  },
  {
    field: 'Query.challenges',
    document: 'query { challenges(filter: { status: SUBMITTED_FOR_REVIEW }, first: 100) { edges { node { id } } } }',
    allowed: ['owningBodyMember', 'staff', 'admin'],
    prepare: async (world) => ({ expected: (await submittedChallenge(world.owningBodyOwner)).id }),
    succeeded: (data, _world, variables) =>
      (data.challenges as { edges: { node: { id: string } }[] }).edges.some((edge) => edge.node.id === variables.expected),
  },
  {
    field: 'Query.challenge',
    document: 'query($id: ID!) { challenge(id: $id) { id responseCount } }',
    allowed: ['owningBodyMember', 'staff', 'admin'],
    prepare: async (world) => ({ id: (await openChallenge(world.owningBodyOwner, staffSession(world))).id }),
    succeeded: (data) => (data.challenge as { responseCount: number | null } | null)?.responseCount != null,
  },
  {
    field: 'Query.challenge',
    document: 'query($id: ID!) { challenge(id: $id) { id clarifications { id answer } } }',
    allowed: ['owningBodyMember', 'respondingStartupMember', 'staff', 'admin'],
    prepare: async (world) => ({ id: (await unansweredQuestion(world)).challengeId }),
    succeeded: (data) => ((data.challenge as { clarifications: unknown[] } | null)?.clarifications.length ?? 0) > 0,
  },
];
