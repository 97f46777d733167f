/**
 * A worker process for the notification durability test: it delivers domain events to the
 * notifications consumer from the test's database, reports each email it sends (`MAIL <to>
 * <subject>`) and, once it has handled HANG_AFTER events named HANG_EVENT, applies the next one and then stops
 * answering (`HUNG <event id>`), holding its leases, so the test can kill it at exactly that point:
 * after the write, before the acknowledgement.
 */
import { connectDatabase } from '../../server/src/db/connection';
import { createLogger } from '../../server/src/shared/logger';
import { loggingEventSink } from '../../server/src/context/service-context';
import { EventDispatcher } from '../../server/src/events/event-dispatcher';
import { eventSources } from '../../server/src/event-sources';
import { notificationEventConsumer } from '../../server/src/notifications/notification.worker';
import type { Mailer } from '../../server/src/mail/mailer';

async function run(): Promise<void> {
  const { MONGODB_URI, MONGODB_DB, HANG_EVENT, HANG_AFTER, LEASE_MS } = process.env;
  if (!MONGODB_URI || !MONGODB_DB) throw new Error('MONGODB_URI and MONGODB_DB are required');
  const logger = createLogger('silent');
  await connectDatabase(MONGODB_URI, MONGODB_DB, logger, 10_000);
  const mailer: Mailer = { send: async ({ to, subject }) => void process.stdout.write(`MAIL ${to} ${subject}\n`) };
  const consumer = notificationEventConsumer({ mailer, publicUrl: 'http://localhost:4000', events: loggingEventSink(logger), logger });
  let handled = 0;
  const hangAfter = Number(HANG_AFTER ?? 5);
  const dispatcher = new EventDispatcher(
    eventSources,
    [
      {
        name: consumer.name,
        async handle(event) {
          await consumer.handle(event);
          if (event.name !== HANG_EVENT) return;
          handled += 1;
          if (handled <= hangAfter) return;
          process.stdout.write(`HUNG ${event.id}\n`);
          await new Promise(() => undefined);
        },
      },
    ],
    { logger, owner: 'doomed-process', leaseMs: Number(LEASE_MS ?? 3000), idleDelayMs: 20 },
  );
  process.stdout.write('READY\n');
  dispatcher.start();
}

run().catch((error: unknown) => {
  process.stderr.write(`notification worker failed: ${String(error)}\n`);
  process.exit(1);
});
