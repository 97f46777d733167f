import { openChallenge } from '../testkit/challenges';
import { introducedMatch } from '../testkit/pilots';
import type { AuthorizationCase } from './run-case';
import type { World } from './principals';

const SIDES_AND_STAFF = ['owningBodyMember', 'respondingStartupMember', 'staff', 'admin'] as const;
const BODY_AND_STAFF = ['owningBodyMember', 'staff', 'admin'] as const;

const Start = 'mutation($input: StartPilotInput!) { startPilot(input: $input) { id version } }';
const GoLive = 'mutation($input: PilotTransitionInput!) { goLivePilot(input: $input) { id version } }';
const Evaluate = 'mutation($input: PilotTransitionInput!) { startPilotEvaluation(input: $input) { id version } }';
const AddMilestone = 'mutation($input: AddPilotMilestoneInput!) { addPilotMilestone(input: $input) { id version milestones { id } } }';

async function gqlAsStaff(world: World, document: string, variables: Record<string, unknown>) {
  const response = await world.staff.session.agent.post('/graphql').set('Content-Type', 'application/json').send({ query: document, variables });
  if (response.body.errors?.length) throw new Error(JSON.stringify(response.body.errors));
  return response.body.data as Record<string, { id: string; version: number; milestones?: { id: string }[] }>;
}

async function acceptedMatchOf(world: World): Promise<string> {
  const challenge = await openChallenge(world.owningBodyOwner, world.staff.session);
  return introducedMatch(world.staff.session, world.owningBodyOwner, world.respondingStartupOwner, challenge.id);
}

type Stage = 'PLANNING' | 'LIVE' | 'EVALUATING';

/** A fresh pilot of the owning body and the responding start-up, taken to `stage` by staff. */
async function freshPilot(world: World, stage: Stage): Promise<{ id: string; version: number; milestoneId?: string }> {
  let pilot = (await gqlAsStaff(world, Start, { input: { matchId: await acceptedMatchOf(world) } })).startPilot!;
  const withMilestone = (await gqlAsStaff(world, AddMilestone, {
    input: { pilotId: pilot.id, title: 'Forms live', deliverable: 'App on devices', successCriterion: 'Half digital', dueOn: '2030-01-01T00:00:00.000Z' },
  })).addPilotMilestone!;
  pilot = withMilestone;
  if (stage !== 'PLANNING') pilot = (await gqlAsStaff(world, GoLive, { input: { pilotId: pilot.id, expectedVersion: pilot.version } })).goLivePilot!;
  if (stage === 'EVALUATING') pilot = (await gqlAsStaff(world, Evaluate, { input: { pilotId: pilot.id, expectedVersion: pilot.version } })).startPilotEvaluation!;
  return { id: pilot.id, version: pilot.version, milestoneId: withMilestone.milestones![0]!.id };
}

const KPI = { name: 'paper forms per week', unit: 'forms', baseline: 40, target: 16, direction: 'DECREASE' };

const edgesInclude = (connection: unknown, id: unknown) =>
  (connection as { edges: { node: { id: string } }[] } | null)?.edges.some((edge) => edge.node.id === id) ?? false;

