import { Types } from 'mongoose';
import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { addMember, registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { draftSolution, publishedSolution, solutionInput } from '../testkit/marketplace';

const CreateSolution = graphql(`
  mutation SolutionsCreate($input: CreateSolutionInput!) {
    createSolution(input: $input) {
      id
      status
      version
    }
  }
`);

const UpdateSolution = graphql(`
  mutation SolutionsUpdate($input: UpdateSolutionInput!) {
    updateSolution(input: $input) {
      id
      name
      version
    }
  }
`);

const Transition = {
  publish: graphql(`
    mutation SolutionsPublish($input: SolutionTransitionInput!) {
      publishSolution(input: $input) {
        status
        version
      }
    }
  `),
  unpublish: graphql(`
    mutation SolutionsUnpublish($input: SolutionTransitionInput!) {
      unpublishSolution(input: $input) {
        status
        version
      }
    }
  `),
  archive: graphql(`
    mutation SolutionsArchive($input: SolutionTransitionInput!) {
      archiveSolution(input: $input) {
        status
        version
      }
    }
  `),
};

const GetSolution = graphql(`
  query SolutionsGet($id: ID!) {
    solution(id: $id) {
      id
      status
      organisation {
        id
      }
      evidence {
        kind
        expired
        accreditation {
          type
        }
      }
      validAccreditations
      hasExpiredAccreditation
      viewerCan {
        update
        publish
        unpublish
        archive
        respond
      }
      allowedEvents
    }
  }
`);

const ListSolutions = graphql(`
  query SolutionsList($filter: SolutionFilter, $first: Int, $after: String) {
    solutions(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

let app: TestApp;
let startup: Account;
let staff: Account;
beforeAll(async () => {
  app = await startTestApp();
  startup = await registerOrganisation(app, 'STARTUP');
  staff = await registerStaff(app);
});
afterAll(() => app.close());

describe('creating and publishing solutions', () => {
  it('creates a DRAFT that only the start-up and staff can see, then publishes it for everyone', async () => {
    const draft = await draftSolution(startup);
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1 });
    const outsider = await registerOrganisation(app, 'STARTUP');
    const hidden = await outsider.session.gql(GetSolution, { id: draft.id });
    const missingId = new Types.ObjectId().toHexString();
    const missing = await outsider.session.gql(GetSolution, { id: missingId });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0]?.message.replace(draft.id, 'ID')).toBe(missing.errors?.[0]?.message.replace(missingId, 'ID'));
    expect((await staff.session.gqlOk(GetSolution, { id: draft.id })).solution?.status).toBe('DRAFT');

    const own = await startup.session.gqlOk(GetSolution, { id: draft.id });
    expect(own.solution?.viewerCan).toEqual({ update: true, publish: true, unpublish: false, archive: true, respond: false });
    expect(own.solution?.allowedEvents).toEqual(['UPDATE', 'PUBLISH', 'ARCHIVE']);

    const published = await startup.session.gqlOk(Transition.publish, { input: { solutionId: draft.id, expectedVersion: 1 } });
    expect(published.publishSolution).toEqual({ status: 'PUBLISHED', version: 2 });
    expect((await app.session().gqlOk(GetSolution, { id: draft.id })).solution?.status).toBe('PUBLISHED');
    const ownPublished = await startup.session.gqlOk(GetSolution, { id: draft.id });
    expect(ownPublished.solution?.viewerCan).toEqual({ update: true, publish: false, unpublish: true, archive: true, respond: true });
    expect(ownPublished.solution?.allowedEvents).toEqual(['UPDATE', 'UNPUBLISH', 'ARCHIVE']);
    const anonymous = await app.session().gqlOk(GetSolution, { id: draft.id });
    expect(anonymous.solution?.viewerCan).toEqual({ update: false, publish: false, unpublish: false, archive: false, respond: false });
    expect(anonymous.solution?.allowedEvents).toEqual([]);
    expect((await staff.session.gqlOk(GetSolution, { id: draft.id })).solution?.allowedEvents).toEqual(['ARCHIVE']);
  });

  it('gives NOT_FOUND, not an error of its own, for malformed ids', async () => {
    const result = await app.session().gql(GetSolution, { id: 'not-an-id' });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets only members of a verified start-up publish', async () => {
    const unverified = await registerOrganisation(app, 'STARTUP', { verified: false });
    const draft = await draftSolution(unverified);
    const refused = await unverified.session.gql(Transition.publish, { input: { solutionId: draft.id, expectedVersion: draft.version } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_ELIGIBLE');
    expect((await unverified.session.gqlOk(GetSolution, { id: draft.id })).solution?.viewerCan.publish).toBe(false);
  });

  it('refuses creation for public bodies, anonymous visitors and other start-ups', async () => {
    const body = await registerOrganisation(app, 'PUBLIC_BODY');
    const other = await registerOrganisation(app, 'STARTUP');
    expect((await body.session.gql(CreateSolution, { input: solutionInput(body.organisationId) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await other.session.gql(CreateSolution, { input: solutionInput(startup.organisationId) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.session().gql(CreateSolution, { input: solutionInput(startup.organisationId) })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('names each invalid field', async () => {
    const result = await startup.session.gql(CreateSolution, {
      input: solutionInput(startup.organisationId, {
        name: '',
        trl: 12,
        priceMinGbp: 50_000,
        priceMaxGbp: 10_000,
        sectors: [],
        evidence: [{ kind: 'CASE_STUDY', description: 'A case study that is long enough.', url: 'javascript:alert(1)' }],
      }),
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'trl', 'sectors', 'evidence.0.url']));
    const priceOnly = await startup.session.gql(CreateSolution, {
      input: solutionInput(startup.organisationId, { priceMinGbp: 50_000, priceMaxGbp: 10_000 }),
    });
    expect((priceOnly.errors?.[0]?.extensions?.fields as { field: string }[])[0]?.field).toBe('priceMaxGbp');
  });

  it('requires accreditation details exactly on ACCREDITATION evidence', async () => {
    const result = await startup.session.gql(CreateSolution, {
      input: solutionInput(startup.organisationId, { evidence: [{ kind: 'ACCREDITATION', description: 'We are accredited, trust us.' }] }),
    });
    expect((result.errors?.[0]?.extensions?.fields as { field: string }[])[0]?.field).toBe('evidence.0.accreditation');
  });
});

describe('accreditations', () => {
  it('flags expired accreditations and leaves them out of the valid ones', async () => {
    const solution = await publishedSolution(startup, {
      evidence: [
        {
          kind: 'ACCREDITATION',
          description: 'ISO 27001 certificate, now lapsed.',
          accreditation: { type: 'ISO_27001', issuer: 'BSI', expiresAt: new Date(Date.now() - 86_400_000).toISOString() },
        },
        {
          kind: 'ACCREDITATION',
          description: 'Cyber Essentials certificate, current.',
          accreditation: { type: 'CYBER_ESSENTIALS', issuer: 'IASME', expiresAt: new Date(Date.now() + 86_400_000 * 90).toISOString() },
        },
      ],
    });
    const { solution: read } = await app.session().gqlOk(GetSolution, { id: solution.id });
    expect(read?.evidence.map((item) => [item.accreditation?.type, item.expired])).toEqual([
      ['ISO_27001', true],
      ['CYBER_ESSENTIALS', false],
    ]);
    expect(read?.validAccreditations).toEqual(['CYBER_ESSENTIALS']);
    expect(read?.hasExpiredAccreditation).toBe(true);
  });
});

describe('editing', () => {
  it('rejects a stale version instead of overwriting a colleague', async () => {
    const colleague = await addMember(app, startup);
    const solution = await publishedSolution(startup);
    await startup.session.gqlOk(UpdateSolution, { input: { solutionId: solution.id, expectedVersion: solution.version, name: 'First edit' } });
    const stale = await colleague.session.gql(UpdateSolution, {
      input: { solutionId: solution.id, expectedVersion: solution.version, name: 'Second edit' },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: solution.version + 1 });
  });

  it('refuses edits and transitions of an archived solution, naming the state', async () => {
    const solution = await publishedSolution(startup);
    const archived = await startup.session.gqlOk(Transition.archive, { input: { solutionId: solution.id, expectedVersion: solution.version } });
    const edit = await startup.session.gql(UpdateSolution, {
      input: { solutionId: solution.id, expectedVersion: archived.archiveSolution.version, name: 'Too late' },
    });
    expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentState: 'ARCHIVED', allowedEvents: [] });
  });

  it('lets staff archive (moderation) but not edit or publish', async () => {
    const solution = await publishedSolution(startup);
    const edit = await staff.session.gql(UpdateSolution, { input: { solutionId: solution.id, expectedVersion: solution.version, name: 'Staff edit' } });
    expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const archived = await staff.session.gqlOk(Transition.archive, { input: { solutionId: solution.id, expectedVersion: solution.version } });
    expect(archived.archiveSolution.status).toBe('ARCHIVED');
  });

  it('unpublishes back to DRAFT, hiding it again', async () => {
    const solution = await publishedSolution(startup);
    await startup.session.gqlOk(Transition.unpublish, { input: { solutionId: solution.id, expectedVersion: solution.version } });
    expect((await app.session().gql(GetSolution, { id: solution.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('editing evidence and prices', () => {
  const UpdateEvidence = graphql(`
    mutation SolutionsUpdateEvidence($input: UpdateSolutionInput!) {
      updateSolution(input: $input) {
        version
        status
        priceMinGbp
        priceMaxGbp
        evidence {
          kind
          url
          expired
        }
        validAccreditations
        hasExpiredAccreditation
      }
    }
  `);

  it('replaces the evidence list whole while DRAFT, keeping the other fields', async () => {
    const draft = await draftSolution(startup);
    const updated = await startup.session.gqlOk(UpdateEvidence, {
      input: {
        solutionId: draft.id,
        expectedVersion: draft.version,
        evidence: [{ kind: 'PREVIOUS_DEPLOYMENT', description: 'Deployed across 900 homes in Hackney.', url: 'https://example.org/hackney' }],
      },
    });
    expect(updated.updateSolution).toMatchObject({
      version: 2,
      status: 'DRAFT',
      priceMinGbp: 20_000,
      evidence: [{ kind: 'PREVIOUS_DEPLOYMENT', url: 'https://example.org/hackney', expired: false }],
      validAccreditations: [],
      hasExpiredAccreditation: false,
    });
  });

  it('checks a partial price change against the stored other end of the range', async () => {
    const solution = await publishedSolution(startup);
    const result = await startup.session.gql(UpdateEvidence, {
      input: { solutionId: solution.id, expectedVersion: solution.version, priceMinGbp: 95_000 },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'priceMaxGbp' }] });
  });

  it('names invalid evidence on update, including non-http URLs and accreditation details on a case study', async () => {
    const solution = await publishedSolution(startup);
    const result = await startup.session.gql(UpdateEvidence, {
      input: {
        solutionId: solution.id,
        expectedVersion: solution.version,
        evidence: [
          { kind: 'CASE_STUDY', description: 'Case study hosted on an FTP server.', url: 'ftp://example.org/case' },
          {
            kind: 'CASE_STUDY',
            description: 'A case study that claims an accreditation.',
            accreditation: { type: 'ISO_9001', issuer: 'BSI', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
          },
        ],
      },
    });
    const fields = (result.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(['evidence.0.url', 'evidence.1.accreditation']);
  });

  it('refuses other start-ups (NOT_FOUND for a draft, FORBIDDEN for a published profile) and anonymous visitors', async () => {
    const other = await registerOrganisation(app, 'STARTUP');
    const draft = await draftSolution(startup);
    const published = await publishedSolution(startup);
    const edit = (id: string, version: number) => ({ input: { solutionId: id, expectedVersion: version, name: 'Hijacked' } });
    expect((await other.session.gql(UpdateSolution, edit(draft.id, draft.version))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await other.session.gql(UpdateSolution, edit(published.id, published.version))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.session().gql(UpdateSolution, edit(published.id, published.version))).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('listing', () => {
  it('filters by sector, region (UK-wide serves everywhere), TRL and owner, with cursor pages', async () => {
    const lister = await registerOrganisation(app, 'STARTUP');
    const scoped = { organisationId: lister.organisationId };
    const health = await publishedSolution(lister, { sectors: ['HEALTH_AND_CARE'], regionsServed: ['NORTH_WEST'], trl: 5 });
    const nationwide = await publishedSolution(lister, { sectors: ['HOUSING'], regionsServed: ['UK_WIDE'], trl: 9 });
    const draft = await draftSolution(lister, { sectors: ['HEALTH_AND_CARE'] });
    const ids = async (filter: object, session = app.session()) =>
      (await session.gqlOk(ListSolutions, { filter: { ...scoped, ...filter }, first: 50 })).solutions.edges.map((e) => e.node.id);

    expect(await ids({})).toEqual([nationwide.id, health.id]);
    expect(await ids({}, lister.session)).toEqual([draft.id, nationwide.id, health.id]);
    expect(await ids({ sectors: ['HEALTH_AND_CARE'] })).toEqual([health.id]);
    expect(await ids({ regions: ['WALES'] })).toEqual([nationwide.id]);
    expect(await ids({ minTrl: 7 })).toEqual([nationwide.id]);
    expect(await ids({ status: 'DRAFT' })).toEqual([]);
    expect(await ids({ status: 'DRAFT' }, staff.session)).toEqual([draft.id]);
    expect(await ids({ mine: true }, lister.session)).toEqual([draft.id, nationwide.id, health.id]);
    expect(await ids({ mine: true })).toEqual([]);
    expect(await ids({ sectors: ['HEALTH_AND_CARE'] }, lister.session)).toEqual([draft.id, health.id]);

    const firstPage = await lister.session.gqlOk(ListSolutions, { filter: scoped, first: 2 });
    expect(firstPage.solutions.totalCount).toBe(3);
    expect(firstPage.solutions.pageInfo.hasNextPage).toBe(true);
    const secondPage = await lister.session.gqlOk(ListSolutions, { filter: scoped, first: 2, after: firstPage.solutions.pageInfo.endCursor });
    expect(secondPage.solutions.edges.map((e) => e.node.id)).toEqual([health.id]);
  });

  it('rejects operator injection and bad arguments with coded errors', async () => {
    const injected = await app.session().gql(ListSolutions, { filter: { organisationId: '{"$ne": null}' } });
    expect(injected.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await app.session().gql(ListSolutions, { first: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await app.session().gql(ListSolutions, { after: 'not-a-cursor' });
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
