/** One budget an attempt spends: at most `limit` attempts per window under `key`. */
export interface AttemptBudget {
  key: string;
  limit: number;
}

/**
 * Counts attempts in fixed windows, checked before any password is hashed, so a flood of
 * sign-ins or registrations costs us a map lookup instead of 75 ms of argon2 each.
 *
 * State is in-process: with several app instances each enforces its own budget, which still
 * bounds the total by instances × budget.
 */
export class AttemptRateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one attempt from every budget; returns the seconds to wait when any is spent, else undefined. */
  tryAttempt(budgets: AttemptBudget[]): number | undefined {
    const retryAfter = Math.max(0, ...budgets.map((budget) => this.retryAfterSeconds(budget)));
    if (retryAfter > 0) return retryAfter;
    for (const budget of budgets) this.count(budget.key);
    return undefined;
  }

  /** Gives a budget back in full, e.g. an account's after a successful sign-in. */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private retryAfterSeconds({ key, limit }: AttemptBudget): number {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= this.now()) return 0;
    return window.count >= limit ? Math.ceil((window.resetAt - this.now()) / 1000) : 0;
  }

  private count(key: string): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.pruneExpired(now);
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
    } else {
      window.count += 1;
    }
  }

  private pruneExpired(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
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
