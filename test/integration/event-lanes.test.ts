import { createLogger } from '../../server/src/shared/logger';
import { EventDispatcher, type EventConsumer, type RecordedEvent } from '../../server/src/events/event-dispatcher';
import { eventSources } from '../../server/src/event-sources';
import { workerConsumers } from '../../server/src/worker-jobs';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { respond } from '../testkit/marketplace';
import { collaboratorsOf, notificationsOfKind } from '../testkit/notifications';

/**
 * A slow consumer never delays another: with the production consumers running and the matcher
 * held on a backlog of publications (as on a fresh server with the demo data), a new response to
 * a challenge still notifies the public body, and the matcher takes its whole backlog afterwards.
 */

/** A consumer held before each event until `release`, recording what it was handed and what it finished; otherwise the consumer itself (its lane too). */
function held(inner: EventConsumer) {
  const handed: string[] = [];
  const finished: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const consumer: EventConsumer = {
    ...inner,
    async handle(event: RecordedEvent) {
      handed.push(event.id);
      await gate;
      await inner.handle(event);
      finished.push(event.id);
    },
  };
  return { consumer, handed, finished, release: () => open() };
}

/** Polls `condition` until it holds; the limit only bounds a broken build, it is not what the test measures. */
async function until(condition: () => Promise<boolean>, what: string, limitMs = 90_000): Promise<void> {
  const giveUpAt = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`${what} did not happen within ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let app: TestApp;
let body: Account;
let startup: Account;
let staff: Account;

beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '1000' }, { search: true });
  body = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'lanes-body' });
  startup = await registerOrganisation(app, 'STARTUP', { label: 'lanes-startup' });
  staff = await registerStaff(app);
}, 180_000);
afterAll(() => app.close());

it('notifies the public body of a new response while the matcher is still held on its backlog', async () => {
  const backlog = [];
  for (let index = 0; index < 3; index += 1) backlog.push((await openChallenge(body, staff.session, { title: `Backlog challenge ${index}` })).id);
  const consumers = workerConsumers(collaboratorsOf(app));
  const matcher = held(consumers.find((consumer) => consumer.name === 'matcher')!);
  // Calls may take as long as the matcher is held: a time-out must not be what lets the others through.
  const leaseMs = 3_600_000;
  const worker = new EventDispatcher(
    eventSources,
    consumers.map((consumer) => (consumer.name === 'matcher' ? matcher.consumer : consumer)),
    { logger: createLogger('silent'), owner: 'lanes', leaseMs, callTimeoutMs: leaseMs / 4, idleDelayMs: 5 },
  );
  worker.start();
  try {
    const response = await respond(startup, backlog[0]!);
    const notified = async () => (await notificationsOfKind(body.session, 'RESPONSE_RECEIVED')).some((notification) => notification.subject.id === response.id);
    await until(notified, 'the response notification');
    // The order is the point: the notification came while the matcher had finished none of its work.
    expect(matcher.handed.length).toBeGreaterThan(0);
    expect(matcher.finished).toEqual([]);
  } finally {
    matcher.release();
    await worker.stop();
  }
  await worker.drain();
  const published = (challengeId: string) => matcher.finished.some((eventId) => eventId.startsWith(`challenge:${challengeId}@`));
  expect(backlog.filter(published)).toEqual(backlog);
}, 180_000);
