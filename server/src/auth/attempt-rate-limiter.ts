/** One budget an attempt spends: at most `limit` attempts per window under `key`. */
export interface AttemptBudget {
  key: string;
  limit: number;
}

/**
 * How many keys the limiter tracks at once unless told otherwise: far more distinct clients and
 * accounts than sign in within one window, and at most some 500 bytes an entry (an email has at
 * most 254 characters), so an attack that rotates keys holds the table to about 25 MB.
 */
export const DEFAULT_MAX_TRACKED_KEYS = 50_000;

/**
 * Counts attempts in fixed windows, checked before any password is hashed, so a flood of
 * sign-ins or registrations costs us a map lookup instead of 75 ms of argon2 each.
 *
 * The keys it tracks are capped. When the table is full of open windows, an attempt that would
 * open another is refused until the oldest window closes, while keys already tracked go on
 * counting. Evicting instead would let an attacker who rotates keys wipe the count of the
 * account they are guessing; refusing only costs new clients a wait during such an attack.
 *
 * State is in-process: with several app instances each enforces its own budget, which still
 * bounds the total by instances × budget.
 */
export class AttemptRateLimiter {
  /** In the order their windows opened; every window has the same length, so also the order they close. */
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxTrackedKeys: number = DEFAULT_MAX_TRACKED_KEYS,
  ) {}

  /** Spends one attempt from every budget; returns the seconds to wait when any is spent or the table is full, else undefined. */
  tryAttempt(budgets: AttemptBudget[]): number | undefined {
    const now = this.now();
    this.dropClosed(now);
    const retryAfter = Math.max(0, ...budgets.map((budget) => this.retryAfterSeconds(budget, now)));
    if (retryAfter > 0) return retryAfter;
    const opening = budgets.filter((budget) => !this.windows.has(budget.key)).length;
    if (this.windows.size + opening > this.maxTrackedKeys) return this.secondsUntilOldestCloses(now);
    for (const budget of budgets) this.count(budget.key, now);
    return undefined;
  }

  /** Gives a budget back in full, e.g. an account's after a successful sign-in. */
  reset(key: string): void {
    this.windows.delete(key);
  }

  /**
   * The key's window unless it has closed. A closed one can outlive dropClosed() when the clock
   * steps back, as a window opened later may then close sooner than one in front of it.
   */
  private openWindow(key: string, now: number) {
    const window = this.windows.get(key);
    return window && window.resetAt > now ? window : undefined;
  }

  private retryAfterSeconds({ key, limit }: AttemptBudget, now: number): number {
    const window = this.openWindow(key, now);
    if (!window) return 0;
    return window.count >= limit ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  private count(key: string, now: number): void {
    const window = this.openWindow(key, now);
    if (window) {
      window.count += 1;
      return;
    }
    this.windows.delete(key);
    this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
  }

  /** Closed windows are at the front, so this stops at the first open one. */
  private dropClosed(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.resetAt > now) return;
      this.windows.delete(key);
    }
  }

  private secondsUntilOldestCloses(now: number): number {
    const oldest = this.windows.values().next().value as { resetAt: number } | undefined;
    return Math.max(1, Math.ceil(((oldest?.resetAt ?? now) - now) / 1000));
  }
}

/**
 * Sign-in budgets: attempts per (client address, email) stop guessing one account; five times
 * that per client address stops spraying many accounts.
 */
export function signInBudgets(maxAttempts: number, clientAddress: string, email: string): AttemptBudget[] {
  return [
    { key: signInAccountKey(clientAddress, email), limit: maxAttempts },
    { key: `sign-in-client:${clientAddress}`, limit: maxAttempts * 5 },
  ];
}

export function signInAccountKey(clientAddress: string, email: string): string {
  return `sign-in:${clientAddress}:${email.toLowerCase()}`;
}

/** Registration budget: every registration costs a hash and an email, whatever address it names. */
export function registrationBudgets(maxAttempts: number, clientAddress: string): AttemptBudget[] {
  return [{ key: `register-client:${clientAddress}`, limit: maxAttempts }];
}
