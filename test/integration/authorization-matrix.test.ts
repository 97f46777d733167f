import { isObjectType } from 'graphql';
import { buildSchema } from '../../server/src/graphql/schema';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { createWorld, PRINCIPALS, type World } from '../authorization/principals';
import { DENIAL_CODES, runCase, type AuthorizationCase, type Outcome } from '../authorization/run-case';
import { accountCases } from '../authorization/account-cases';
import { challengeCases } from '../authorization/challenge-cases';
import { marketplaceCases } from '../authorization/marketplace-cases';
import { matchingCases } from '../authorization/matching-cases';
import { pilotCases } from '../authorization/pilot-cases';
import { reportingCases } from '../authorization/reporting-cases';
import { notificationCases } from '../authorization/notification-cases';

/**
 * Every mutation and every query that can return private data, tried as each of seven
 * principals. A new root field fails this suite until it is given cases here or is listed as
 * public with the reason.
 */
// Account cases run last: accepting invitations adds memberships to the principals.
const cases: AuthorizationCase[] = [...challengeCases, ...marketplaceCases, ...matchingCases, ...pilotCases, ...reportingCases, ...notificationCases, ...accountCases];

const PUBLIC_FIELDS: Record<string, string> = {
  'Query.ping': 'health check',
  'Mutation.ping': 'health check',
  'Query.viewer': 'returns only the caller themselves',
  'Query.invitation': 'gated by the secret token, not by identity: whoever holds the emailed link may read it',
  'Query.searchChallenges': 'open to all; results pass the same visibility filter as challenges (search-graphql.test.ts)',
  'Query.searchSolutions': 'open to all; results pass the same visibility filter as solutions (search-graphql.test.ts)',
  'Query.searchOrganisations': 'open to all; results pass the same visibility filter as organisations (search-graphql.test.ts)',
};

let app: TestApp;
let world: World;
beforeAll(async () => {
  // With search: the matcher retrieves its candidates through the engine.
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '1000' }, { search: true });
  world = await createWorld(app);
}, 60_000);
afterAll(() => app.close());

describe('authorization matrix', () => {
  it('covers every root field of the schema', () => {
    const schema = buildSchema();
    const rootFields = ['Query', 'Mutation'].flatMap((typeName) => {
      const type = schema.getType(typeName);
      return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${typeName}.${field}`) : [];
    });
    const covered = new Set([...cases.map((c) => c.field), ...Object.keys(PUBLIC_FIELDS)]);
    expect(rootFields.filter((field) => !covered.has(field))).toEqual([]);
  });

  it('has 0 unauthorised successes and 0 wrongful denials', async () => {
    const outcomes: Outcome[] = [];
    for (const testCase of cases) {
      for (const principal of PRINCIPALS) outcomes.push(await runCase(world, testCase, principal));
    }
    const unauthorisedSuccesses = outcomes.filter((o) => !o.allowed && o.succeeded);
    const wrongfulDenials = outcomes.filter((o) => o.allowed && !o.succeeded);
    const deniedForOtherReasons = outcomes.filter((o) => !o.allowed && !o.succeeded && o.errorCode && !DENIAL_CODES.has(o.errorCode));
    console.log(
      `Authorization matrix: ${outcomes.length} cases tried (${cases.length} operations × ${PRINCIPALS.length} principals), ` +
        `${unauthorisedSuccesses.length} unauthorised successes, ${wrongfulDenials.length} wrongful denials`,
    );
    expect(unauthorisedSuccesses).toEqual([]);
    expect(wrongfulDenials).toEqual([]);
    expect(deniedForOtherReasons).toEqual([]);
  }, 600_000);
});
