import type { ServiceContext } from '../server/src/context/service-context';

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
