import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LocalMongoError } from './local-mongo-error';

/*
 * The toolchain half of the local MongoDB: Java and Maven checks, and building our launcher
 * (server/mongo-launcher) when its jar is missing or older than its sources. local-mongo.ts runs it.
 */

// This file lives in server/dev under both tsx and ts-jest (CommonJS, so __dirname exists).
const REPO_ROOT = path.resolve(__dirname, '../..');
const LAUNCHER_DIR = path.join(REPO_ROOT, 'server', 'mongo-launcher');
const LAUNCHER_POM = path.join(LAUNCHER_DIR, 'pom.xml');
const LAUNCHER_SOURCES = path.join(LAUNCHER_DIR, 'src');
const LAUNCHER_JAR = path.join(LAUNCHER_DIR, 'target', 'pilotline-mongo-server.jar');

export const MINIMUM_JAVA_MAJOR = 17;
/** How many lines of a failing child's output an error quotes. */
export const OUTPUT_LINES_KEPT = 25;
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\x1b\[[0-9;]*[A-Za-z]/g;

let javaCheck: Promise<void> | undefined;
let launcherBuild: Promise<string> | undefined;

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
export function ensureJavaAvailable(): Promise<void> {
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
