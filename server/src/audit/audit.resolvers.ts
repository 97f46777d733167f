import type { GraphQLFieldResolver } from 'graphql';
import type { Resolvers } from '../contract/generated/resolvers-types';
import type { ServiceContext } from '../context/service-context';
import { beginAuditedAction, finishAuditedAction, listAuditEvents, outcomeOf } from './audit.service';

export const auditResolvers: Resolvers = {
  Query: {
    auditEvents: (_parent, args, ctx) => listAuditEvents(ctx, args),
  },
  AuditEvent: {
    id: (event) => event._id.toHexString(),
    actorId: (event) => event.actorId.toHexString(),
    requestId: (event) => event.requestId ?? null,
  },
};

/** What a mutation sees of the request context here: the service context and the request's id. */
type RequestContext = ServiceContext & { requestId?: string };
type MutationResolver = GraphQLFieldResolver<unknown, RequestContext, Record<string, unknown>>;

/**
 * Wraps every mutation of a feature's resolvers so that staff actions are recorded before they
 * run and completed with their outcome. Applied where the schema is assembled, so no feature,
 * present or future, can forget it.
 */
export function auditingStaffMutations(resolvers: Resolvers): Resolvers {
  if (!resolvers.Mutation) return resolvers;
  const audited = Object.fromEntries(
    Object.entries(resolvers.Mutation as Record<string, MutationResolver>).map(([operation, resolve]) => [
      operation,
      async (parent: unknown, args: Record<string, unknown>, ctx: RequestContext, info: Parameters<MutationResolver>[3]) => {
        const event = await beginAuditedAction(ctx, { operation, args, requestId: ctx.requestId });
        try {
          const result = await resolve(parent, args, ctx, info);
          if (event) await finishAuditedAction(event, outcomeOf());
          return result;
        } catch (error) {
          if (event) await finishAuditedAction(event, outcomeOf(error));
          throw error;
        }
      },
    ]),
  );
  return { ...resolvers, Mutation: audited as Resolvers['Mutation'] };
}
