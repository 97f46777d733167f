import { graphql } from '../generated';
import type { Account } from './accounts';
import { publishedSolution } from './marketplace';
import type { TestSession } from './test-app';

const AddMatch = graphql(`
  mutation TestkitAddMatch($input: AddMatchInput!) {
    addMatch(input: $input) {
      id
    }
  }
`);

const Shortlist = graphql(`
  mutation TestkitShortlistMatch($input: MatchTransitionInput!) {
    shortlistMatch(input: $input) {
      id
    }
  }
`);

const Introduce = graphql(`
  mutation TestkitIntroduceMatch($input: MatchTransitionInput!) {
    introduceMatch(input: $input) {
      id
    }
  }
`);

const Accept = graphql(`
  mutation TestkitAcceptMatch($input: MatchTransitionInput!) {
    acceptMatch(input: $input) {
      id
      status
    }
  }
`);

/**
 * A match between the public body's open challenge and a fresh solution of the start-up, curated
 * by staff and, unless `accepted` is false, accepted by both sides: what a pilot starts from.
 */
export async function introducedMatch(
  staff: TestSession,
  publicBody: Account,
  startup: Account,
  challengeId: string,
  { accepted = true }: { accepted?: boolean } = {},
): Promise<string> {
  const solution = await publishedSolution(startup);
  const { id } = (await staff.gqlOk(AddMatch, { input: { challengeId, solutionId: solution.id } })).addMatch;
  await staff.gqlOk(Shortlist, { input: { matchId: id } });
  await staff.gqlOk(Introduce, { input: { matchId: id } });
  if (accepted) {
    await publicBody.session.gqlOk(Accept, { input: { matchId: id } });
    await startup.session.gqlOk(Accept, { input: { matchId: id } });
  }
  return id;
}
