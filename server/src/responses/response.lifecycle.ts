import { defineLifecycle } from '../shared/lifecycle';
import type { ResponseEvent, ResponseStatus } from '../contract/generated/resolvers-types';
import type { ChallengeRecord } from '../challenges/challenge.model';
import { challengeWindowRules, notEligible } from '../challenges/challenge-requirements';
import type { ResponseRecord } from './response.model';
import { responseRolesOf, type ResponseRole } from './response.policy';

/** What the guards need to know about the challenge a response answers (null when it was not loaded). */
export interface ResponseFacts {
  challenge: Pick<ChallengeRecord, 'status' | 'responseDeadline'> | null;
}

/**
 * When a response may move. The start-up writes and withdraws it; the public body and staff
 * decide on it. Decided responses are final; a withdrawn one frees the start-up to respond again.
 */
export const responseLifecycle = defineLifecycle<ResponseStatus, ResponseEvent, ResponseRole, ResponseRecord, ResponseFacts>({
  entity: 'response',
  initial: 'SUBMITTED',
  terminal: ['DECLINED', 'WITHDRAWN'],
  transitions: {
    SUBMITTED: { UPDATE: 'SUBMITTED', SHORTLIST: 'SHORTLISTED', DECLINE: 'DECLINED', WITHDRAW: 'WITHDRAWN' },
    SHORTLISTED: { DECLINE: 'DECLINED', WITHDRAW: 'WITHDRAWN' },
    DECLINED: {},
    WITHDRAWN: {},
  },
  roles: {
    UPDATE: ['RESPONDER'],
    WITHDRAW: ['RESPONDER'],
    SHORTLIST: ['CHALLENGE_OWNER', 'STAFF'],
    DECLINE: ['CHALLENGE_OWNER', 'STAFF'],
  },
  rolesOf: responseRolesOf,
  guards: {
    /** Edits stop when the challenge stops taking responses: every start-up's offer is fixed at the deadline. */
    UPDATE: (_response, { challenge, now }) => {
      const closed = challenge ? challengeWindowRules(challenge, now) : [{ rule: 'CHALLENGE_NOT_OPEN' as const, message: 'The challenge is not open.' }];
      return closed.length > 0 ? notEligible(closed) : undefined;
    },
  },
});
