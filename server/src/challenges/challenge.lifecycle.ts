import { isSystem } from '../shared/actor';
import { AppError } from '../shared/errors';
import { defineLifecycle } from '../shared/lifecycle';
import type { ChallengeEvent, ChallengeStatus } from '../contract/generated/resolvers-types';
import type { ChallengeRecord } from './challenge.model';
import { challengeRolesOf, deadlinePassed, ownerIsVerified, type ChallengeRole } from './challenge.policy';

/**
 * When a challenge may move. UPDATE is a self-loop so that "only drafts can be edited" is stated
 * here with the rest of the lifecycle and refused with the same INVALID_TRANSITION error. The
 * deadline closes an OPEN challenge: reads see it CLOSED at once (effectiveStatus), and the
 * sweeper fires CLOSE as the platform to store it.
 */
export const challengeLifecycle = defineLifecycle<ChallengeStatus, ChallengeEvent, ChallengeRole, ChallengeRecord>({
  entity: 'challenge',
  initial: 'DRAFT',
  terminal: ['ARCHIVED'],
  transitions: {
    DRAFT: { UPDATE: 'DRAFT', SUBMIT: 'SUBMITTED_FOR_REVIEW', WITHDRAW: 'WITHDRAWN' },
    SUBMITTED_FOR_REVIEW: { PUBLISH: 'OPEN', REQUEST_CHANGES: 'DRAFT', WITHDRAW: 'WITHDRAWN' },
    OPEN: { CLOSE: 'CLOSED', WITHDRAW: 'WITHDRAWN' },
    CLOSED: { ARCHIVE: 'ARCHIVED' },
    WITHDRAWN: { ARCHIVE: 'ARCHIVED' },
    ARCHIVED: {},
  },
  roles: {
    UPDATE: ['OWNER'],
    SUBMIT: ['OWNER'],
    PUBLISH: ['STAFF'],
    REQUEST_CHANGES: ['STAFF'],
    CLOSE: ['OWNER', 'STAFF', 'PLATFORM'],
    WITHDRAW: ['OWNER'],
    ARCHIVE: ['OWNER', 'STAFF'],
  },
  rolesOf: challengeRolesOf,
  guards: {
    /** Only verified public bodies put challenges in front of staff and start-ups. */
    SUBMIT: (challenge, { actor }) =>
      ownerIsVerified(actor, challenge)
        ? undefined
        : new AppError('NOT_ELIGIBLE', 'Your organisation must be verified by staff before it can submit challenges.'),
    /** The platform closes a challenge for one reason only: its deadline has passed. */
    CLOSE: (challenge, { actor, now }) =>
      isSystem(actor) && !deadlinePassed(challenge, now)
        ? new AppError('NOT_ELIGIBLE', 'The platform closes a challenge only once its response deadline has passed.')
        : undefined,
  },
});
