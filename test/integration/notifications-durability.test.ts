import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { addMember, registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { introducedMatch } from '../testkit/pilots';
import { collaboratorsOf, notificationWorker, notificationsOfKind } from '../testkit/notifications';
import { FaultyConsumer, NO_CONSUMER_FAULTS } from '../testkit/recording-consumer';
import { notificationEventConsumer } from '../../server/src/notifications/notification.worker';
import { workerJobs } from '../../server/src/worker-jobs';

/**
 * Notifications are exactly once per (event, recipient) whatever happens to the workers: consumer
 * calls that fail, lose their acknowledgement or hang while two workers race, and a worker process
 * killed (SIGKILL) right after it wrote an event's notifications and sent its email, before it
 * acknowledged the event. Nothing may be lost, nothing shown or emailed twice.
 */

const StartPilot = graphql(`
  mutation DurabilityStartPilot($input: StartPilotInput!) {
    startPilot(input: $input) {
      id
      version
    }
  }
`);

const GoLive = graphql(`
  mutation DurabilityGoLive($input: PilotTransitionInput!) {
    goLivePilot(input: $input) {
      id
    }
  }
`);

const RecordMeasurement = graphql(`
  mutation DurabilityRecordMeasurement($input: RecordPilotMeasurementInput!) {
    recordPilotMeasurement(input: $input) {
      id
    }
  }
`);

const KPI = { name: 'paper forms per week', unit: 'forms', baseline: 40, target: 16, direction: 'DECREASE' as const };
const repositoryRoot = path.resolve(__dirname, '..', '..');

let app: TestApp;
let members: Account[];
let staff: Account;
let challengeId: string;

beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '1000' }, { search: true });
  const body = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'durable-body' });
  const startup = await registerOrganisation(app, 'STARTUP', { label: 'durable-startup' });
  members = [body, await addMember(app, body), startup, await addMember(app, startup)];
  staff = await registerStaff(app);
  challengeId = (await openChallenge(body, staff.session, { kpis: [KPI], pilotLengthWeeks: 10 })).id;
}, 180_000);
afterAll(() => app.close());

/** A live pilot of the four members' organisations. */
async function livePilot(): Promise<string> {
  const matchId = await introducedMatch(staff.session, members[0]!, members[2]!, challengeId);
  const pilot = (await staff.session.gqlOk(StartPilot, { input: { matchId } })).startPilot;
  await staff.session.gqlOk(GoLive, { input: { pilotId: pilot.id, expectedVersion: pilot.version } });
  return pilot.id;
}

/** Staff record each value: one KPI_RECORDED event each, notifying all four members. */
async function recordAll(pilotId: string, values: number[]): Promise<void> {
  for (const value of values) await staff.session.gqlOk(RecordMeasurement, { input: { pilotId, kpiName: KPI.name, value } });
}

const titleOf = (value: number) => `${KPI.name}: ${value} forms recorded`;

/** Every member's KPI notification titles of the pilot, sorted: each value must appear exactly once per member. */
async function kpiTitlesPerMember(pilotId: string): Promise<string[][]> {
  return Promise.all(
    members.map(async (member) =>
      (await notificationsOfKind(member.session, 'KPI_RECORDED'))
        .filter((notification) => notification.subject.id === pilotId)
        .map((notification) => notification.title)
        .sort(),
    ),
  );
}

const expectedTitles = (values: number[]) => members.map(() => values.map(titleOf).sort());

it('notifies and emails each recipient once while consumer calls fail, lose acknowledgements and hang, with two workers racing', async () => {
  const values = Array.from({ length: 12 }, (_, index) => 100 + index);
  const pilotId = await livePilot();
  const faulty = new FaultyConsumer(notificationEventConsumer(collaboratorsOf(app)), 31);
  faulty.faults = { failBefore: 0.2, failAfter: 0.2, hang: 0.1 };
  const workers = [notificationWorker(app, 'racer-1', faulty, 2000), notificationWorker(app, 'racer-2', faulty, 2000)];
  for (const worker of workers) worker.start();
  // The measurements are recorded while the faulty workers run, then the workers stop wherever they are.
  await recordAll(pilotId, values);
  for (const worker of workers) await worker.stop();
  faulty.faults = NO_CONSUMER_FAULTS;
  await notificationWorker(app, 'recovery', faulty, 2000).drain(120_000);

  expect(await kpiTitlesPerMember(pilotId)).toEqual(expectedTitles(values));
  for (const member of members) {
    const mails = app.mailer.sent.filter((message) => message.to === member.email.toLowerCase() && values.some((value) => message.subject === titleOf(value)));
    expect(mails.map((message) => message.subject).sort()).toEqual(values.map(titleOf).sort());
  }
}, 240_000);

