import { systemContext, type ServiceCollaborators, type ServiceContext } from '../context/service-context';
import type { EventConsumer } from '../events/event-dispatcher';
import type { PeriodicJob } from '../search-sync/periodic-jobs';
import { deliverNotifications, sendDailyDigests, sendImmediateEmail } from './notification.service';

/** How often a worker retries immediate email that failed or whose sender died. */
export const EMAIL_RETRY_EVERY_MS = 60_000;
/** How often a worker looks for digests due; each is sent once, on the first pass after midnight UTC. */
export const DIGEST_EVERY_MS = 15 * 60_000;

/**
 * Notifications as a consumer of domain events, run by the worker loop's event dispatcher: each
 * event, however often it is handed over, notifies each recipient once (deliverNotifications).
 */
export function notificationEventConsumer(collaborators: ServiceCollaborators): EventConsumer {
  return {
    name: 'notifications',
    // Telling people now of what happened before (an imported demo) would only flood their inboxes.
    actsOnHistory: false,
    async handle(event) {
      await deliverNotifications(systemContext(collaborators), event);
    },
  };
}

/** Runs `send` until it finds nothing more, as one job pass. */
function untilDone(send: (ctx: ServiceContext) => Promise<number>) {
  return async (ctx: ServiceContext) => {
    let total = 0;
    for (;;) {
      const sent = await send(ctx);
      total += sent;
      if (sent === 0) return total;
    }
  };
}

/** The email jobs of the worker loop, each under its job lease, acting as the platform at the pass's `now`. */
export function notificationJobs(platformAt: (now: Date) => ServiceContext): PeriodicJob[] {
  const retry = untilDone((ctx) => sendImmediateEmail(ctx));
  const digests = untilDone(sendDailyDigests);
  return [
    { name: 'notification-email-retry', everyMs: EMAIL_RETRY_EVERY_MS, run: (now) => retry(platformAt(now)) },
    { name: 'notification-daily-digest', everyMs: DIGEST_EVERY_MS, run: (now) => digests(platformAt(now)) },
  ];
}
