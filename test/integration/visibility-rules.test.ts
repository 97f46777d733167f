import mongoose, { Schema, Types } from 'mongoose';
import { anonymousActor, systemActor, type Actor, type UserActor } from '../../server/src/shared/actor';
import type { VisibilityRule } from '../../server/src/shared/visibility';
import { visibleCondition } from '../../server/src/db/visibility';
import { visibleFilter } from '../../server/src/search/search-face';
import { matchesFilter } from '../../server/src/search/adapters/embedded/filter-evaluator';
import { challengeVisibility } from '../../server/src/challenges/challenge.policy';
import { solutionVisibility } from '../../server/src/solutions/solution.policy';
import { organisationVisibility } from '../../server/src/organisations/organisation.policy';
import { mulberry32 } from '../../bench/lib/random';
import { startTestApp, type TestApp } from '../testkit/test-app';

/**
 * Each feature states "public, or your own, or everything for staff" once; lists read it as a
 * Mongo condition and search as an engine filter. The two renderings must pick the same records:
 * this runs both over the same random records, as the database and as the search documents the
 * indexer would write (dates as epoch milliseconds, the owner as `organisationId`).
 */

interface Probe {
  _id: Types.ObjectId;
  status: string;
  verified: boolean;
  responseDeadline: Date;
  organisationId: Types.ObjectId;
}

const ProbeModel = mongoose.model<Probe>(
  'VisibilityProbe',
  new Schema<Probe>({ status: String, verified: Boolean, responseDeadline: Date, organisationId: Schema.Types.ObjectId }),
);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const now = new Date('2026-12-01T10:00:00Z');
const organisations = Array.from({ length: 4 }, () => new Types.ObjectId());

function member(...ids: Types.ObjectId[]): UserActor {
  return {
    kind: 'user',
    userId: new Types.ObjectId().toHexString(),
    email: 'member@pilotline.test',
    name: 'Member',
    platformRoles: [],
    memberships: ids.map((id) => ({ organisationId: id.toHexString(), organisationKind: 'STARTUP', organisationVerified: true, role: 'MEMBER' })),
  };
}

const actors: [string, Actor][] = [
  ['anonymous', anonymousActor],
  ['the platform', systemActor],
  ['a member of one organisation', member(organisations[0]!)],
  ['a member of two organisations', member(organisations[1]!, organisations[2]!)],
  ['staff', { ...member(), platformRoles: ['STAFF'] }],
];

const rules: [string, VisibilityRule][] = [
  ['challenges', challengeVisibility],
  ['solutions', solutionVisibility],
  ['organisations', organisationVisibility],
];

describe('one visibility rule, two renderings', () => {
  let probes: Probe[];

  beforeAll(async () => {
    const random = mulberry32(2026);
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
    const records = Array.from({ length: 120 }, () => ({
      // Organisations are their own owners; the others belong to one.
      _id: random() < 0.25 ? pick(organisations) : new Types.ObjectId(),
      status: pick(['DRAFT', 'OPEN', 'CLOSED', 'PUBLISHED', 'ARCHIVED']),
      verified: random() < 0.5,
      responseDeadline: new Date(now.getTime() + Math.round((random() - 0.5) * 20) * 86_400_000),
      organisationId: pick(organisations),
    }));
    const unique = [...new Map(records.map((record) => [record._id.toHexString(), record])).values()];
    await ProbeModel.insertMany(unique);
    probes = await ProbeModel.find().lean<Probe[]>();
  });

  describe.each(rules)('%s', (_name, rule) => {
    it.each(actors)('selects the same records in Mongo and in search for %s', async (_who, actor) => {
      const fromMongo = await ProbeModel.find(visibleCondition(rule, actor, now) as never).lean<Probe[]>();
      const filter = visibleFilter(rule, actor, now);
      const fromSearch = probes.filter((probe) => {
        const document = {
          id: probe._id.toHexString(),
          status: probe.status,
          verified: probe.verified,
          responseDeadline: probe.responseDeadline.getTime(),
          organisationId: (rule.ownerField === '_id' ? probe._id : probe.organisationId).toHexString(),
        };
        return filter === undefined || matchesFilter(document, filter);
      });
      const ids = (records: Probe[]) => records.map((record) => record._id.toHexString()).sort();
      expect(ids(fromSearch)).toEqual(ids(fromMongo));
      // Not vacuous: each actor sees some records and, unless staff, not all of them.
      expect(fromMongo.length).toBeGreaterThan(0);
      if (actor.kind !== 'user' || actor.platformRoles.length === 0) expect(fromMongo.length).toBeLessThan(probes.length);
    });
  });
});
