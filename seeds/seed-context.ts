import type { Config } from '../server/src/config/config';
import type { Logger } from '../server/src/shared/logger';
import { createMailer } from '../server/src/mail/create-mailer';
import { loggingEventSink, systemContext, type ServiceContext } from '../server/src/context/service-context';

/** The platform's own context for loading the demo, on the configured collaborators. */
export function seedingContext(config: Config, logger: Logger): ServiceContext {
  return systemContext({ mailer: createMailer(config, logger), publicUrl: config.publicUrl, events: loggingEventSink(logger), logger });
}

/** What later seeding steps need from the people step: who acts for each organisation. */
export interface SeedContext {
  /** The platform itself, for what no person does (bootstrapping, issuing invitation tokens). */
  system: ServiceContext;
  /** The first administrator, who verifies organisations and publishes challenges. */
  admin: ServiceContext;
  organisationIdByKey: Map<string, string>;
  /** The owner of an organisation, acting for it. */
  ownerOf(orgKey: string): ServiceContext;
  log: (message: string) => void;
}
