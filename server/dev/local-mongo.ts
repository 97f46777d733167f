import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LocalMongoError, type LocalMongoErrorCode } from './local-mongo-error';
import { ensureJavaAvailable, ensureLauncherBuilt, MINIMUM_JAVA_MAJOR, OUTPUT_LINES_KEPT } from './mongo-launcher-build';

/*
 * No MongoDB server can be installed on our dev and CI machines, so we run mongo-java-server through our own
 * launcher (server/mongo-launcher), which speaks the wire protocol and reports MongoDB 7.0 so mongoose 9 accepts it.
 * Production uses a real MongoDB and never touches this file: it is dev and test tooling, outside the compiled
 * server/src, so the production image does not carry it.
 */

/** A running local MongoDB; the uri names no database because each caller (app, test file) picks its own. */
export interface LocalMongo {
  readonly uri: string;
  stop(): Promise<void>;
}

/** How to run the local MongoDB: `memory` for tests, `h2` with a `dataFile` for a dev database that survives restarts. */
export interface LocalMongoOptions {
  backend: 'memory' | 'h2';
  dataFile?: string;
  host?: string;
  /** 0 picks a free port; the chosen one is in the returned uri. */
  port?: number;
  onLog?: (line: string) => void;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const READY_PREFIX = 'PILOTLINE_MONGO_READY ';
const ERROR_PREFIX = 'PILOTLINE_MONGO_ERROR ';

/** The launcher's PILOTLINE_MONGO_ERROR codes (see PilotlineMongoServer.java) and what they mean here. */
const LAUNCHER_ERROR_CODES: ReadonlyMap<string, LocalMongoErrorCode> = new Map([
  ['BAD_ARGUMENTS', 'INVALID_OPTIONS'],
  ['PORT_IN_USE', 'PORT_IN_USE'],
  ['BIND_FAILED', 'BIND_FAILED'],
  ['DATA_FILE_UNWRITABLE', 'DATA_FILE_UNWRITABLE'],
  ['DATA_FILE_LOCKED', 'DATA_FILE_LOCKED'],
  ['DATA_FILE_CORRUPT', 'DATA_FILE_CORRUPT'],
]);

/**
 * Starts a local MongoDB (mongo-java-server) for dev or tests and resolves once it accepts connections.
 * Builds the launcher jar first if it is missing or older than its sources.
 */
export async function startLocalMongo(options: LocalMongoOptions): Promise<LocalMongo> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 27017;
  const launcherArgs = ['--host', host, '--port', String(port), '--backend', options.backend];
  if (options.backend === 'h2') {
    if (!options.dataFile) {
      throw new LocalMongoError('INVALID_OPTIONS', "The 'h2' backend needs a dataFile to keep its data in.");
    }
    const dataFile = path.resolve(options.dataFile);
    try {
      await mkdir(path.dirname(dataFile), { recursive: true });
    } catch (error) {
      throw new LocalMongoError(
        'DATA_FILE_UNWRITABLE',
        `Cannot create the directory for the local MongoDB data file ${dataFile}: ${(error as Error).message}`,
      );
    }
    launcherArgs.push('--file', dataFile);
  } else if (options.dataFile !== undefined) {
    throw new LocalMongoError('INVALID_OPTIONS', "The 'memory' backend keeps nothing on disk; drop dataFile or use 'h2'.");
  }

  await ensureJavaAvailable();
  const jar = await ensureLauncherBuilt(options.onLog);
  return spawnLauncher(jar, launcherArgs, options.onLog ?? (() => undefined));
}

function spawnLauncher(jar: string, launcherArgs: string[], onLog: (line: string) => void): Promise<LocalMongo> {
  // stdin stays an open pipe: the launcher exits when it reaches EOF, i.e. when this process dies for any reason.
  // Its own process group (detached): Ctrl-C or a signal to `npm start`'s group reaches the app, which drains
  // its requests and only then stops the database; in the app's group the database would die first.
  const child = spawn('java', ['-jar', jar, ...launcherArgs], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stopOnParentExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnParentExit);
  void exited.then(() => process.removeListener('exit', stopOnParentExit));

  return new Promise<LocalMongo>((resolve, reject) => {
    let ready = false;
    let stopRequested = false;
    let launcherError: LocalMongoError | undefined;
    const recentStderr: string[] = [];

    const fail = (error: LocalMongoError) => {
      clearTimeout(readyTimer);
      reject(error);
    };
    const readyTimer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(
        new LocalMongoError(
          'START_TIMEOUT',
          `The local MongoDB did not report ready within ${READY_TIMEOUT_MS / 1000} s. Last output:\n${recentStderr.join('\n')}`,
        ),
      );
    }, READY_TIMEOUT_MS);

    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!ready && line.startsWith(READY_PREFIX)) {
        ready = true;
        clearTimeout(readyTimer);
        const hostPort = line.slice(READY_PREFIX.length).trim();
        resolve({
          uri: `mongodb://${hostPort}/`,
          stop: () => {
            stopRequested = true;
            return stopLauncher(child, exited);
          },
        });
      } else {
        onLog(line);
      }
    });

    createInterface({ input: child.stderr }).on('line', (line) => {
      if (line.startsWith(ERROR_PREFIX)) {
        launcherError = toLocalMongoError(line.slice(ERROR_PREFIX.length));
      }
      recentStderr.push(line);
      if (recentStderr.length > OUTPUT_LINES_KEPT) recentStderr.shift();
      onLog(line);
    });

    child.once('error', (error: NodeJS.ErrnoException) => {
      if (ready) return;
      fail(
        error.code === 'ENOENT'
          ? new LocalMongoError('JAVA_MISSING', `Java is not installed. Install Java ${MINIMUM_JAVA_MAJOR}; the local MongoDB runs on it.`)
          : new LocalMongoError('EXITED_EARLY', `Could not start the local MongoDB: ${error.message}`),
      );
    });

    child.once('close', (exitCode, signal) => {
      if (ready) {
        if (!stopRequested) onLog(`local MongoDB exited unexpectedly (${exitCode ?? signal})`);
        return;
      }
      fail(
        launcherError ??
          new LocalMongoError(
            'EXITED_EARLY',
            `The local MongoDB exited (${exitCode ?? signal}) before it was ready. Last output:\n${recentStderr.join('\n')}`,
          ),
      );
    });
  });
}

/** `CODE message` from the launcher; unknown codes are kept in the message rather than guessed at. */
function toLocalMongoError(codeAndMessage: string): LocalMongoError {
  const separator = codeAndMessage.indexOf(' ');
  const code = separator === -1 ? codeAndMessage : codeAndMessage.slice(0, separator);
  const message = separator === -1 ? code : codeAndMessage.slice(separator + 1);
  const localCode = LAUNCHER_ERROR_CODES.get(code);
  if (localCode) {
    return new LocalMongoError(localCode, `Local MongoDB: ${message}`);
  }
  return new LocalMongoError('EXITED_EARLY', `Local MongoDB failed to start: ${codeAndMessage}`);
}

async function stopLauncher(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    await exited;
    return;
  }
  // SIGTERM lets the launcher close H2 cleanly; SIGKILL only if it hangs.
  child.kill('SIGTERM');
  const forceKill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(forceKill);
  }
}

