import type { AuthorizationCase } from './run-case';

const STAFF = ['staff', 'admin'] as const;

/** Reports show every organisation's activity: staff only. */
export const reportingCases: AuthorizationCase[] = [
  {
    field: 'Query.dashboard',
    document: 'query { dashboard { funnel { stage count } } }',
    allowed: STAFF,
    prepare: async () => ({}),
  },
  {
    field: 'Query.fairness',
    document: 'query { fairness { startupCount startups { suggested } } }',
    allowed: STAFF,
    prepare: async () => ({}),
  },
];
