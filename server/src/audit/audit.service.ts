import { z } from 'zod';
import type { ServiceContext } from '../context/service-context';
import type { AuditEventFilter } from '../contract/generated/resolvers-types';
import { findPage, type CountedPage } from '../db/find-page';
import { toObjectId } from '../db/ids';
import { requireUser } from '../shared/actor';
import { AppError, forbidden } from '../shared/errors';
import type { ListArgs } from '../shared/pagination';
import { parseInput } from '../shared/validation';
import { AuditEventModel, type AuditEventRecord } from './audit-event.model';
import { auditPolicy } from './audit.policy';

const SECRET_KEYS = new Set(['token', 'invitationToken', 'verificationToken', 'password']);
const MAX_ARGUMENTS_LENGTH = 4000;

function recordableArguments(args: unknown): string {
  const json = JSON.stringify(args, (key, value: unknown) => (SECRET_KEYS.has(key) ? '[redacted]' : value)) ?? '{}';
  return json.length > MAX_ARGUMENTS_LENGTH ? `${json.slice(0, MAX_ARGUMENTS_LENGTH)}…` : json;
}

/** What an audited action's outcome is recorded as: success, or the code it was refused or failed with. */
export function outcomeOf(error?: unknown): string {
  if (error === undefined) return 'SUCCEEDED';
  return error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR';
}

/**
 * Records that an audited actor is about to run `operation`; undefined for everyone else. Written
 * before the action, so an action whose record could not be written does not run at all.
 */
export async function beginAuditedAction(
  ctx: ServiceContext,
  action: { operation: string; args: unknown; requestId?: string },
): Promise<AuditEventRecord | undefined> {
  if (!auditPolicy.isAudited(ctx.actor)) return undefined;
  const actor = requireUser(ctx.actor);
  const event = await AuditEventModel.create({
    at: ctx.now,
    actorId: toObjectId('User', actor.userId),
    actorEmail: actor.email,
    actorRoles: actor.platformRoles,
    operation: action.operation,
    arguments: recordableArguments(action.args),
    outcome: 'PENDING',
    requestId: action.requestId,
  });
  return event.toObject();
}

/** Completes a record with the action's outcome. */
export async function finishAuditedAction(event: AuditEventRecord, outcome: string): Promise<void> {
  await AuditEventModel.updateOne({ _id: event._id }, { $set: { outcome } });
}

const filterSchema = z.strictObject({ actorId: z.string().optional(), operation: z.string().max(100).optional() });

/** The log, newest first; administrators only. */
export async function listAuditEvents(ctx: ServiceContext, { filter, first, after }: ListArgs<AuditEventFilter>): Promise<CountedPage<AuditEventRecord>> {
  requireUser(ctx.actor);
  if (!auditPolicy.canRead(ctx.actor)) throw forbidden('Only administrators can read the audit log.');
  const { actorId, operation } = parseInput(filterSchema, {
    actorId: filter?.actorId ?? undefined,
    operation: filter?.operation ?? undefined,
  });
  const conditions: Record<string, unknown>[] = [];
  if (actorId) conditions.push({ actorId: toObjectId('User', actorId) });
  if (operation) conditions.push({ operation });
  return findPage(AuditEventModel, conditions, first, after);
}
