import { openChallenge, type VersionedRef } from '../testkit/challenges';
import { draftSolution, publishedSolution, respond, responseInput, solutionInput } from '../testkit/marketplace';
import type { AuthorizationCase } from './run-case';
import type { World } from './principals';

const solutionTransition = (solution: VersionedRef) => ({ input: { solutionId: solution.id, expectedVersion: solution.version } });
const responseTransition = (response: VersionedRef) => ({ input: { responseId: response.id, expectedVersion: response.version } });

/** A response from the responding start-up to a fresh open challenge of the owning body. */
async function freshResponse(world: World): Promise<{ challengeId: string; response: VersionedRef }> {
  const challenge = await openChallenge(world.owningBodyOwner, world.staff.session);
  return { challengeId: challenge.id, response: await respond(world.respondingStartupOwner, challenge.id) };
}

const edgesInclude = (connection: unknown, id: unknown) =>
  (connection as { edges: { node: { id: string } }[] } | null)?.edges.some((edge) => edge.node.id === id) ?? false;

const RESPONSE_VIEWERS = ['owningBodyMember', 'respondingStartupMember', 'staff', 'admin'] as const;

/** Solutions and the responses made with them. */
export const marketplaceCases: AuthorizationCase[] = [
  {
    field: 'Mutation.createSolution',
    document: 'mutation($input: CreateSolutionInput!) { createSolution(input: $input) { id } }',
    allowed: ['respondingStartupMember'],
    prepare: async (world) => ({ input: solutionInput(world.respondingStartup.organisationId) }),
  },
  {
    field: 'Mutation.updateSolution',
    document: 'mutation($input: UpdateSolutionInput!) { updateSolution(input: $input) { id } }',
    allowed: ['respondingStartupMember'],
    prepare: async (world) => {
      const draft = await draftSolution(world.respondingStartupOwner);
      return { input: { solutionId: draft.id, expectedVersion: draft.version, name: 'A sharper name' } };
    },
  },
  {
    field: 'Mutation.publishSolution',
    document: 'mutation($input: SolutionTransitionInput!) { publishSolution(input: $input) { id } }',
    allowed: ['respondingStartupMember'],
    prepare: async (world) => solutionTransition(await draftSolution(world.respondingStartupOwner)),
  },
  {
    field: 'Mutation.unpublishSolution',
    document: 'mutation($input: SolutionTransitionInput!) { unpublishSolution(input: $input) { id } }',
    allowed: ['respondingStartupMember'],
    prepare: async (world) => solutionTransition(await publishedSolution(world.respondingStartupOwner)),
  },
  {
    field: 'Mutation.archiveSolution',
    document: 'mutation($input: SolutionTransitionInput!) { archiveSolution(input: $input) { id } }',
    allowed: ['respondingStartupMember', 'staff', 'admin'],
    prepare: async (world) => solutionTransition(await publishedSolution(world.respondingStartupOwner)),
  },
  {
    field: 'Query.solution',
    document: 'query($id: ID!) { solution(id: $id) { id description } }',
    allowed: ['respondingStartupMember', 'staff', 'admin'],
    prepare: async (world) => ({ id: (await draftSolution(world.respondingStartupOwner)).id }),
  },
  {
    field: 'Query.solutions',
    document: 'query { solutions(filter: { status: DRAFT }, first: 100) { edges { node { id } } } }',
    allowed: ['respondingStartupMember', 'staff', 'admin'],
    prepare: async (world) => ({ expected: (await draftSolution(world.respondingStartupOwner)).id }),
    succeeded: (data, _world, variables) => edgesInclude(data.solutions, variables.expected),
  },
  {
    field: 'Mutation.submitResponse',
    document: 'mutation($input: SubmitResponseInput!) { submitResponse(input: $input) { id } }',
    allowed: ['respondingStartupMember'],
    prepare: async (world) => {
      const challenge = await openChallenge(world.owningBodyOwner, world.staff.session);
      const solution = await publishedSolution(world.respondingStartupOwner);
      return { input: responseInput(challenge.id, solution.id) };
    },
  },
  {
    field: 'Mutation.updateResponse',
    document: 'mutation($input: UpdateResponseInput!) { updateResponse(input: $input) { id } }',
    allowed: ['respondingStartupMember'],
    prepare: async (world) => {
      const { response } = await freshResponse(world);
      return { input: { ...responseTransition(response).input, timelineWeeks: 30 } };
    },
  },
  {
    field: 'Mutation.withdrawResponse',
    document: 'mutation($input: ResponseTransitionInput!) { withdrawResponse(input: $input) { id } }',
    allowed: ['respondingStartupMember'],
    prepare: async (world) => responseTransition((await freshResponse(world)).response),
  },
  {
    field: 'Mutation.shortlistResponse',
    document: 'mutation($input: ResponseTransitionInput!) { shortlistResponse(input: $input) { id } }',
    allowed: ['owningBodyMember', 'staff', 'admin'],
    prepare: async (world) => responseTransition((await freshResponse(world)).response),
  },
  {
    field: 'Mutation.declineResponse',
    document: 'mutation($input: DeclineResponseInput!) { declineResponse(input: $input) { id } }',
    allowed: ['owningBodyMember', 'staff', 'admin'],
    prepare: async (world) => {
      const { response } = await freshResponse(world);
      return { input: { ...responseTransition(response).input, reason: 'We have chosen a supplier already on our framework.' } };
    },
  },
  {
    field: 'Query.response',
    document: 'query($id: ID!) { response(id: $id) { id pitch } }',
    allowed: RESPONSE_VIEWERS,
    prepare: async (world) => ({ id: (await freshResponse(world)).response.id }),
  },
  {
    field: 'Query.responses',
    document: 'query($challengeId: ID!) { responses(filter: { challengeId: $challengeId }) { edges { node { id } } } }',
    allowed: RESPONSE_VIEWERS,
    prepare: async (world) => {
      const { challengeId, response } = await freshResponse(world);
      return { challengeId, expected: response.id };
    },
    succeeded: (data, _world, variables) => edgesInclude(data.responses, variables.expected),
  },
  {
    field: 'Query.challenge',
    document: 'query($id: ID!) { challenge(id: $id) { responses { edges { node { id } } } } }',
    allowed: RESPONSE_VIEWERS,
    prepare: async (world) => {
      const { challengeId, response } = await freshResponse(world);
      return { id: challengeId, expected: response.id };
    },
    succeeded: (data, _world, variables) =>
      edgesInclude((data.challenge as { responses: unknown } | null)?.responses ?? null, variables.expected),
  },
];
