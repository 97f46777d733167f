import { defineLifecycle } from '../shared/lifecycle';
import type { PilotEvent, PilotStatus } from '../contract/generated/resolvers-types';
import type { PilotRecord } from './pilot.model';
import { pilotRolesOf, type PilotRole } from './pilot.policy';

const EITHER_SIDE_OR_STAFF: readonly PilotRole[] = ['PUBLIC_BODY', 'STARTUP', 'STAFF'];

/**
 * When a pilot may move, and who may move it. The public body runs the pilot (it goes live, is
 * evaluated and ends on the buyer's word, or staff's); either side may pull out. The self-loops
 * say where in-place work is allowed: KPIs are refined only while PLANNING, so no measurement is
 * ever recorded against a KPI that later changes; measurements need a LIVE or EVALUATING pilot.
 */
export const pilotLifecycle = defineLifecycle<PilotStatus, PilotEvent, PilotRole, PilotRecord>({
  entity: 'pilot',
  initial: 'PLANNING',
  terminal: ['COMPLETED', 'CANCELLED'],
  transitions: {
    PLANNING: { REFINE_KPIS: 'PLANNING', ADD_MILESTONE: 'PLANNING', POST_UPDATE: 'PLANNING', GO_LIVE: 'LIVE', CANCEL: 'CANCELLED' },
    LIVE: {
      ADD_MILESTONE: 'LIVE',
      COMPLETE_MILESTONE: 'LIVE',
      RECORD_MEASUREMENT: 'LIVE',
      POST_UPDATE: 'LIVE',
      START_EVALUATION: 'EVALUATING',
      CANCEL: 'CANCELLED',
    },
    EVALUATING: {
      COMPLETE_MILESTONE: 'EVALUATING',
      RECORD_MEASUREMENT: 'EVALUATING',
      POST_UPDATE: 'EVALUATING',
      COMPLETE: 'COMPLETED',
      CANCEL: 'CANCELLED',
    },
    COMPLETED: {},
    CANCELLED: {},
  },
  roles: {
    REFINE_KPIS: EITHER_SIDE_OR_STAFF,
    GO_LIVE: ['PUBLIC_BODY', 'STAFF'],
    START_EVALUATION: ['PUBLIC_BODY', 'STAFF'],
    COMPLETE: ['PUBLIC_BODY', 'STAFF'],
    CANCEL: EITHER_SIDE_OR_STAFF,
    ADD_MILESTONE: EITHER_SIDE_OR_STAFF,
    COMPLETE_MILESTONE: EITHER_SIDE_OR_STAFF,
    RECORD_MEASUREMENT: EITHER_SIDE_OR_STAFF,
    POST_UPDATE: EITHER_SIDE_OR_STAFF,
  },
  rolesOf: (actor, pilot) => pilotRolesOf(actor, pilot),
});
