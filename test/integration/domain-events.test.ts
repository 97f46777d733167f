import mongoose from 'mongoose';
import { createLogger } from '../../server/src/shared/logger';
import { EventDispatcher, type EventConsumer } from '../../server/src/events/event-dispatcher';
import { eventSources } from '../../server/src/event-sources';
import { createChallenge, publishChallenge, submitChallenge } from '../../server/src/challenges/challenge.service';
import { createSolution, publishSolution, unpublishSolution } from '../../server/src/solutions/solution.service';
import type { ServiceContext } from '../../server/src/context/service-context';
import { ChallengeModel, type ChallengeRecord } from '../../server/src/challenges/challenge.model';
import { SolutionModel } from '../../server/src/solutions/solution.model';
import type { CreateChallengeInput as ServiceCreateChallengeInput } from '../../server/src/contract/generated/resolvers-types';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff } from '../testkit/accounts';
import { challengeInput } from '../testkit/challenges';
import { solutionInput } from '../testkit/marketplace';
import { FaultyConsumer, NO_CONSUMER_FAULTS, RecordingConsumer } from '../testkit/recording-consumer';

/**
 * Domain events are recorded on the record in the same write as the change, and a dispatcher
 * follows them with the indexer's claim/lease/marker follower. Tested like search durability:
 * faulty consumers, several workers, a worker that dies holding leases; every event must reach
 * every consumer, and none may be applied twice.
 */

let app: TestApp;
let bodyCtx: ServiceContext;
let staffCtx: ServiceContext;
let startupCtx: ServiceContext;
let bodyOrganisationId: string;
let startupOrganisationId: string;
const logger = createLogger('silent');

/** What each record's events should be, from the transitions a test fired: the ground truth. */
type Expected = Map<string, string[]>;
const total = (expected: Expected) => [...expected.values()].reduce((sum, names) => sum + names.length, 0);

beforeAll(async () => {
  app = await startTestApp();
  const body = await registerOrganisation(app, 'PUBLIC_BODY', { verified: true });
  const startup = await registerOrganisation(app, 'STARTUP', { verified: true });
  bodyOrganisationId = body.organisationId;
  startupOrganisationId = startup.organisationId;
  bodyCtx = await app.contextOf(body.userId);
  startupCtx = await app.contextOf(startup.userId);
  staffCtx = await app.contextOf((await registerStaff(app)).userId);
});
afterAll(() => app.close());

