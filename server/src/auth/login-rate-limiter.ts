/**
 * Counts login attempts in fixed windows, checked before any password is hashed, so a flood
 * of guesses costs us a map lookup instead of 75 ms of argon2 each.
 *
 * Two budgets: attempts per (client address, email) stop guessing one account; a wider budget
 * per client address stops spraying many accounts. State is in-process: with several app
 * instances each enforces its own budget, which still bounds the total by instances × budget.
 */
export class LoginRateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly maxAttemptsPerAccount: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt; returns the seconds to wait when a budget is spent, else undefined. */
  tryAttempt(clientAddress: string, email: string): number | undefined {
    const accountKey = `account:${clientAddress}:${email.toLowerCase()}`;
    const clientKey = `client:${clientAddress}`;
    const retryAfter = Math.max(
      this.retryAfterSeconds(accountKey, this.maxAttemptsPerAccount),
      this.retryAfterSeconds(clientKey, this.maxAttemptsPerAccount * 5),
    );
    if (retryAfter > 0) return retryAfter;
    this.count(accountKey);
    this.count(clientKey);
    return undefined;
  }

  /** A successful login clears that account's budget, so a typo earlier does not lock a user out later. */
  recordSuccess(clientAddress: string, email: string): void {
    this.windows.delete(`account:${clientAddress}:${email.toLowerCase()}`);
  }

  private retryAfterSeconds(key: string, limit: number): number {
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