/** Pilots: the two sides of the accepted match and staff; nobody else. */
export const pilotCases: AuthorizationCase[] = [
  {
    field: 'Query.pilot',
    document: 'query($id: ID!) { pilot(id: $id) { id kpis { name } } }',
    allowed: SIDES_AND_STAFF,
    prepare: async (world) => ({ id: (await freshPilot(world, 'PLANNING')).id }),
  },
  {
    field: 'Query.myPilots',
    document: 'query($first: Int) { myPilots(first: $first) { edges { node { id } } } }',
    allowed: SIDES_AND_STAFF,
    prepare: async (world) => ({ first: 100, pilot: (await freshPilot(world, 'PLANNING')).id }),
    succeeded: (data, _world, variables) => edgesInclude(data.myPilots, variables.pilot),
  },
  {
    field: 'Mutation.startPilot',
    document: Start,
    allowed: SIDES_AND_STAFF,
    prepare: async (world) => ({ input: { matchId: await acceptedMatchOf(world) } }),
  },
  {
    field: 'Mutation.refinePilotKpis',
    document: 'mutation($input: RefinePilotKpisInput!) { refinePilotKpis(input: $input) { id } }',
    allowed: SIDES_AND_STAFF,
    prepare: async (world) => {
      const pilot = await freshPilot(world, 'PLANNING');
      return { input: { pilotId: pilot.id, expectedVersion: pilot.version, kpis: [KPI] } };
    },
  },
  {
    field: 'Mutation.goLivePilot',
    document: GoLive,
    allowed: BODY_AND_STAFF,
    prepare: async (world) => {
      const pilot = await freshPilot(world, 'PLANNING');
      return { input: { pilotId: pilot.id, expectedVersion: pilot.version } };
    },
  },
  {
    field: 'Mutation.startPilotEvaluation',
    document: Evaluate,
    allowed: BODY_AND_STAFF,
    prepare: async (world) => {
      const pilot = await freshPilot(world, 'LIVE');
      return { input: { pilotId: pilot.id, expectedVersion: pilot.version } };
    },
  },
  {
    field: 'Mutation.completePilot',
    document: 'mutation($input: CompletePilotInput!) { completePilot(input: $input) { id } }',
    allowed: BODY_AND_STAFF,
    prepare: async (world) => {
      const pilot = await freshPilot(world, 'EVALUATING');
      return { input: { pilotId: pilot.id, expectedVersion: pilot.version, outcome: 'EXTENDED' } };
    },
  },
  {
    field: 'Mutation.cancelPilot',
    document: 'mutation($input: CancelPilotInput!) { cancelPilot(input: $input) { id } }',
    allowed: SIDES_AND_STAFF,
    prepare: async (world) => {
      const pilot = await freshPilot(world, 'PLANNING');
      return { input: { pilotId: pilot.id, expectedVersion: pilot.version, reason: 'Budget was withdrawn this year.' } };
    },
  },
  {
    field: 'Mutation.addPilotMilestone',
    document: AddMilestone,
    allowed: SIDES_AND_STAFF,
    prepare: async (world) => ({
      input: {
        pilotId: (await freshPilot(world, 'PLANNING')).id,
        title: 'Training done',
        deliverable: 'Officers trained',
        successCriterion: 'All officers',
        dueOn: '2030-02-01T00:00:00.000Z',
      },
    }),
  },
  {
    field: 'Mutation.completePilotMilestone',
    document: 'mutation($input: CompletePilotMilestoneInput!) { completePilotMilestone(input: $input) { id } }',
    allowed: SIDES_AND_STAFF,
    prepare: async (world) => {
      const pilot = await freshPilot(world, 'LIVE');
      return { input: { pilotId: pilot.id, milestoneId: pilot.milestoneId } };
    },
  },
  {
    field: 'Mutation.recordPilotMeasurement',
    document: 'mutation($input: RecordPilotMeasurementInput!) { recordPilotMeasurement(input: $input) { id } }',
    allowed: SIDES_AND_STAFF,
    prepare: async (world) => ({ input: { pilotId: (await freshPilot(world, 'LIVE')).id, kpiName: 'cases investigated within timescale', value: 60 } }),
  },
  {
    field: 'Mutation.postPilotUpdate',
    document: 'mutation($input: PostPilotUpdateInput!) { postPilotUpdate(input: $input) { id } }',
    allowed: SIDES_AND_STAFF,
    prepare: async (world) => ({ input: { pilotId: (await freshPilot(world, 'PLANNING')).id, text: 'Devices ordered.' } }),
  },
  {
    field: 'Query.jointPilotCandidates',
    document: 'query { jointPilotCandidates { similarity challenges { id } } }',
    allowed: ['staff', 'admin'],
    prepare: async () => ({}),
  },
];
