import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { EligibilityRule, ErrorCode, FailedRule as ContractFailedRule, FieldProblem, RequestErrorCode } from '../gql/schema-types';

export type { EligibilityRule, FieldProblem };

/** One eligibility rule a response failed, as `extensions.failedRules` carries it (errors.graphql). */
export type FailedRule = Omit<ContractFailedRule, '__typename'>;

/** The codes of errors.graphql, plus the two this client names for failures that never reached Pilotline. */
export type ProblemCode = ErrorCode | RequestErrorCode | 'NETWORK' | 'SERVER' | 'UNKNOWN';

/** What the UI needs to know about any failure, whether it came from GraphQL or from /auth. */
export interface Problem {
  code: ProblemCode;
  message: string;
  fields: FieldProblem[];
  failedRules: FailedRule[];
}

/** A failed /auth request, carrying the server's JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.message);
    this.name = 'ApiError';
  }
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** Reads `{ code, message, fields?, failedRules? }` from a GraphQL error's extensions or a REST error body. */
export function problemFrom(details: Record<string, unknown> | undefined, message: string): Problem {
  return {
    code: typeof details?.code === 'string' ? (details.code as ProblemCode) : 'UNKNOWN',
    message,
    fields: asArray<FieldProblem>(details?.fields),
    failedRules: asArray<FailedRule>(details?.failedRules),
  };
}

const NETWORK_PROBLEM: Problem = {
  code: 'NETWORK',
  message: 'We could not reach Pilotline. Check your connection and try again.',
  fields: [],
  failedRules: [],
};

/** The first problem in an error thrown by Apollo or by the auth API. */
export function describeError(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    if (first) return problemFrom(first.extensions as Record<string, unknown> | undefined, first.message);
  }
  if (ServerError.is(error) && error.statusCode >= 500) {
    return { ...NETWORK_PROBLEM, code: 'SERVER', message: 'Something went wrong on our side. Try again in a moment.' };
  }
  return NETWORK_PROBLEM;
}

/** True when the error means the viewer may not see the record at all (hidden and missing look the same). */
export function isNotFound(error: unknown): boolean {
  return describeError(error).code === 'NOT_FOUND';
}
