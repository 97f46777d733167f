import type { ErrorCode, ErrorExtensions, FieldProblem as FieldProblemType } from '../contract/generated/resolvers-types';

/**
 * Expected failures carry a stable machine-readable code, declared in graphql/errors.graphql with
 * the shape of everything else an error carries. GraphQL exposes it as `extensions.code`; REST
 * routes as `{ error: { code, message } }`. Anything that is not an AppError is a bug and is
 * masked before it reaches a client.
 */
export type { ErrorCode };

/** What an error carries beside its code: only the `extensions` fields errors.graphql documents. */
export type ErrorDetails = { [K in Exclude<keyof ErrorExtensions, 'code' | '__typename'>]?: unknown };

const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  NOT_ELIGIBLE: 422,
  RATE_LIMITED: 429,
  EMAIL_TAKEN: 409,
  EMAIL_NOT_VERIFIED: 403,
  INVALID_VERIFICATION: 400,
  WEAK_PASSWORD: 400,
  INVALID_CREDENTIALS: 401,
  INVALID_INVITATION: 400,
  SEARCH_UNAVAILABLE: 503,
};

/** One problem with one input field, so clients can show it next to that field. */
export type FieldProblem = Pick<FieldProblemType, 'field' | 'message'>;

/** An expected failure with a code clients can branch on. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

/** The viewer must sign in first. */
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'You must be signed in to do this.');

/** Signed in, but this action is not theirs to take on a record they may see. */
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);

/**
 * Used both for records that do not exist and for records the viewer may not see,
 * so that the two are indistinguishable.
 */
export const notFound = (entity: string, id: string) =>
  new AppError('NOT_FOUND', `${entity} ${id} was not found.`, { entity, id });

/** Input that fails validation; names every failing field. */
export const badInput = (problems: FieldProblem[]) =>
  new AppError(
    'BAD_USER_INPUT',
    problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
    { fields: problems },
  );
