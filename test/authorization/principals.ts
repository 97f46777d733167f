import type { TestApp, TestSession } from '../testkit/test-app';
import { addMember, registerOrganisation, registerStaff, type Account } from '../testkit/accounts';

/** The seven kinds of caller every protected operation is tried as. */
export const PRINCIPALS = [
  'anonymous',
  'owningBodyMember',
  'otherBodyMember',
  'respondingStartupMember',
  'otherStartupMember',
  'staff',
  'admin',
] as const;

export type Principal = (typeof PRINCIPALS)[number];

/**
 * The cast of an authorization run. Principals are plain MEMBERs of their organisations; the
 * owners exist to create the records the principals act on.
 */
export interface World {
  app: TestApp;
  owningBodyOwner: Account;
  owningBody: Account;
  otherBody: Account;
  respondingStartupOwner: Account;
  respondingStartup: Account;
  otherStartup: Account;
  staff: Account;
  admin: TestSession;
  session(principal: Principal): TestSession;
  /** The principal's account, for cases whose target is the caller's own (e.g. an invitation to them). */
  account(principal: Principal): Account | undefined;
}

/** Registers the cast: two verified public bodies, two verified start-ups, staff and the admin. */
export async function createWorld(app: TestApp): Promise<World> {
  const owningBodyOwner = await registerOrganisation(app, 'PUBLIC_BODY', { label: 'owning-body' });
  const owningBody = await addMember(app, owningBodyOwner);
  const otherBody = await addMember(app, await registerOrganisation(app, 'PUBLIC_BODY', { label: 'other-body' }));
  const respondingStartupOwner = await registerOrganisation(app, 'STARTUP', { label: 'responding-startup' });
  const respondingStartup = await addMember(app, respondingStartupOwner);
  const otherStartup = await addMember(app, await registerOrganisation(app, 'STARTUP', { label: 'other-startup' }));
  const staff = await registerStaff(app);
  const admin = await app.admin();
  const anonymous = app.session();
  const accounts: Record<Principal, Account | undefined> = {
    anonymous: undefined,
    owningBodyMember: owningBody,
    otherBodyMember: otherBody,
    respondingStartupMember: respondingStartup,
    otherStartupMember: otherStartup,
    staff,
    admin: undefined,
  };
  return {
    app,
    owningBodyOwner,
    owningBody,
    otherBody,
    respondingStartupOwner,
    respondingStartup,
    otherStartup,
    staff,
    admin,
    session: (principal) => (principal === 'admin' ? admin : (accounts[principal]?.session ?? anonymous)),
    account: (principal) => accounts[principal],
  };
}
