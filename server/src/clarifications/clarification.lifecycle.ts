import { defineLifecycle } from '../shared/lifecycle';
import type { ChallengeRecord } from '../challenges/challenge.model';
import { isChallengeOwner } from '../challenges/challenge.policy';
import type { ClarificationRecord, ClarificationStatus } from './clarification.model';

/** The challenge a clarification belongs to: its owner is who may answer. */
export interface ClarificationFacts {
  challenge: Pick<ChallengeRecord, 'organisationId'>;
}

/** A question is answered once; answers are published, so they are not rewritten afterwards. */
export const clarificationLifecycle = defineLifecycle<ClarificationStatus, 'ANSWER', 'CHALLENGE_OWNER', ClarificationRecord, ClarificationFacts>({
  entity: 'clarification',
  initial: 'UNANSWERED',
  terminal: ['ANSWERED'],
  transitions: {
    UNANSWERED: { ANSWER: 'ANSWERED' },
    ANSWERED: {},
  },
  roles: { ANSWER: ['CHALLENGE_OWNER'] },
  rolesOf: (actor, _clarification, { challenge }) => (isChallengeOwner(actor, challenge) ? ['CHALLENGE_OWNER'] : []),
});
