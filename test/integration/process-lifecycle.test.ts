import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_PASSWORD } from '../testkit/test-app';
import { holdRequest } from '../testkit/held-request';
import { MongoClient } from 'mongodb';
import { startLocalMongo } from '../../server/dev/local-mongo';

const repoRoot = path.resolve(__dirname, '..', '..');

// Each test starts a real server process; on a loaded machine that alone can take most of jest's default 30 s.
const SERVER_START_MS = 90_000;
jest.setTimeout(SERVER_START_MS + 60_000);

/** Starts the real entry point as a separate process, as `npm start` does, against the test database. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SEED_ON_EMPTY: 'false', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), SERVER_START_MS);
    child.stdout.on('data', () => {
      const match = output.match(/running at (http:\/\/localhost:\d+)\//);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** Resolves once the child's output matches `pattern` (it has logged that far). */
function outputMatching(child: ChildProcessWithoutNullStreams, output: () => string, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!pattern.test(output())) return;
      child.stdout.off('data', check);
      child.stderr.off('data', check);
      resolve();
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    check();
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('the server process', () => {
  it('finishes in-flight requests on SIGTERM, then exits cleanly', async () => {
    const { child, url, output } = await startServer({ MONGODB_DB: `lifecycle_${Date.now()}` });
    const exited = exitCode(child);
    // Held in flight by construction, not by sleeps: SIGTERM comes once the server is handling the
    // request, and its body only once the server says it is shutting down.
    const request = holdRequest(`${url}/auth/register`, {
      email: `in-flight-${Date.now()}@pilotline.test`,
      password: TEST_PASSWORD,
      name: 'In Flight',
      organisation: { name: 'In Flight Ltd', kind: 'STARTUP' },
    });
    await request.started;
    child.kill('SIGTERM');
    await outputMatching(child, output, /shutting down/);
    request.release();
    expect(await request.status).toBe(202);
    expect(await exited).toBe(0);
    expect(output()).toMatch(/"msg":"stopped"/);
    // The account is made after the answer; the drain waited for it rather than cutting it off.
    expect(output()).not.toMatch(/registration could not be completed/);
  });

  it('fails with one clear message when the configuration is invalid', async () => {
    await expect(startServer({ PORT: 'eighty', APP_ENV: 'production' })).rejects.toThrow(
      /could not start: Invalid configuration:[\s\S]*PORT[\s\S]*SESSION_SECRET/,
    );
  });

  it('fails with one clear message when the database cannot be reached', async () => {
    await expect(startServer({ MONGODB_URI: 'mongodb://127.0.0.1:1/' , DATABASE_WAIT_SECONDS: '2' })).rejects.toThrow(
      /could not start: Could not reach MongoDB at mongodb:\/\/127\.0\.0\.1:1\//,
    );
  });
});

describe('`npm start` interrupted with Ctrl-C', () => {
  it('drains the requests in flight, then stops the local database and exits 0, losing nothing', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilotline-start-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOCAL_MONGO_PORT: '0',
      MONGODB_DB: 'pilotline',
      SEED_ON_EMPTY: 'false',
      SEMANTIC_SEARCH: 'off',
      SEARCH_DRIVER: 'embedded',
      REGISTRATION_MAX_ATTEMPTS: '100',
      LOG_LEVEL: 'info',
    };
    // `npm start`'s own local database, not the test run's.
    delete env.MONGODB_URI;
    delete env.MEILI_HOST;
    // Its own process group, as a terminal gives a foreground command; Ctrl-C is SIGINT to that whole group.
    const npm = spawn('npm', ['start'], { cwd: repoRoot, env, detached: true });
    let output = '';
    npm.stdout.on('data', (chunk) => (output += String(chunk)));
    npm.stderr.on('data', (chunk) => (output += String(chunk)));
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    try {
      await outputMatching(npm, () => output, /running at http:\/\/localhost:\d+\//);
      const url = output.match(/running at (http:\/\/localhost:\d+)\//)?.[1] as string;

      const emails = Array.from({ length: 15 }, (_, index) => `ctrl-c-${index}@pilotline.test`);
      const requests = emails.map((email, index) =>
        holdRequest(`${url}/auth/register`, { email, password: TEST_PASSWORD, name: `Interrupted ${index}`, organisation: { name: `Interrupted ${index} Ltd`, kind: 'STARTUP' } }),
      );
      await Promise.all(requests.map((request) => request.started));
      process.kill(-(npm.pid as number), 'SIGINT');
      await outputMatching(npm, () => output, /shutting down/);
      for (const request of requests) request.release();

      const statuses = await Promise.all(requests.map((request) => request.status));
      expect(statuses.filter((status) => status !== 202)).toEqual([]);
      expect(await exited).toBe(0);
      expect(output).toMatch(/"msg":"stopped"/);
      expect(output).not.toMatch(/registration could not be completed/);

      // The database was stopped by the app, not killed with it: its file opens again (a running
      // launcher would hold its lock), and every account acknowledged before the Ctrl-C is in it.
      const database = await startLocalMongo({ backend: 'h2', dataFile: path.join(dataDir, 'mongo', 'pilotline.mv'), port: 0 });
      const client = await MongoClient.connect(database.uri);
      try {
        const stored = await client.db('pilotline').collection('users').find({ email: { $in: emails } }).toArray();
        expect(stored.map((user) => user.email).sort()).toEqual([...emails].sort());
      } finally {
        await client.close();
        await database.stop();
      }
    } finally {
      if (npm.exitCode === null) process.kill(-(npm.pid as number), 'SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
