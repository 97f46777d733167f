import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseServerError } from '../src/db/with-database';

/*
 * No MongoDB server can be installed on our dev and CI machines, so we run mongo-java-server through our own
 * launcher (server/mongo-launcher), which speaks the wire protocol and reports MongoDB 7.0 so mongoose 9 accepts it.
 * Production uses a real MongoDB and never touches this file: it is dev and test tooling, outside the compiled
 * server/src, so the production image does not carry it.
 */

/** Why starting the local MongoDB failed, so callers (dev start script, jest setup) can print the right fix. */
export type LocalMongoErrorCode =
  | 'JAVA_MISSING'
  | 'MVN_MISSING'
  | 'BUILD_FAILED'
  | 'INVALID_OPTIONS'
  | 'START_TIMEOUT'
  | 'EXITED_EARLY'
  | 'PORT_IN_USE'
  | 'BIND_FAILED'
  | 'DATA_FILE_UNWRITABLE'
  | 'DATA_FILE_LOCKED'
  | 'DATA_FILE_CORRUPT';

/** Raised by {@link startLocalMongo} and {@link ensureLauncherBuilt}; `code` is stable, the message says what to do. */
export class LocalMongoError extends DatabaseServerError {
  constructor(
    readonly code: LocalMongoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LocalMongoError';
  }
}

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

// This file lives in server/dev under both tsx and ts-jest (CommonJS, so __dirname exists).
const REPO_ROOT = path.resolve(__dirname, '../..');
const LAUNCHER_DIR = path.join(REPO_ROOT, 'server', 'mongo-launcher');
const LAUNCHER_POM = path.join(LAUNCHER_DIR, 'pom.xml');
const LAUNCHER_SOURCES = path.join(LAUNCHER_DIR, 'src');
const LAUNCHER_JAR = path.join(LAUNCHER_DIR, 'target', 'pilotline-mongo-server.jar');

