import { AppError } from '../shared/errors';
import { defineLifecycle } from '../shared/lifecycle';
import type { MatchEvent, MatchStatus } from '../contract/generated/resolvers-types';
import type { MatchRecord } from './match.model';
import { matchRolesOf, partyOf, type MatchRole } from './match.policy';

/** The events fired on an existing match; SUGGEST creates one and is only ever the first history entry. */
export type MatchLifecycleEvent = Exclude<MatchEvent, 'SUGGEST'>;

const hasAccepted = (match: MatchRecord, party: ReturnType<typeof partyOf>) =>
  party === 'PUBLIC_BODY' ? match.publicBodyAcceptedAt != null : match.startupAcceptedAt != null;

/**
 * When a match may move. ACCEPT lands on ACCEPTED only once both sides have accepted: the first
 * acceptance is recorded and the match stays INTRODUCED (see acceptMatch). REJECT is open until
 * either side has decided; RESUGGEST brings a rejected pair back only after a material change.
 */
export const matchLifecycle = defineLifecycle<MatchStatus, MatchLifecycleEvent, MatchRole, MatchRecord>({
  entity: 'match',
  initial: 'SUGGESTED',
  terminal: ['ACCEPTED', 'DECLINED'],
  transitions: {
    SUGGESTED: { SHORTLIST: 'SHORTLISTED', REJECT: 'REJECTED' },
    SHORTLISTED: { INTRODUCE: 'INTRODUCED', REJECT: 'REJECTED' },
    INTRODUCED: { ACCEPT: 'ACCEPTED', DECLINE: 'DECLINED', REJECT: 'REJECTED' },
    ACCEPTED: {},
    DECLINED: {},
    REJECTED: { RESUGGEST: 'SUGGESTED' },
  },
  roles: {
    SHORTLIST: ['STAFF'],
    INTRODUCE: ['STAFF'],
    ACCEPT: ['PUBLIC_BODY', 'STARTUP'],
    DECLINE: ['PUBLIC_BODY', 'STARTUP'],
    REJECT: ['STAFF'],
    // A staff member's own run suggests again as well as the platform's background run.
    RESUGGEST: ['PLATFORM', 'STAFF'],
  },
  rolesOf: matchRolesOf,
  guards: {
    ACCEPT: (match, { actor }) =>
      hasAccepted(match, partyOf(actor, match)) ? new AppError('CONFLICT', 'Your side has already accepted this introduction.') : undefined,
  },
});
