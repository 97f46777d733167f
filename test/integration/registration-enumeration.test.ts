import type { Mailer } from '../../server/src/mail/mailer';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../testkit/test-app';
import { uniqueEmail } from '../testkit/accounts';

/** A mailer that holds every message until released, so a test can see what is answered before mail goes out. */
class HeldMailer implements Mailer {
  private held: (() => void)[] = [];
  private holding = true;
  private onArrival: (() => void)[] = [];

  send(): Promise<void> {
    if (!this.holding) return Promise.resolve();
    return new Promise((resolve) => {
      this.held.push(resolve);
      for (const notify of this.onArrival.splice(0)) notify();
    });
  }

  /** Resolves once `count` messages are being held. */
  async reached(count: number): Promise<void> {
    while (this.held.length < count) await new Promise<void>((resolve) => this.onArrival.push(resolve));
  }

  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const resolve of this.held.splice(0)) resolve();
  }
}

/**
 * Registration must not tell anyone which emails have accounts, by its answer or by its timing.
 * Timing is not measured here (no timed assertions); instead the test shows the answer is given
 * before any of the work that differs between a free and a taken email, which is what makes the
 * time the same by construction.
 */
const held = new HeldMailer();
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, { mailer: held });
});
afterAll(async () => {
  held.release();
  await app.close();
});

function registration(email: string) {
  return { email, password: TEST_PASSWORD, name: 'Held Mail', organisation: { name: 'Held Mail Ltd', kind: 'STARTUP', region: 'LONDON' } };
}

it('answers before doing any of the work that differs between a new and a taken email', async () => {
  const existing = uniqueEmail('held-existing');
  held.release();
  await app.session().post('/auth/register', registration(existing)).expect(202);
  await app.pilotline.idle();
  held.hold();
  // Both answers arrive while the follow-up (a verification link, or the note to the owner) cannot
  // finish: a route that waited for it, or for anything that looks the email up first, would hang here.
  const taken = await app.session().post('/auth/register', registration(existing));
  const free = await app.session().post('/auth/register', registration(uniqueEmail('held-free')));
  expect([taken.status, free.status]).toEqual([202, 202]);
  expect(taken.body).toEqual(free.body);
  await held.reached(2);
  held.release();
  await app.pilotline.idle();
});