const MINIMUM_JAVA_MAJOR = 17;
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_LINES_KEPT = 25;
const READY_PREFIX = 'PILOTLINE_MONGO_READY ';
const ERROR_PREFIX = 'PILOTLINE_MONGO_ERROR ';
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\x1b\[[0-9;]*[A-Za-z]/g;

/** The launcher's PILOTLINE_MONGO_ERROR codes (see PilotlineMongoServer.java) and what they mean here. */
const LAUNCHER_ERROR_CODES: ReadonlyMap<string, LocalMongoErrorCode> = new Map([
  ['BAD_ARGUMENTS', 'INVALID_OPTIONS'],
  ['PORT_IN_USE', 'PORT_IN_USE'],
  ['BIND_FAILED', 'BIND_FAILED'],
  ['DATA_FILE_UNWRITABLE', 'DATA_FILE_UNWRITABLE'],
  ['DATA_FILE_LOCKED', 'DATA_FILE_LOCKED'],
  ['DATA_FILE_CORRUPT', 'DATA_FILE_CORRUPT'],
]);

let javaCheck: Promise<void> | undefined;
let launcherBuild: Promise<string> | undefined;

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

/**
 * Builds server/mongo-launcher into its fat jar when the jar is missing or older than the pom or any source file,
 * and resolves to the jar's path. Concurrent callers in one process share a single build.
 */
export function ensureLauncherBuilt(onProgress?: (line: string) => void): Promise<string> {
  launcherBuild ??= buildLauncherIfStale(onProgress ?? (() => undefined)).finally(() => {
    // Forget the result so that later source edits (or a fixed build) are picked up on the next call.
    launcherBuild = undefined;
  });
  return launcherBuild;
}

async function buildLauncherIfStale(onProgress: (line: string) => void): Promise<string> {
  const jarModified = await modifiedTime(LAUNCHER_JAR);
  if (jarModified !== undefined && jarModified >= (await newestModifiedTime([LAUNCHER_POM, LAUNCHER_SOURCES]))) {
    return LAUNCHER_JAR;
  }
  await ensureJavaAvailable();
  onProgress(`Building the local MongoDB launcher (${path.relative(REPO_ROOT, LAUNCHER_JAR)}) with Maven...`);
  const startedAt = Date.now();
  const args = ['-q', '-B', '-f', LAUNCHER_POM, 'package', '-DskipTests'];
  const result = await runCollectingOutput('mvn', args, onProgress);
  if (result.spawnError?.code === 'ENOENT') {
    throw new LocalMongoError(
      'MVN_MISSING',
      'Maven (mvn) is not installed; it builds the local MongoDB launcher. Install Maven 3.8+ (apt-get install maven).',
    );
  }
  if (result.spawnError || result.exitCode !== 0 || (await modifiedTime(LAUNCHER_JAR)) === undefined) {
    const reason = result.spawnError?.message ?? `mvn exited with ${result.exitCode ?? result.signal}`;
    throw new LocalMongoError(
      'BUILD_FAILED',
      `Building the local MongoDB launcher failed (${reason}). Last Maven output:\n${result.lastLines.join('\n')}`,
    );
  }
  onProgress(`Built the local MongoDB launcher in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
  return LAUNCHER_JAR;
}

/** The launcher needs Java 17+; checked once per process because `java -version` costs a JVM start. */
function ensureJavaAvailable(): Promise<void> {
  javaCheck ??= checkJava().catch((error: unknown) => {
    javaCheck = undefined;
    throw error;
  });
  return javaCheck;
}

async function checkJava(): Promise<void> {
  const installHint = `Install Java ${MINIMUM_JAVA_MAJOR} (apt-get install openjdk-${MINIMUM_JAVA_MAJOR}-jdk-headless); the local MongoDB runs on it.`;
  const result = await runCollectingOutput('java', ['-version'], () => undefined);
  if (result.spawnError || result.exitCode !== 0) {
    throw new LocalMongoError('JAVA_MISSING', `Java is not installed or does not run. ${installHint}`);
  }
  const major = parseJavaMajorVersion(result.lastLines.join('\n'));
  if (major !== undefined && major < MINIMUM_JAVA_MAJOR) {
    throw new LocalMongoError('JAVA_MISSING', `Found Java ${major}, which is too old. ${installHint}`);
  }
}

function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  const first = Number(match?.[1]);
  if (!Number.isFinite(first)) return undefined;
  // Java 8 and older call themselves 1.x.
  return first === 1 ? Number(match?.[2]) : first;
}

function spawnLauncher(jar: string, launcherArgs: string[], onLog: (line: string) => void): Promise<LocalMongo> {
  // stdin stays an open pipe: the launcher exits when it reaches EOF, i.e. when this process dies for any reason.
  const child = spawn('java', ['-jar', jar, ...launcherArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
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

interface CollectedRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: NodeJS.ErrnoException;
  lastLines: string[];
}

function runCollectingOutput(command: string, args: string[], onLine: (line: string) => void): Promise<CollectedRun> {
  return new Promise((resolve) => {
    const lastLines: string[] = [];
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (rawLine: string) => {
      // Debian's Maven 3.8 prints bare ANSI resets even with -B and -q.
      const line = rawLine.replace(ANSI_ESCAPE, '');
      if (line.trim() === '') return;
      lastLines.push(line);
      if (lastLines.length > OUTPUT_LINES_KEPT) lastLines.shift();
      onLine(line);
    };
    createInterface({ input: child.stdout }).on('line', collect);
    createInterface({ input: child.stderr }).on('line', collect);
    child.once('error', (spawnError: NodeJS.ErrnoException) =>
      resolve({ exitCode: null, signal: null, spawnError, lastLines }),
    );
    child.once('close', (exitCode, signal) => resolve({ exitCode, signal, lastLines }));
  });
}

async function modifiedTime(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Newest modification time among the given files and everything beneath the given directories. */
async function newestModifiedTime(paths: string[]): Promise<number> {
  let newest = 0;
  for (const entryPath of paths) {
    const info = await stat(entryPath).catch(() => undefined);
    if (!info) continue;
    newest = Math.max(newest, info.mtimeMs);
    if (info.isDirectory()) {
      const children = await readdir(entryPath);
      newest = Math.max(newest, await newestModifiedTime(children.map((child) => path.join(entryPath, child))));
    }
  }
  return newest;
}
