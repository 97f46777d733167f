import type { Resolvers } from '../contract/generated/resolvers-types';
import { loadRequired } from '../db/loaders';
import { dashboard } from './dashboard.service';
import { fairness } from './fairness.service';

export const reportingResolvers: Resolvers = {
  Query: {
    dashboard: (_parent, { filter }, ctx) => dashboard(ctx, filter),
    fairness: (_parent, { filter, first }, ctx) => fairness(ctx, { filter, first }),
  },
  StartupExposure: {
    organisation: (startup, _args, { loaders }) => loadRequired(loaders.organisationById, 'Organisation', startup.organisationId),
  },
};
