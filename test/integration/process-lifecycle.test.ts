import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { TEST_PASSWORD } from '../testkit/test-app';

const repoRoot = path.resolve(__dirname, '..', '..');

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
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
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
    const body = JSON.stringify({
      email: `in-flight-${Date.now()}@pilotline.test`,
      password: TEST_PASSWORD,
      name: 'In Flight',
      organisation: { name: 'In Flight Ltd', kind: 'STARTUP' },
    });
    // The request is held in flight by construction, not by sleeps: `Expect: 100-continue` makes the
    // server answer 'continue' once it has parsed the headers; only then comes SIGTERM, and only once
    // the server says it is shutting down does the body follow.
    const request = http.request(`${url}/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Expect: '100-continue' },
    });
    const response = new Promise<number>((resolve, reject) => {
      request.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    const headersRead = new Promise<void>((resolve) => request.once('continue', () => resolve()));
    request.flushHeaders();
    await headersRead;
    child.kill('SIGTERM');
    await outputMatching(child, output, /shutting down/);
    request.end(body);
    expect(await response).toBe(202);
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