/** A worker; its consumer calls time out at a quarter of the lease, so short leases provoke take-overs. */
function dispatcher(owner: string, consumers: EventConsumer[], leaseMs = 400, batchSize?: number) {
  return new EventDispatcher(eventSources, consumers, { logger, owner, leaseMs, callTimeoutMs: leaseMs / 4, idleDelayMs: 5, batchSize });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens `count` challenges (SUBMIT, PUBLISH) and publishes, unpublishes and republishes as many solutions. */
async function fireTransitions(count: number, label: string): Promise<Expected> {
  const expected: Expected = new Map();
  const fired = (record: { _id: { toHexString(): string } }, name: string) =>
    expected.set(record._id.toHexString(), [...(expected.get(record._id.toHexString()) ?? []), name]);
  for (let index = 0; index < count; index += 1) {
    const input = challengeInput(bodyOrganisationId, { title: `${label} challenge ${index}` });
    let challenge: ChallengeRecord = await createChallenge(bodyCtx, {
      ...input,
      responseDeadline: new Date(input.responseDeadline),
    } as ServiceCreateChallengeInput);
    challenge = await submitChallenge(bodyCtx, { challengeId: challenge._id.toHexString(), expectedVersion: challenge.version });
    fired(challenge, 'challenge.SUBMIT');
    challenge = await publishChallenge(staffCtx, { challengeId: challenge._id.toHexString(), expectedVersion: challenge.version });
    fired(challenge, 'challenge.PUBLISH');

    let solution = await createSolution(startupCtx, {
      ...solutionInput(startupOrganisationId, { name: `${label} solution ${index}` }),
      evidence: [],
    } as never);
    const ref = () => ({ solutionId: solution._id.toHexString(), expectedVersion: solution.version });
    solution = await publishSolution(startupCtx, ref());
    fired(solution, 'solution.PUBLISH');
    solution = await unpublishSolution(startupCtx, ref());
    fired(solution, 'solution.UNPUBLISH');
    solution = await publishSolution(startupCtx, ref());
    fired(solution, 'solution.PUBLISH');
  }
  return expected;
}

describe('domain events recorded with the write', () => {
  it('hands every consumer, in either lane, each transition once, in the order it happened, with no redelivery', async () => {
    const notifications = new RecordingConsumer('notifications');
    const reporting = Object.assign(new RecordingConsumer('reporting'), { lane: 'background' as const });
    const expected = await fireTransitions(6, 'ordered');
    // Two workers at once: leases keep them off each other's records. Leases long enough that no
    // call times out on a slow machine, so any second delivery would be the dispatcher's fault.
    const workers = [dispatcher('first', [notifications, reporting], 20_000), dispatcher('second', [notifications, reporting], 20_000)];
    await Promise.all(workers.map((worker) => worker.drain()));
    for (const consumer of [notifications, reporting]) {
      expect(await consumer.applied()).toEqual(expected);
      expect(consumer.deliveries).toBe(total(expected));
      expect(consumer.redeliveries).toBe(0);
    }
  }, 120_000);

  it('records nothing for a refused change: the event and its write land together or not at all', async () => {
    const audit = new RecordingConsumer('refused-audit');
    const input = challengeInput(bodyOrganisationId, { title: 'Refused challenge' });
    let challenge = await createChallenge(bodyCtx, { ...input, responseDeadline: new Date(input.responseDeadline) } as ServiceCreateChallengeInput);
    const ref = (expectedVersion: number) => ({ challengeId: challenge._id.toHexString(), expectedVersion });
    // A stale version: VERSION_CONFLICT, so no SUBMIT happened and none may be delivered.
    await expect(submitChallenge(bodyCtx, ref(challenge.version + 1))).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    challenge = await submitChallenge(bodyCtx, ref(challenge.version));
    await dispatcher('after-refusal', [audit]).drain();
    expect(await audit.applied()).toEqual(new Map([[challenge._id.toHexString(), ['challenge.SUBMIT']]]));
  }, 60_000);

  it('loses nothing and applies nothing twice while consumers fail, lose acknowledgements and hang, with writes racing the workers', async () => {
    const inbox = new RecordingConsumer('faulty-inbox');
    const faulty = new FaultyConsumer(inbox, 23);
    const healthy = new RecordingConsumer('healthy-inbox');
    // Hangs often enough that some strike even when a fast machine makes few calls.
    faulty.faults = { failBefore: 0.2, failAfter: 0.15, hang: 0.1 };
    const workers = [dispatcher('w1', [faulty, healthy], 300), dispatcher('w2', [faulty, healthy], 300)];
    for (const worker of workers) worker.start();
    const expected = await fireTransitions(20, 'faulty');
    for (const worker of workers) await worker.stop();

    faulty.faults = NO_CONSUMER_FAULTS;
    await dispatcher('recovery', [faulty, healthy], 300).drain();

    for (const consumer of [inbox, healthy]) {
      expect(await consumer.applied()).toEqual(expected);
      // One row per event id: events handed over again (after a lost acknowledgement) were not applied again.
      expect(await consumer.appliedCount()).toBe(total(expected));
    }
    // The faults really struck: acknowledgements were lost (so events came again) and calls hung.
    expect(inbox.redeliveries).toBeGreaterThan(0);
    expect(faulty.hungCalls).toBeGreaterThan(0);
  }, 240_000);

  it('loses nothing when a worker dies mid-batch: another takes over once its lease lapses', async () => {
    const inbox = new RecordingConsumer('takeover-inbox');
    const expected = await fireTransitions(3, 'takeover');
    const doomedConsumer = new FaultyConsumer(inbox, 5);
    doomedConsumer.faults = { ...NO_CONSUMER_FAULTS, hang: 1 };
    const stuck = doomedConsumer.nextHang();
    const doomed = dispatcher('doomed', [doomedConsumer], 400);
    const outcome = doomed.pass().then(
      () => 'finished',
      () => 'timed out',
    );
    await stuck;
    // The doomed worker is stuck in a delivery here, holding its leases, as a killed process would.
    expect(doomedConsumer.hungCalls).toBe(1);
    await dispatcher('successor', [inbox], 400).drain();
    expect(await outcome).toBe('timed out');
    expect(await inbox.applied()).toEqual(expected);
  }, 60_000);

  it('hands a fresh event over before an older backlog', async () => {
    const inbox = new RecordingConsumer('newest-first');
    const handedRecords: string[] = [];
    const watched: EventConsumer = {
      name: inbox.name,
      async handle(event) {
        handedRecords.push(event.recordId);
        await inbox.handle(event);
      },
    };
    const backlog = await fireTransitions(3, 'backlog');
    const fresh = await fireTransitions(1, 'fresh');
    // One record of each source per pass: the one it picks is the point.
    await dispatcher('newest-first', [watched], 20_000, 1).pass();
    expect([...(await inbox.applied()).keys()].sort()).toEqual([...fresh.keys()].sort());
    // A whole batch in one pass: the fresher record goes first within it (challenges are the first source).
    const fresher = await fireTransitions(1, 'fresher');
    handedRecords.length = 0;
    await dispatcher('newest-first', [watched], 20_000).pass();
    expect(handedRecords[0]).toBe([...fresher.keys()][0]);
    await dispatcher('newest-first', [watched], 20_000).drain();
    expect(await inbox.applied()).toEqual(new Map([...backlog, ...fresh, ...fresher]));
    expect(inbox.redeliveries).toBe(0);
  }, 60_000);

  it('delivers to both lanes the events a database holds from before there were lanes', async () => {
    const prompt = new RecordingConsumer('legacy-prompt');
    const background = Object.assign(new RecordingConsumer('legacy-background'), { lane: 'background' as const });
    const expected = await fireTransitions(2, 'legacy');
    // As the single lane left them: its marker (the prompt lane's field) set, no background fields at all.
    const legacy = { $unset: { backgroundEventsPending: 1, backgroundEventLeaseUntil: 1, backgroundEventLeaseOwner: 1 } };
    for (const model of [ChallengeModel, SolutionModel]) {
      await model.collection.updateMany({ _id: { $in: [...expected.keys()].map((id) => new mongoose.Types.ObjectId(id)) } }, legacy);
    }
    await dispatcher('upgraded', [prompt, background], 20_000).drain();
    for (const consumer of [prompt, background]) {
      // The background lane also has the earlier tests' records, which no background consumer took.
      const applied = await consumer.applied();
      expect(new Map([...applied].filter(([recordId]) => expected.has(recordId)))).toEqual(expected);
      expect(consumer.redeliveries).toBe(0);
    }
  }, 60_000);

  it('keeps the lease of a batch that takes longer than one lease, so another worker repeats none of it', async () => {
    const inbox = new RecordingConsumer('long-batch');
    const prompt = new RecordingConsumer('long-batch-prompt');
    // A matcher run per publication, slow enough that the challenges' batch outlasts the lease twice over.
    const slow: EventConsumer = {
      name: inbox.name,
      lane: 'background',
      async handle(event) {
        if (event.entity === 'challenge') await sleep(400);
        await inbox.handle(event);
      },
    };
    const leaseMs = 3_000;
    const expected = await fireTransitions(8, 'long');
    const first = dispatcher('long-first', [slow, prompt], leaseMs);
    const firstPass = first.pass();
    while (inbox.deliveries === 0) await sleep(20);
    // The first worker holds every challenge, 16 events of 400 ms; the second, done with the solutions, keeps looking for lapsed leases.
    const second = dispatcher('long-second', [slow, prompt], leaseMs);
    second.start();
    await firstPass;
    await second.stop();
    await dispatcher('long-rest', [slow, prompt], leaseMs).drain();
    for (const consumer of [inbox, prompt]) {
      expect(await consumer.applied()).toEqual(expected);
      expect(consumer.redeliveries).toBe(0);
      expect(consumer.deliveries).toBe(total(expected));
    }
  }, 120_000);

  it('lets no failing consumer hold up the others, nor the other records and sources of its batch, nor the other lane', async () => {
    const healthy = new RecordingConsumer('isolated-healthy');
    const broken: EventConsumer = {
      name: 'isolated-broken',
      handle: async (event) => {
        if (event.entity === 'challenge') throw new Error(`${event.id} refused (injected)`);
      },
    };
    const expected = await fireTransitions(3, 'isolated');
    // Challenges are the first source: before, the broken consumer's first failure ended the pass for every consumer and source.
    const brokenInBackground = { ...broken, name: 'isolated-broken-background', lane: 'background' as const };
    const worker = dispatcher('isolating', [broken, healthy, brokenInBackground], 20_000);
    await expect(worker.pass()).rejects.toThrow(/event deliveries failed/);
    expect(await healthy.applied()).toEqual(expected);
    expect(healthy.redeliveries).toBe(0);
  }, 60_000);
});
