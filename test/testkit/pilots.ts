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

const Suggested = graphql(`
  query TestkitSuggestedMatches($filter: MatchQueueFilter) {
    matchQueue(filter: $filter, first: 100) {
      edges {
        node {
          id
          solution {
            id
          }
        }
      }
    }
  }
`);

async function suggestedMatchId(staff: TestSession, challengeId: string, solutionId: string): Promise<string> {
  const { edges } = (await staff.gqlOk(Suggested, { filter: { challengeId, statuses: ['SUGGESTED'] } })).matchQueue;
  const found = edges.find((edge) => edge.node.solution.id === solutionId);
  if (!found) throw new Error(`no match of ${solutionId} for ${challengeId} to curate`);
  return found.node.id;
}

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
 * A match between the public body's open challenge and a solution of the start-up (a fresh one
 * unless `solutionId` names it), curated by staff and, unless `accepted` is false, accepted by
 * both sides: what a pilot starts from.
 */
export async function introducedMatch(
  staff: TestSession,
  publicBody: Account,
  startup: Account,
  challengeId: string,
  { accepted = true, solutionId }: { accepted?: boolean; solutionId?: string } = {},
): Promise<string> {
  const solution = solutionId ?? (await publishedSolution(startup)).id;
  const added = await staff.gql(AddMatch, { input: { challengeId, solutionId: solution } });
  // The matcher may have suggested this pair already (from the publications' events): curate that one.
  if (added.errors?.length && added.errors[0]?.extensions?.code !== 'CONFLICT') throw new Error(`addMatch failed: ${JSON.stringify(added.errors)}`);
  const id = added.data?.addMatch.id ?? (await suggestedMatchId(staff, challengeId, solution));
  await staff.gqlOk(Shortlist, { input: { matchId: id } });
  await staff.gqlOk(Introduce, { input: { matchId: id } });
  if (accepted) {
    await publicBody.session.gqlOk(Accept, { input: { matchId: id } });
    await startup.session.gqlOk(Accept, { input: { matchId: id } });
  }
  return id;
}

const StartPilot = graphql(`
  mutation TestkitStartPilot($input: StartPilotInput!) {
    startPilot(input: $input) {
      id
      version
    }
  }
`);

const GoLive = graphql(`
  mutation TestkitGoLivePilot($input: PilotTransitionInput!) {
    goLivePilot(input: $input) {
      version
    }
  }
`);

const RecordMeasurement = graphql(`
  mutation TestkitRecordPilotMeasurement($input: RecordPilotMeasurementInput!) {
    recordPilotMeasurement(input: $input) {
      version
    }
  }
`);

const StartEvaluation = graphql(`
  mutation TestkitStartPilotEvaluation($input: PilotTransitionInput!) {
    startPilotEvaluation(input: $input) {
      version
    }
  }
`);

const Complete = graphql(`
  mutation TestkitCompletePilot($input: CompletePilotInput!) {
    completePilot(input: $input) {
      id
      status
    }
  }
`);

/** How a test pilot ends: an outcome, with a contract or a reason where it needs one. */
export type TestOutcome = { outcome: 'ADOPTED'; contractValueGbp?: number } | { outcome: 'EXTENDED' } | { outcome: 'STOPPED'; stopReason?: string };

/**
 * Starts the pilot of an accepted match and, as staff, takes it live, records each measurement
 * (by KPI name), evaluates and completes it with the outcome. Returns the pilot's id.
 */
export async function completedPilot(
  staff: TestSession,
  matchId: string,
  ending: TestOutcome,
  measurements: { kpiName: string; value: number }[] = [],
): Promise<string> {
  const pilot = (await staff.gqlOk(StartPilot, { input: { matchId } })).startPilot;
  let { version } = (await staff.gqlOk(GoLive, { input: { pilotId: pilot.id, expectedVersion: pilot.version } })).goLivePilot;
  for (const measurement of measurements) {
    ({ version } = (await staff.gqlOk(RecordMeasurement, { input: { pilotId: pilot.id, ...measurement } })).recordPilotMeasurement);
  }
  ({ version } = (await staff.gqlOk(StartEvaluation, { input: { pilotId: pilot.id, expectedVersion: version } })).startPilotEvaluation);
  const contract =
    ending.outcome === 'ADOPTED'
      ? { contractValueGbp: ending.contractValueGbp ?? 120_000, contractStartsOn: '2027-04-01T00:00:00.000Z', contractEndsOn: '2029-04-01T00:00:00.000Z' }
      : ending.outcome === 'STOPPED'
        ? { stopReason: ending.stopReason ?? 'The officers could not use it offline.' }
        : {};
  await staff.gqlOk(Complete, { input: { pilotId: pilot.id, expectedVersion: version, outcome: ending.outcome, ...contract } });
  return pilot.id;
}
