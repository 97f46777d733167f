import type { Logger } from '../shared/logger';

export interface FollowerLoopOptions {
  /** Names the worker in logs. */
  name: string;
  logger: Logger;
  /** One pass over everything followed; returns how many records it took. */
  pass: () => Promise<number>;
  /** How many records are still waiting, so a drain knows when it is done. */
  pendingCount: () => Promise<number>;
  /** Runs after every good pass of the background loop (the indexer reconciles and runs its periodic jobs there). */
  afterPass?: () => Promise<unknown>;
  idleDelayMs?: number;
  maxBackoffMs?: number;
  /** How long a drain waits between passes while records are leased by someone else. */
  leaseWaitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a follower's passes in the background until stopped, idling when there is nothing to do and
 * backing off with jitter while its consumer fails, so many workers do not retry in step.
 */
export class FollowerLoop {
  private running: Promise<void> | undefined;
  private stopRequested = false;
  private wake: (() => void) | undefined;
  private readonly idleDelayMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: FollowerLoopOptions) {
    this.idleDelayMs = options.idleDelayMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  /** Passes until nothing is pending: start-up catch-up, tests, and commands. */
  async drain(deadlineMs = 60_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    let failures = 0;
    for (;;) {
      try {
        const processed = await this.options.pass();
        if (processed === 0 && (await this.options.pendingCount()) === 0) return;
        if (processed === 0) await sleep(this.options.leaseWaitMs ?? 100);
        failures = 0;
      } catch (error) {
        failures += 1;
        if (Date.now() > deadline) throw error;
        await sleep(this.backoffMs(failures));
      }
    }
  }

  start(): void {
    if (this.running) return;
    this.stopRequested = false;
    this.running = this.loop();
  }

  /** Finishes the pass in hand, then stops. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    const { logger, name, afterPass } = this.options;
    let failures = 0;
    while (!this.stopRequested) {
      try {
        const processed = await this.options.pass();
        if (failures > 0) logger.info({ worker: name, failures }, `${name} recovered`);
        failures = 0;
        await afterPass?.();
        if (processed === 0) await this.pause(this.idleDelayMs);
      } catch (error) {
        failures += 1;
        const delay = this.backoffMs(failures);
        logger.warn({ err: error, worker: name, failures, retryInMs: delay }, `${name} failed; retrying`);
        await this.pause(delay);
      }
    }
  }

  /** Sleeps, but wakes at once on stop() so shutdown never waits out a long backoff. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private backoffMs(failures: number): number {
    const ceiling = Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(failures, 16));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}
