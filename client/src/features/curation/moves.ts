import type { MatchStatus } from '../../gql/graphql';

/** The statuses staff can move a match to from the board; the others are the two sides' to decide. */
export type MoveTarget = 'SHORTLISTED' | 'INTRODUCED' | 'REJECTED';

export interface MovePermissions {
  shortlist: boolean;
  introduce: boolean;
  reject: boolean;
}

export const MOVE_LABELS: Record<MoveTarget, string> = {
  SHORTLISTED: 'Shortlisted',
  INTRODUCED: 'Introduced to both sides',
  REJECTED: 'Rejected',
};

/** Where this viewer may move a match now, as the server's `viewerCan` says (never guessed from the status). */
export function movesFor(can: MovePermissions): MoveTarget[] {
  const moves: MoveTarget[] = [];
  if (can.shortlist) moves.push('SHORTLISTED');
  if (can.introduce) moves.push('INTRODUCED');
  if (can.reject) moves.push('REJECTED');
  return moves;
}

/** The board's columns, left to right; accepted and declined introductions share the "decided" column. */
export const BOARD_COLUMNS: { id: string; title: string; statuses: MatchStatus[] }[] = [
  { id: 'suggested', title: 'Suggested', statuses: ['SUGGESTED'] },
  { id: 'shortlisted', title: 'Shortlisted', statuses: ['SHORTLISTED'] },
  { id: 'introduced', title: 'Introduced', statuses: ['INTRODUCED'] },
  { id: 'decided', title: 'Accepted or declined', statuses: ['ACCEPTED', 'DECLINED'] },
  { id: 'rejected', title: 'Rejected', statuses: ['REJECTED'] },
];

export const ALL_MATCH_STATUSES: MatchStatus[] = BOARD_COLUMNS.flatMap((column) => column.statuses);

/**
 * What the match may do once it reaches `to`, for an optimistic update; the server's answer
 * replaces it moments later.
 */
export function permissionsAfter(to: MoveTarget): MovePermissions & { accept: boolean; decline: boolean; addNote: boolean } {
  return { shortlist: false, introduce: to === 'SHORTLISTED', reject: to !== 'REJECTED', accept: false, decline: false, addNote: true };
}
