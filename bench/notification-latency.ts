import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../seeds/seed-demo';
import { qualifyingChallengeInput, qualifyingResponseInput } from '../test/testkit/qualifying-challenge';

/**
 * `npm run bench -- notify-latency [--samples 5]`: a fresh `npm start` server (its own empty
 * data directory, so the demo is seeded; the embedded database and search engine), then, from the
 * moment it is ready, one sample after another: the demo public body posts a challenge the demo
 * start-up qualifies for, staff publish it, the start-up responds; the figure is the time from the
 * response being accepted to the public body's RESPONSE_RECEIVED notification being listed by the API. The first samples land while the worker
 * is still taking the seeded backlog (the matcher's runs for every seeded publication).
 */

const REPO_ROOT = path.resolve(__dirname, '..');
const POLL_MS = 50;
const GIVE_UP_MS = 15 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/dev/start.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOCAL_MONGO_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LOGIN_MAX_ATTEMPTS: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const ready = output.match(/running at (http:\/\/localhost:\d+)\//);
      if (ready) resolve(ready[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before it was ready:\n${output.slice(-3000)}`)));
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(force);
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!response.ok) throw new Error(`demo sign-in failed for ${email}: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function graphql<T>(url: string, cookie: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'apollo-require-preflight': 'true' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  return body.data as T;
}

type Fitting = { id: string; trl: number; regionsServed: string[] };

const CHALLENGE_MUTATION = (name: string) => `mutation($input: ChallengeTransitionInput!) { ${name}(input: $input) { id version } }`;

/**
 * The public body posts a challenge the start-up's solution qualifies for and staff publish it: the
 * publication is one more event for the matcher.
 */
async function fittingChallenge(url: string, sessions: Sessions, organisationId: string, solution: Fitting, index: number): Promise<string> {
  const { createChallenge } = await graphql<{ createChallenge: { id: string; version: number } }>(
    url,
    sessions.body,
    'mutation($input: CreateChallengeInput!) { createChallenge(input: $input) { id version } }',
    { input: qualifyingChallengeInput(organisationId, solution, `Latency probe ${index}: fewer missed home-care visits`) },
  );
  const { submitChallenge } = await graphql<{ submitChallenge: { id: string; version: number } }>(url, sessions.body, CHALLENGE_MUTATION('submitChallenge'), {
    input: { challengeId: createChallenge.id, expectedVersion: createChallenge.version },
  });
  await graphql(url, sessions.staff, CHALLENGE_MUTATION('publishChallenge'), { input: { challengeId: submitChallenge.id, expectedVersion: submitChallenge.version } });
  return createChallenge.id;
}

async function respond(url: string, startup: string, challengeId: string, solutionId: string): Promise<string> {
  const { submitResponse } = await graphql<{ submitResponse: { id: string } }>(url, startup, 'mutation($input: SubmitResponseInput!) { submitResponse(input: $input) { id } }', {
    input: qualifyingResponseInput(challengeId, solutionId),
  });
  return submitResponse.id;
}

type Sessions = { body: string; startup: string; staff: string };

async function notified(url: string, body: string, responseId: string): Promise<boolean> {
  const { notifications } = await graphql<{ notifications: { edges: { node: { kind: string; subject: { id: string } } }[] } }>(
    url,
    body,
    '{ notifications(unreadOnly: true, first: 100) { edges { node { kind subject { id } } } } }',
  );
  return notifications.edges.some(({ node }) => node.kind === 'RESPONSE_RECEIVED' && node.subject.id === responseId);
}

export async function runNotificationLatencyBench(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(3), options: { samples: { type: 'string', default: '5' } } });
  const samples = Number(values.samples);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotline-latency-'));
  const startedAt = Date.now();
  const { url, child } = await startServer(dataDir);
  const readyAt = Date.now();
  console.log(`fresh server with the demo ready in ${((readyAt - startedAt) / 1000).toFixed(1)} s`);
  try {
    const [body, startup, staff] = await Promise.all(['public@demo.pilotline.uk', 'startup@demo.pilotline.uk', 'staff@demo.pilotline.uk'].map((email) => signIn(url, email)));
    const sessions: Sessions = { body: body!, startup: startup!, staff: staff! };
    const { viewer } = await graphql<{ viewer: { organisations: { organisation: { id: string; kind: string } }[] } }>(url, sessions.body, '{ viewer { organisations { organisation { id kind } } } }');
    const organisationId = viewer.organisations.find(({ organisation }) => organisation.kind === 'PUBLIC_BODY')!.organisation.id;
    const { solutions } = await graphql<{ solutions: { edges: { node: Fitting }[] } }>(
      url,
      sessions.startup,
      '{ solutions(filter: { mine: true, status: PUBLISHED }, first: 1) { edges { node { id trl regionsServed } } } }',
    );
    const solution = solutions.edges[0]!.node;
    const latencies: number[] = [];
    for (let index = 0; index < samples; index += 1) {
      const challengeId = await fittingChallenge(url, sessions, organisationId, solution, index);
      const responseId = await respond(url, sessions.startup, challengeId, solution.id);
      const submittedAt = Date.now();
      while (!(await notified(url, sessions.body, responseId))) {
        if (Date.now() - submittedAt > GIVE_UP_MS) throw new Error(`no notification for response ${responseId} within ${GIVE_UP_MS / 1000} s`);
        await sleep(POLL_MS);
      }
      const latency = Date.now() - submittedAt;
      latencies.push(latency);
      console.log(`response ${index + 1} submitted ${((submittedAt - readyAt) / 1000).toFixed(1)} s after ready: notified after ${(latency / 1000).toFixed(2)} s`);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`response to notification (s): first ${(latencies[0]! / 1000).toFixed(2)}, median ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(2)}, max ${(sorted.at(-1)! / 1000).toFixed(2)}, samples ${latencies.length}`);
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
