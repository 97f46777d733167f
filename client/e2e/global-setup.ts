import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ARTIFACTS_DIR, REPO_ROOT, summariseAxe } from './artifacts';
import { startSmtpServer, type TestSmtpServer } from '../../test/testkit/smtp-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** A JSON line per message the server sent, as a real SMTP server received it. */
    mailbox: string;
  }
}

/** Starts a child process and resolves with the first line of its output that matches `ready`. */
function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, logFile: string): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(logFile);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 120 s:\n${output.slice(-3000)}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      output += String(chunk);
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output.slice(-3000)}`));
    });
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The real server, as `npm start` runs it, on a fresh in-memory database with the demo data and
 * the embedded search engine, serving the built client. It sends email (invitations, address
 * confirmations) by SMTP, as production does, to a test SMTP server that keeps each message in
 * the mailbox file; the log redacts links, so the journeys read them from there.
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(REPO_ROOT, 'client', 'dist', 'index.html'))) {
    throw new Error('client/dist is missing: run `npm run client:build` before the browser tests');
  }
  fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(ARTIFACTS_DIR, 'screenshots'), { recursive: true });

  let mongo: ChildProcess | undefined;
  let server: ChildProcess | undefined;
  let smtp: TestSmtpServer | undefined;
  const mailbox = path.join(ARTIFACTS_DIR, 'mailbox.jsonl');
  fs.writeFileSync(mailbox, '');
  try {
    smtp = await startSmtpServer(undefined, (mail) => fs.appendFileSync(mailbox, `${JSON.stringify({ to: mail.to, text: mail.decoded })}\n`));
    const started = await startProcess(
      'the in-memory MongoDB',
      [
        '--import',
        'tsx',
        '-e',
        `require('./server/dev/local-mongo').startLocalMongo({ backend: 'memory', port: 0 }).then((mongo) => {
           console.log('E2E_MONGO_URI ' + mongo.uri);
           process.on('SIGTERM', () => mongo.stop().then(() => process.exit(0)));
         }, (error) => { console.error(error.message); process.exit(1); });`,
      ],
      process.env,
      /E2E_MONGO_URI (\S+)/,
      path.join(ARTIFACTS_DIR, 'mongo.log'),
    );
    mongo = started.child;
    const serverLog = path.join(ARTIFACTS_DIR, 'server.log');
    const app = await startProcess(
      'the Pilotline server',
      ['--import', 'tsx', 'server/dev/start.ts'],
      {
        ...process.env,
        APP_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        MONGODB_URI: started.match[1],
        MONGODB_DB: `e2e_${crypto.randomBytes(6).toString('hex')}`,
        SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
        SEED_ON_EMPTY: 'true',
        SEARCH_DRIVER: 'embedded',
        MAIL_DRIVER: 'smtp',
        SMTP_URL: smtp.url,
        LOG_LEVEL: 'info',
        // Every journey signs in from the same address; the limiter is tested on its own elsewhere.
        LOGIN_MAX_ATTEMPTS: '500',
      },
      /running at (http:\/\/localhost:\d+)\//,
      serverLog,
    );
    server = app.child;
    project.provide('baseUrl', app.match[1] as string);
    project.provide('mailbox', mailbox);
  } catch (error) {
    await stop(server);
    await stop(mongo);
    await smtp?.close();
    throw error;
  }

  return async () => {
    await stop(server);
    await stop(mongo);
    await smtp?.close();
    const axe = summariseAxe();
    console.log(
      `\naxe: ${axe.pages} pages scanned; violations by impact: critical ${axe.critical}, serious ${axe.serious}, moderate ${axe.moderate}, minor ${axe.minor}` +
        `\nscreenshots in ${path.relative(REPO_ROOT, path.join(ARTIFACTS_DIR, 'screenshots'))}/`,
    );
  };
}