/** Starts the worker process and collects what it reports. */
function startWorkerProcess(hangEvent: string, hangAfter: number): { child: ChildProcessWithoutNullStreams; lines: string[]; hung: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'support', 'notification-worker.ts')], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MONGODB_URI: process.env.MONGODB_URI, MONGODB_DB: app.config.mongo.dbName, HANG_EVENT: hangEvent, HANG_AFTER: String(hangAfter), LEASE_MS: '3000' },
  });
  const lines: string[] = [];
  let buffered = '';
  const hung = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      for (const line of complete) {
        lines.push(line);
        if (line.startsWith('HUNG ')) resolve(line.slice(5));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('exit', (code) => reject(new Error(`the worker process exited (${code}) before it hung`)));
  });
  return { child, lines, hung };
}

it('loses nothing and repeats nothing when a worker process is killed between writing an event’s notifications and acknowledging it', async () => {
  const values = Array.from({ length: 8 }, (_, index) => 200 + index);
  const pilotId = await livePilot();
  await recordAll(pilotId, values);
  const worker = startWorkerProcess('pilot.RECORD_MEASUREMENT', 4);
  const hungEvent = await worker.hung;
  worker.child.kill('SIGKILL');
  await new Promise((resolve) => worker.child.once('close', resolve));
  const mailedByTheDead = worker.lines.filter((line) => line.startsWith('MAIL ')).map((line) => line.slice(5));
  expect(hungEvent).toMatch(new RegExp(`^pilot:${pilotId}@\\d+$`));

  // The successor takes over once the dead worker's leases lapse, and is handed the hung event again.
  const before = app.mailer.sent.length;
  await notificationWorker(app, 'successor').drain(120_000);
  const mailedBySuccessor = app.mailer.sent.slice(before).map((message) => `${message.to} ${message.subject}`);

  expect(await kpiTitlesPerMember(pilotId)).toEqual(expectedTitles(values));
  // Every KPI email exactly once, whichever process sent it; the ones the dead worker sent were not sent again.
  const kpiMails = [...mailedByTheDead, ...mailedBySuccessor].filter((line) => values.some((value) => line.endsWith(titleOf(value))));
  expect(kpiMails.sort()).toEqual(members.flatMap((member) => values.map((value) => `${member.email.toLowerCase()} ${titleOf(value)}`)).sort());
  expect(mailedBySuccessor.filter((line) => mailedByTheDead.includes(line))).toEqual([]);
}, 240_000);

it('keeps a notification whose email the mailer refused, and sends that email once on the retry job’s next pass', async () => {
  const pilotId = await livePilot();
  await notificationWorker(app, 'settle').drain();
  const relayDown = { ...collaboratorsOf(app), mailer: { send: () => Promise.reject(new Error('relay down (injected)')) } };
  await recordAll(pilotId, [300]);
  await notificationWorker(app, 'relay-down', notificationEventConsumer(relayDown)).drain();
  expect(await kpiTitlesPerMember(pilotId)).toEqual(expectedTitles([300]));
  const mailed = () => app.mailer.sent.filter((message) => message.subject === titleOf(300)).map((message) => message.to).sort();
  expect(mailed()).toEqual([]);

  const retry = workerJobs(collaboratorsOf(app)).find((job) => job.name === 'notification-email-retry')!;
  expect(await retry.run(new Date())).toBe(members.length);
  expect(await retry.run(new Date())).toBe(0);
  expect(mailed()).toEqual(members.map((member) => member.email.toLowerCase()).sort());
}, 120_000);
