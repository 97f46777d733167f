import { z } from 'zod';
import { toObjectId } from '../db/ids';
import { eventUpdate } from '../db/domain-events';
import { type Actor, requireUser } from '../shared/actor';
import type { ServiceContext } from '../context/service-context';
import { AppError, forbidden, notFound } from '../shared/errors';
import { invalidTransition } from '../shared/lifecycle';
import { parseInput } from '../shared/validation';
import type { AnswerClarificationInput, AskClarificationInput } from '../contract/generated/resolvers-types';
import type { ChallengeRecord } from '../challenges/challenge.model';
import { challengePolicy } from '../challenges/challenge.policy';
import { getChallenge } from '../challenges/challenge.service';
import { ClarificationModel, type ClarificationRecord } from './clarification.model';
import { clarificationPolicy } from './clarification.policy';
import { clarificationLifecycle } from './clarification.lifecycle';

const askSchema = z.strictObject({ challengeId: z.string(), question: z.string().trim().min(10).max(2000) });
const answerSchema = z.strictObject({ clarificationId: z.string(), answer: z.string().trim().min(2).max(5000) });

/** Members of a verified start-up ask about an OPEN challenge, on behalf of their start-up. */
export async function askClarification(ctx: ServiceContext, input: AskClarificationInput): Promise<ClarificationRecord> {
  const { actor } = ctx;
  const user = requireUser(actor);
  const challenge = await getChallenge(ctx, input.challengeId);
  const startup = user.memberships.find((m) => m.organisationKind === 'STARTUP' && m.organisationVerified);
  if (!startup) {
    if (user.memberships.some((m) => m.organisationKind === 'STARTUP')) {
      throw new AppError('NOT_ELIGIBLE', 'Your start-up must be verified by staff before it can ask questions.');
    }
    throw forbidden('Only start-ups can ask clarification questions.');
  }
  const { question } = parseInput(askSchema, input);
  if (!challengePolicy.canAskQuestion(actor, challenge, ctx.now)) {
    throw new AppError('NOT_ELIGIBLE', 'This challenge is no longer open for questions.');
  }
  const clarification = await ClarificationModel.create({
    challengeId: challenge._id,
    askedByOrganisationId: toObjectId('Organisation', startup.organisationId),
    askedBy: toObjectId('User', user.userId),
    question,
    status: 'UNANSWERED',
  });
  return clarification.toObject();
}

/** Members of the owning public body answer a question once; the answer is then public with the challenge. */
export async function answerClarification(ctx: ServiceContext, input: AnswerClarificationInput): Promise<ClarificationRecord> {
  const { actor } = ctx;
  const user = requireUser(actor);
  const clarification = await ClarificationModel.findById(toObjectId('Clarification', input.clarificationId)).lean();
  if (!clarification) throw notFound('Clarification', input.clarificationId);
  // A hidden challenge hides its questions; the error names the clarification, not the challenge.
  const challenge = await getChallenge(ctx, clarification.challengeId.toHexString()).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('Clarification', input.clarificationId) : error;
  });
  if (!clarificationPolicy.canSee(actor, challenge, clarification)) throw notFound('Clarification', input.clarificationId);
  const at = { ...ctx, challenge };
  clarificationLifecycle.assertRole(clarification, 'ANSWER', at);
  const { answer } = parseInput(answerSchema, input);
  if (!challengePolicy.canAnswerQuestion(actor, challenge)) {
    throw new AppError('NOT_ELIGIBLE', `Questions cannot be answered on a ${challenge.status} challenge.`);
  }
  return clarificationLifecycle.fire(clarification, 'ANSWER', at, {
    changes: () => ({ answer, answeredBy: toObjectId('User', user.userId), answeredAt: ctx.now }),
    save: async (update, transition) => {
      const { from, to, event } = transition;
      // Conditional on the state alone, so the version is set rather than incremented: the event's version is the record's.
      const version = (clarification.version ?? 0) + 1;
      const recorded = eventUpdate(transition, version);
      const answered = await ClarificationModel.findOneAndUpdate(
        { _id: clarification._id, status: from },
        { $set: { ...update, ...recorded.$set, version }, $push: recorded.$push },
        { returnDocument: 'after' },
      ).lean();
      // A colleague answered first: the state it is in now accepts no second answer.
      if (!answered) throw invalidTransition('clarification', to, event, []);
      return answered;
    },
  });
}

/** The clarifications of a challenge the actor can see, filtered to those they may read. */
export function visibleClarifications(actor: Actor, challenge: ChallengeRecord, records: ClarificationRecord[]): ClarificationRecord[] {
  return records.filter((record) => clarificationPolicy.canSee(actor, challenge, record));
}
