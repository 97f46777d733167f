import { type Actor, isMemberOf } from '../shared/actor';
import { challengePolicy } from '../challenges/challenge.policy';
import type { ChallengeRecord } from '../challenges/challenge.model';
import type { ClarificationRecord } from './clarification.model';

type ChallengeRef = Pick<ChallengeRecord, 'organisationId' | 'status' | 'responseDeadline'>;
type ClarificationRef = Pick<ClarificationRecord, 'status' | 'askedByOrganisationId'>;

/** Who sees which clarification, for someone who can already see the challenge. */
export const clarificationPolicy = {
  /** True when the viewer's organisation asked: the only thing about the asker anyone learns. */
  askedByViewer: (actor: Actor, clarification: ClarificationRef) => isMemberOf(actor, clarification.askedByOrganisationId.toHexString()),
  /** Answers are public; unanswered questions only to the owner, staff and the asking start-up. */
  canSee: (actor: Actor, challenge: ChallengeRef, clarification: ClarificationRef) =>
    clarification.status === 'ANSWERED' ||
    challengePolicy.canSeeInternals(actor, challenge) ||
    clarificationPolicy.askedByViewer(actor, clarification),
};
