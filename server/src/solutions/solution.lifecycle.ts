import { AppError } from '../shared/errors';
import { defineLifecycle } from '../shared/lifecycle';
import type { SolutionEvent, SolutionStatus } from '../contract/generated/resolvers-types';
import type { SolutionRecord } from './solution.model';
import { solutionPolicy, solutionRolesOf, type SolutionRole } from './solution.policy';

/**
 * When a solution may move. Profiles stay editable once published, because they are reused for
 * months. The start-up runs its own profile; staff may only archive one (moderation).
 */
export const solutionLifecycle = defineLifecycle<SolutionStatus, SolutionEvent, SolutionRole, SolutionRecord>({
  entity: 'solution',
  initial: 'DRAFT',
  terminal: ['ARCHIVED'],
  transitions: {
    DRAFT: { UPDATE: 'DRAFT', PUBLISH: 'PUBLISHED', ARCHIVE: 'ARCHIVED' },
    PUBLISHED: { UPDATE: 'PUBLISHED', UNPUBLISH: 'DRAFT', ARCHIVE: 'ARCHIVED' },
    ARCHIVED: {},
  },
  roles: {
    UPDATE: ['STARTUP'],
    PUBLISH: ['STARTUP'],
    UNPUBLISH: ['STARTUP'],
    ARCHIVE: ['STARTUP', 'STAFF'],
  },
  rolesOf: solutionRolesOf,
  guards: {
    PUBLISH: (solution, { actor }) =>
      solutionPolicy.publisherIsVerified(actor, solution)
        ? undefined
        : new AppError('NOT_ELIGIBLE', 'Your start-up must be verified by staff before it can publish solutions.'),
  },
});
