import { graphql } from '../generated';
import { openChallenge, type VersionedRef } from '../testkit/challenges';
import { publishedSolution } from '../testkit/marketplace';
import type { AuthorizationCase } from './run-case';
import type { World } from './principals';

const AddMatch = graphql(`
  mutation AuthorizationAddMatch($input: AddMatchInput!) {
    addMatch(input: $input) {
      id
      version
    }
  }
`);

const ShortlistMatch = graphql(`
  mutation AuthorizationShortlistMatch($input: MatchTransitionInput!) {
    shortlistMatch(input: $input) {
      id
      version
    }
  }
`);

const IntroduceMatch = graphql(`
  mutation AuthorizationIntroduceMatch($input: MatchTransitionInput!) {
    introduceMatch(input: $input) {
      id
      version
    }
  }
`);

/** One open challenge of the owning body per world: every match pairs it with a fresh solution. */
const challenges = new WeakMap<World, Promise<VersionedRef>>();

function challengeOf(world: World): Promise<VersionedRef> {
  let challenge = challenges.get(world);
  if (!challenge) {
    challenge = openChallenge(world.owningBodyOwner, world.staff.session);
    challenges.set(world, challenge);
  }
  return challenge;
}

type Stage = 'SUGGESTED' | 'SHORTLISTED' | 'INTRODUCED';

/** A match between the owning body's challenge and a fresh solution of the responding start-up, taken to `stage` by staff. */
async function freshMatch(world: World, stage: Stage): Promise<string> {
  const challenge = await challengeOf(world);
  // addMatch scores the named solution itself, so the index need not have caught up with it.
  const solution = await publishedSolution(world.respondingStartupOwner);
  const staff = world.staff.session;
  const { id } = (await staff.gqlOk(AddMatch, { input: { challengeId: challenge.id, solutionId: solution.id } })).addMatch;
  if (stage !== 'SUGGESTED') await staff.gqlOk(ShortlistMatch, { input: { matchId: id } });
  if (stage === 'INTRODUCED') await staff.gqlOk(IntroduceMatch, { input: { matchId: id } });
  return id;
}

const STAFF = ['staff', 'admin'] as const;
const SIDES = ['owningBodyMember', 'respondingStartupMember'] as const;

const edgesInclude = (connection: unknown, id: unknown) =>
  (connection as { edges: { node: { id: string } }[] } | null)?.edges.some((edge) => edge.node.id === id) ?? false;

/** Suggestions, curation and introductions. */
export const matchingCases: AuthorizationCase[] = [
  {
    field: 'Query.match',
    document: 'query($id: ID!) { match(id: $id) { id score } }',
    allowed: STAFF,
    prepare: async (world) => ({ id: await freshMatch(world, 'SUGGESTED') }),
  },
  {
    field: 'Query.match',
    document: 'query($id: ID!) { match(id: $id) { id explanation { score } } }',
    allowed: [...SIDES, ...STAFF],
    prepare: async (world) => ({ id: await freshMatch(world, 'INTRODUCED') }),
  },
  {
    field: 'Query.matchQueue',
    document: 'query { matchQueue(first: 5) { totalCount } }',
    allowed: STAFF,
    prepare: async () => ({}),
  },
  {
    field: 'Query.myIntroductions',
    document: 'query($first: Int) { myIntroductions(first: $first) { edges { node { id } } } }',
    allowed: SIDES,
    prepare: async (world) => ({ first: 100, introduced: await freshMatch(world, 'INTRODUCED') }),
    // Everyone signed in may ask; only the two sides find this introduction among theirs.
    succeeded: (data, _world, variables) => edgesInclude(data.myIntroductions, variables.introduced),
  },
  {
    field: 'Query.recommendedChallenges',
    document: 'query($solutionId: ID!) { recommendedChallenges(solutionId: $solutionId) { score } }',
    allowed: ['respondingStartupMember', ...STAFF],
    prepare: async (world) => ({ solutionId: (await publishedSolution(world.respondingStartupOwner)).id }),
  },
  {
    field: 'Query.matchingWeights',
    document: 'query { matchingWeights { origin } }',
    allowed: STAFF,
    prepare: async () => ({}),
  },
  {
    field: 'Mutation.suggestMatches',
    document: 'mutation($input: SuggestMatchesInput!) { suggestMatches(input: $input) { candidates } }',
    allowed: STAFF,
    prepare: async (world) => {
      await world.app.search!.indexer.drain();
      return { input: { challengeId: (await challengeOf(world)).id } };
    },
  },
  {
    field: 'Mutation.addMatch',
    document: 'mutation($input: AddMatchInput!) { addMatch(input: $input) { id } }',
    allowed: STAFF,
    prepare: async (world) => {
      const solution = await publishedSolution(world.respondingStartupOwner);
      return { input: { challengeId: (await challengeOf(world)).id, solutionId: solution.id } };
    },
  },
  {
    field: 'Mutation.shortlistMatch',
    document: 'mutation($input: MatchTransitionInput!) { shortlistMatch(input: $input) { id } }',
    allowed: STAFF,
    prepare: async (world) => ({ input: { matchId: await freshMatch(world, 'SUGGESTED') } }),
  },
  {
    field: 'Mutation.introduceMatch',
    document: 'mutation($input: MatchTransitionInput!) { introduceMatch(input: $input) { id } }',
    allowed: STAFF,
    prepare: async (world) => ({ input: { matchId: await freshMatch(world, 'SHORTLISTED') } }),
  },
  {
    field: 'Mutation.acceptMatch',
    document: 'mutation($input: MatchTransitionInput!) { acceptMatch(input: $input) { id } }',
    allowed: SIDES,
    prepare: async (world) => ({ input: { matchId: await freshMatch(world, 'INTRODUCED') } }),
  },
  {
    field: 'Mutation.declineMatch',
    document: 'mutation($input: DeclineMatchInput!) { declineMatch(input: $input) { id } }',
    allowed: SIDES,
    prepare: async (world) => ({ input: { matchId: await freshMatch(world, 'INTRODUCED'), reason: 'Not the right time for us.' } }),
  },
  {
    field: 'Mutation.rejectMatch',
    document: 'mutation($input: RejectMatchInput!) { rejectMatch(input: $input) { id } }',
    allowed: STAFF,
    prepare: async (world) => ({ input: { matchId: await freshMatch(world, 'SUGGESTED'), reason: 'NOT_RELEVANT' } }),
  },
  {
    field: 'Mutation.bulkShortlistMatches',
    document: 'mutation($input: BulkShortlistMatchesInput!) { bulkShortlistMatches(input: $input) { succeeded { id } } }',
    allowed: STAFF,
    prepare: async (world) => ({ input: { matchIds: [await freshMatch(world, 'SUGGESTED')] } }),
  },
  {
    field: 'Mutation.bulkRejectMatches',
    document: 'mutation($input: BulkRejectMatchesInput!) { bulkRejectMatches(input: $input) { succeeded { id } } }',
    allowed: STAFF,
    prepare: async (world) => ({ input: { matchIds: [await freshMatch(world, 'SUGGESTED')], reason: 'DUPLICATE' } }),
  },
  {
    field: 'Mutation.addMatchNote',
    document: 'mutation($input: AddMatchNoteInput!) { addMatchNote(input: $input) { id } }',
    allowed: STAFF,
    prepare: async (world) => ({ input: { matchId: await freshMatch(world, 'SUGGESTED'), text: 'Check their NHS references.' } }),
  },
];
