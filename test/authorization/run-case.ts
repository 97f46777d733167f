import type { Principal, World } from './principals';
import type { TestSession } from '../testkit/test-app';

/** Codes that mean "not yours": the only acceptable ways to refuse a principal. */
export const DENIAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * One protected operation. `prepare` makes a fresh target for each principal (a mutation may
 * consume it) and returns the variables; `succeeded` decides success for queries that hide data
 * by returning nothing rather than by failing.
 */
export interface AuthorizationCase {
  field: string;
  document: string;
  allowed: readonly Principal[];
  prepare(world: World, principal: Principal): Promise<Record<string, unknown>>;
  succeeded?(data: Record<string, unknown>, world: World, variables: Record<string, unknown>): boolean;
}

export interface Outcome {
  field: string;
  principal: Principal;
  allowed: boolean;
  succeeded: boolean;
  errorCode?: string;
  message?: string;
}

async function execute(session: TestSession, document: string, variables: Record<string, unknown>) {
  const response = await session.agent.post('/graphql').set('Content-Type', 'application/json').send({ query: document, variables });
  return response.body as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** Tries one case as one principal. */
export async function runCase(world: World, testCase: AuthorizationCase, principal: Principal): Promise<Outcome> {
  const variables = await testCase.prepare(world, principal);
  const result = await execute(world.session(principal), testCase.document, variables);
  const error = result.errors?.[0];
  const succeeded = !error && !!result.data && (testCase.succeeded?.(result.data, world, variables) ?? true);
  return {
    field: testCase.field,
    principal,
    allowed: testCase.allowed.includes(principal),
    succeeded,
    errorCode: error?.extensions?.code,
    message: error?.message,
  };
}
