import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge, type VersionedRef } from '../testkit/challenges';
import { publishedSolution } from '../testkit/marketplace';

/**
 * The matcher and curation through GraphQL, against the real database and the embedded engine:
 * suggestions that explain themselves, near-misses with why not, the curation lifecycle, who
 * sees what, the race for one transition, sticky rejections and recommendations the other way.
 */

const Suggest = graphql(`
  mutation MatchingSuggest($input: SuggestMatchesInput!) {
    suggestMatches(input: $input) {
      candidates
      suggested {
        id
        status
        source
        score
        version
        solution {
          id
          name
        }
        explanation {
          score
          matchedTerms
          contributions {
            feature
            value
            weight
            contribution
            note
          }
          checksPassed {
            rule
            passed
            message
          }
          whyNot
        }
      }
      nearMisses {
        solution {
          id
        }
        score
        whyNot
      }
    }
  }
`);

const MatchView = graphql(`
  query MatchingView($id: ID!) {
    match(id: $id) {
      id
      status
      score
      version
      publicBodyAccepted
      startupAccepted
      declinedBy
      declineReason
      rejectionReason
      explanation {
        score
        matchedTerms
      }
      history {
        event
        from
        to
        byUserId
        party
        note
        rejectionReason
      }
      staffNotes {
        text
      }
      viewerCan {
        shortlist
        introduce
        accept
        decline
        reject
        addNote
      }
    }
  }
`);

const Queue = graphql(`
  query MatchingQueue($filter: MatchQueueFilter, $first: Int, $after: String) {
    matchQueue(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          score
          status
          challenge {
            id
          }
          solution {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const Introductions = graphql(`
  query MatchingIntroductions {
    myIntroductions {
      totalCount
      edges {
        node {
          id
          status
          explanation {
            score
            matchedTerms
          }
          history {
            event
          }
          staffNotes {
            text
          }
        }
      }
    }
  }
`);

const Shortlist = graphql(`
  mutation MatchingShortlist($input: MatchTransitionInput!) {
    shortlistMatch(input: $input) {
      id
      status
      version
    }
  }
`);

const Introduce = graphql(`
  mutation MatchingIntroduce($input: MatchTransitionInput!) {
    introduceMatch(input: $input) {
      id
      status
      version
    }
  }
`);

const Accept = graphql(`
  mutation MatchingAccept($input: MatchTransitionInput!) {
    acceptMatch(input: $input) {
      id
      status
      publicBodyAccepted
      startupAccepted
    }
  }
`);

const Decline = graphql(`
  mutation MatchingDecline($input: DeclineMatchInput!) {
    declineMatch(input: $input) {
      id
      status
      declinedBy
      declineReason
    }
  }
`);

const Reject = graphql(`
  mutation MatchingReject($input: RejectMatchInput!) {
    rejectMatch(input: $input) {
      id
      status
      rejectionReason
    }
  }
`);

const BulkShortlist = graphql(`
  mutation MatchingBulkShortlist($input: BulkShortlistMatchesInput!) {
    bulkShortlistMatches(input: $input) {
      succeeded {
        id
        status
      }
      failed {
        matchId
        code
      }
    }
  }
`);

const BulkReject = graphql(`
  mutation MatchingBulkReject($input: BulkRejectMatchesInput!) {
    bulkRejectMatches(input: $input) {
      succeeded {
        id
        status
      }
      failed {
        matchId
        code
      }
    }
  }
`);

const AddNote = graphql(`
  mutation MatchingAddNote($input: AddMatchNoteInput!) {
    addMatchNote(input: $input) {
      id
      staffNotes {
        text
      }
    }
  }
`);

const AddMatch = graphql(`
  mutation MatchingAdd($input: AddMatchInput!) {
    addMatch(input: $input) {
      id
      source
      status
      score
      explanation {
        whyNot
      }
    }
  }
`);

const UpdateSolution = graphql(`
  mutation MatchingUpdateSolution($input: UpdateSolutionInput!) {
    updateSolution(input: $input) {
      id
      version
    }
  }
`);

const Recommended = graphql(`
  query MatchingRecommended($solutionId: ID!) {
    recommendedChallenges(solutionId: $solutionId) {
      challenge {
        id
      }
      score
      explanation {
        matchedTerms
        checksPassed {
          rule
        }
      }
    }
  }
`);

const Weights = graphql(`
  query MatchingWeights {
    matchingWeights {
      origin
      adoptedAt
      weights {
        feature
        weight
      }
    }
  }
`);

const YEAR_MS = 365 * 24 * 3600 * 1000;
const GP_CHALLENGE = {
  title: 'Residents cannot get through to book a GP appointment at 8am',
  summary: 'Practices in the borough are swamped by telephone calls at 8am and patients give up or go to A&E.',
  what: 'Phone lines are engaged for an hour every morning; there is no queue position or call-back, and online requests close early.',
  why: 'Patients who cannot get through turn up at urgent care; practice staff spend the morning on the phones.',
  how: 'Pilot with ten practices, telephony data shared; Cyber Essentials Plus required.',
  sectors: ['HEALTH_AND_CARE' as const],
  tags: ['gp-access', 'telephony'],
  region: 'LONDON' as const,
  minTrl: 6,
  budgetMaxGbp: 120_000,
};
const cyberEssentialsPlus = (expiresInMs: number) => [
  {
    kind: 'ACCREDITATION' as const,
    description: 'Cyber Essentials Plus certificate for the whole platform.',
    accreditation: { type: 'CYBER_ESSENTIALS_PLUS' as const, issuer: 'IASME', expiresAt: new Date(Date.now() + expiresInMs).toISOString() },
  },
];
const TELEPHONY = {
  name: 'FrontDoor cloud telephony',
  summary: 'Cloud telephony for GP practices: queue position, call-back and a triage menu at the 8am peak.',
  description: 'Patients calling their GP practice hear their queue position and can ask for a call-back instead of holding. Practices see demand live.',
  sectors: ['HEALTH_AND_CARE' as const],
  tags: ['telephony', 'gp-access', 'call-back'],
  capabilities: ['call queueing', 'call-back'],
  regionsServed: ['LONDON' as const],
  priceMinGbp: 30_000,
  evidence: [
    ...cyberEssentialsPlus(YEAR_MS),
    { kind: 'PREVIOUS_DEPLOYMENT' as const, description: 'Live in 140 GP practices across England.' },
  ],
};

/** A solution that shares the challenge's words, for the tests that need one more candidate. */
const GP_SOLUTION = {
  summary: 'A tool for GP practices to understand patients who cannot get through on the telephone at 8am.',
  description: 'GP practices see why residents give up on the phone queue and which appointment requests go unmet.',
  sectors: ['HEALTH_AND_CARE' as const],
  tags: ['gp-access'],
  regionsServed: ['LONDON' as const],
};

let app: TestApp;
let staff: Account;
let body: Account;
let startup: Account;
let rival: Account;
let challenge: VersionedRef;
let telephony: VersionedRef;
let booking: VersionedRef;
let lapsed: VersionedRef;
let parking: VersionedRef;

beforeAll(async () => {
  app = await startTestApp({}, { search: true });
  staff = await registerStaff(app);
  body = await registerOrganisation(app, 'PUBLIC_BODY');
  startup = await registerOrganisation(app, 'STARTUP');
  rival = await registerOrganisation(app, 'STARTUP');
  challenge = await openChallenge(body, staff.session, GP_CHALLENGE);
  telephony = await publishedSolution(startup, TELEPHONY);
  booking = await publishedSolution(rival, {
    name: 'Appointment booking app for GP practices',
    summary: 'Patients book and cancel GP appointments online, so fewer call the practice at 8am.',
    description: 'An online booking and cancellation app that integrates with practice systems; patients see free appointments.',
    sectors: ['HEALTH_AND_CARE'],
    tags: ['gp-access', 'online-booking'],
    regionsServed: ['UK_WIDE'],
  });
  lapsed = await publishedSolution(rival, { ...TELEPHONY, name: 'CallQueue for GP practices', evidence: cyberEssentialsPlus(-30 * 24 * 3600 * 1000) });
  parking = await publishedSolution(rival, {
    name: 'Parking bay sensors',
    summary: 'Sensors report which parking bays are free, for enforcement and drivers.',
    description: 'Magnetometer sensors in each bay report occupancy to a dashboard; drivers find a space faster.',
    sectors: ['TRANSPORT_AND_PARKING'],
    tags: ['parking', 'sensors'],
  });
  await app.search!.indexer.drain();
}, 60_000);
afterAll(() => app.close());

async function suggest() {
  return (await staff.session.gqlOk(Suggest, { input: { challengeId: challenge.id } })).suggestMatches;
}

const matchFor = async (solutionId: string) => (await suggest()).suggested.find((match) => match.solution.id === solutionId);

describe('suggestions', () => {
  it('ranks the fitting solutions first and explains each: a 0..1 score, its parts, matched words and the checks passed', async () => {
    const run = await suggest();
    const order = run.suggested.map((match) => match.solution.id);
    expect(run.candidates).toBeGreaterThanOrEqual(3);
    expect(order.slice(0, 2).sort()).toEqual([telephony.id, booking.id].sort());
    if (order.includes(parking.id)) expect(order.indexOf(parking.id)).toBeGreaterThan(1);
    const best = run.suggested.find((match) => match.solution.id === telephony.id)!;
    expect(best).toMatchObject({ status: 'SUGGESTED', source: 'MATCHER' });
    expect(best.score).toBeGreaterThan(0);
    expect(best.score).toBeLessThanOrEqual(1);
    expect(best.explanation.contributions.reduce((sum, part) => sum + part.contribution, 0)).toBeCloseTo(best.score, 6);
    expect(best.explanation.matchedTerms).toEqual(expect.arrayContaining(['8am', 'gp']));
    expect(best.explanation.checksPassed.map((check) => check.rule)).toEqual([
      'SOLUTION_NOT_PUBLISHED',
      'MIN_TRL',
      'MISSING_ACCREDITATIONS',
      'REGION_NOT_SERVED',
      'OWN_ORGANISATION',
    ]);
    // No model runs here: the run says it retrieved and scored by keywords only.
    expect(best.explanation.contributions.find((part) => part.feature === 'SEMANTIC')).toMatchObject({
      value: null,
      note: expect.stringMatching(/keywords only/),
    });
    expect(best.explanation.contributions.find((part) => part.feature === 'TRACK_RECORD')).toMatchObject({
      value: null,
      note: expect.stringMatching(/no completed pilots yet/),
    });
  });

  it('never suggests a solution whose required accreditation lapsed, and says why not', async () => {
    const run = await suggest();
    expect(run.suggested.map((match) => match.solution.id)).not.toContain(lapsed.id);
    const nearMiss = run.nearMisses.find((miss) => miss.solution.id === lapsed.id);
    expect(nearMiss?.whyNot).toEqual([expect.stringMatching(/^needs CYBER_ESSENTIALS_PLUS; yours expired on \d+ \w+ \d{4}$/)]);
  });

  it('keeps one match per pair however often it runs', async () => {
    const first = await suggest();
    const second = await suggest();
    expect(second.suggested.map((match) => match.id).sort()).toEqual(first.suggested.map((match) => match.id).sort());
    const queue = await staff.session.gqlOk(Queue, { filter: { challengeId: challenge.id, statuses: ['SUGGESTED', 'SHORTLISTED', 'INTRODUCED', 'ACCEPTED', 'DECLINED', 'REJECTED'] }, first: 100 });
    const ids = queue.matchQueue.edges.map((edge) => edge.node.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses the matcher to everyone but staff', async () => {
    for (const account of [body, startup]) {
      const result = await account.session.gql(Suggest, { input: { challengeId: challenge.id } });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const anonymous = await app.session().gql(Suggest, { input: { challengeId: challenge.id } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('curation', () => {
  it('gives staff a queue sorted by score, per challenge and filterable, with cursor paging', async () => {
    await suggest();
    const all = await staff.session.gqlOk(Queue, { filter: { challengeId: challenge.id }, first: 100 });
    const scores = all.matchQueue.edges.map((edge) => edge.node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const page = await staff.session.gqlOk(Queue, { filter: { challengeId: challenge.id }, first: 1 });
    expect(page.matchQueue.pageInfo.hasNextPage).toBe(all.matchQueue.totalCount > 1);
    const next = await staff.session.gqlOk(Queue, { filter: { challengeId: challenge.id }, first: 1, after: page.matchQueue.pageInfo.endCursor });
    expect(next.matchQueue.edges[0]?.node.id).toBe(all.matchQueue.edges[1]?.node.id);
    const strong = await staff.session.gqlOk(Queue, { filter: { challengeId: challenge.id, minScore: scores[0] }, first: 100 });
    expect(strong.matchQueue.edges.every((edge) => edge.node.score >= scores[0]!)).toBe(true);
    for (const account of [body, startup]) expect((await account.session.gql(Queue, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('takes a suggestion through shortlist and introduction to ACCEPTED once both sides accept, all in the history', async () => {
    const match = (await matchFor(telephony.id))!;
    // Before the introduction neither side can see that the match exists.
    expect((await body.session.gql(MatchView, { id: match.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await startup.session.gqlOk(Introductions)).myIntroductions.totalCount).toBe(0);

    const shortlisted = (await staff.session.gqlOk(Shortlist, { input: { matchId: match.id, expectedVersion: match.version, note: 'Strong fit' } })).shortlistMatch;
    await staff.session.gqlOk(AddNote, { input: { matchId: match.id, text: 'Ask about NHS telephony framework' } });
    await staff.session.gqlOk(Introduce, { input: { matchId: match.id, expectedVersion: shortlisted.version } });

    for (const side of [body, startup]) {
      const introductions = (await side.session.gqlOk(Introductions)).myIntroductions;
      expect(introductions.edges.map((edge) => edge.node)).toEqual([
        expect.objectContaining({ id: match.id, status: 'INTRODUCED', history: null, staffNotes: null }),
      ]);
      expect(introductions.edges[0]?.node.explanation.matchedTerms.length).toBeGreaterThan(0);
    }
    expect((await rival.session.gqlOk(Introductions)).myIntroductions.totalCount).toBe(0);
    expect((await rival.session.gql(MatchView, { id: match.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const half = (await startup.session.gqlOk(Accept, { input: { matchId: match.id } })).acceptMatch;
    expect(half).toMatchObject({ status: 'INTRODUCED', startupAccepted: true, publicBodyAccepted: false });
    const again = await startup.session.gql(Accept, { input: { matchId: match.id } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const done = (await body.session.gqlOk(Accept, { input: { matchId: match.id } })).acceptMatch;
    expect(done).toMatchObject({ status: 'ACCEPTED', startupAccepted: true, publicBodyAccepted: true });

    const audited = (await staff.session.gqlOk(MatchView, { id: match.id })).match!;
    expect(audited.history?.map((entry) => [entry.event, entry.from, entry.to, entry.party])).toEqual([
      ['SUGGEST', null, 'SUGGESTED', null],
      ['SHORTLIST', 'SUGGESTED', 'SHORTLISTED', null],
      ['INTRODUCE', 'SHORTLISTED', 'INTRODUCED', null],
      ['ACCEPT', 'INTRODUCED', 'INTRODUCED', 'STARTUP'],
      ['ACCEPT', 'INTRODUCED', 'ACCEPTED', 'PUBLIC_BODY'],
    ]);
    expect(audited.history?.[1]).toMatchObject({ byUserId: staff.userId, note: 'Strong fit' });
    expect(audited.staffNotes).toEqual([{ text: 'Ask about NHS telephony framework' }]);
    const seenBySide = (await body.session.gqlOk(MatchView, { id: match.id })).match!;
    expect(seenBySide).toMatchObject({ history: null, staffNotes: null, viewerCan: { accept: false, addNote: false, reject: false } });
  });

  it('lets either side decline an introduction with a reason, which is final', async () => {
    const other = await openChallenge(body, staff.session, { ...GP_CHALLENGE, title: 'Cut the 8am GP telephone queue in the north of the borough' });
    await app.search!.indexer.drain();
    const run = (await staff.session.gqlOk(Suggest, { input: { challengeId: other.id } })).suggestMatches;
    const match = run.suggested.find((candidate) => candidate.solution.id === telephony.id)!;
    await staff.session.gqlOk(Shortlist, { input: { matchId: match.id } });
    await staff.session.gqlOk(Introduce, { input: { matchId: match.id } });
    const tooShort = await startup.session.gql(Decline, { input: { matchId: match.id, reason: 'no' } });
    expect(tooShort.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const declined = (await startup.session.gqlOk(Decline, { input: { matchId: match.id, reason: 'We are at capacity until next spring.' } })).declineMatch;
    expect(declined).toMatchObject({ status: 'DECLINED', declinedBy: 'STARTUP', declineReason: 'We are at capacity until next spring.' });
    expect((await body.session.gql(Accept, { input: { matchId: match.id } })).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('lets exactly one of 20 parallel attempts at one transition succeed; the others get CONFLICT', async () => {
    const match = (await matchFor(booking.id))!;
    const attempts = await Promise.all(Array.from({ length: 20 }, () => staff.session.gql(Shortlist, { input: { matchId: match.id } })));
    const succeeded = attempts.filter((attempt) => attempt.data?.shortlistMatch?.status === 'SHORTLISTED');
    const codes = attempts.flatMap((attempt) => (attempt.errors ?? []).map((error) => error.extensions?.code));
    console.log(`Race: 20 parallel shortlistMatch calls: ${succeeded.length} succeeded, ${codes.filter((code) => code === 'CONFLICT').length} CONFLICT`);
    expect(succeeded).toHaveLength(1);
    expect(codes).toEqual(Array.from({ length: 19 }, () => 'CONFLICT'));
    const history = (await staff.session.gqlOk(MatchView, { id: match.id })).match!.history!;
    expect(history.filter((entry) => entry.event === 'SHORTLIST')).toHaveLength(1);
  });

  it('keeps a rejection through later runs and immaterial edits, until the solution changes materially', async () => {
    const survey = await publishedSolution(rival, { ...GP_SOLUTION, name: 'Patient survey for GP practices' });
    await app.search!.indexer.drain();
    const match = (await matchFor(survey.id))!;
    const badReason = await staff.session.gql(Reject, { input: { matchId: match.id, reason: 'BORED' as never } });
    expect(badReason.errors?.length).toBeGreaterThan(0);
    const rejected = (await staff.session.gqlOk(Reject, { input: { matchId: match.id, reason: 'WRONG_PROBLEM', note: 'Surveys, not access' } })).rejectMatch;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'WRONG_PROBLEM' });

    await suggest();
    expect((await staff.session.gqlOk(MatchView, { id: match.id })).match?.status).toBe('REJECTED');

    // Material means the content hash of what matching reads (texts, sectors, regions, TRL, lowest price, evidence):
    // a new price ceiling is not it, so neither a run nor the edit's own event brings the pair back.
    const repriced = (
      await rival.session.gqlOk(UpdateSolution, { input: { solutionId: survey.id, expectedVersion: survey.version, priceMaxGbp: 95_000 } })
    ).updateSolution;
    await app.search!.indexer.drain();
    await app.dispatcher!.drain();
    await suggest();
    expect((await staff.session.gqlOk(MatchView, { id: match.id })).match?.status).toBe('REJECTED');

    await rival.session.gqlOk(UpdateSolution, {
      input: { solutionId: survey.id, expectedVersion: repriced.version, description: 'Now also answers GP practice telephone calls at 8am with a call-back queue.' },
    });
    await app.search!.indexer.drain();
    await suggest();
    const back = (await staff.session.gqlOk(MatchView, { id: match.id })).match!;
    expect(back.status).toBe('SUGGESTED');
    expect(back.history?.at(-1)).toMatchObject({ event: 'RESUGGEST', from: 'REJECTED', to: 'SUGGESTED' });
  });

  it('shortlists and rejects in bulk, each match on its own', async () => {
    const fresh = [
      await publishedSolution(rival, { ...GP_SOLUTION, name: 'GP practice call analytics' }),
      await publishedSolution(rival, { ...GP_SOLUTION, name: 'GP practice demand dashboard' }),
    ];
    await app.search!.indexer.drain();
    const run = await suggest();
    const open = run.suggested.filter((match) => fresh.some((solution) => solution.id === match.solution.id)).map((match) => match.id);
    expect(open).toHaveLength(2);
    const shortlisted = (await staff.session.gqlOk(BulkShortlist, { input: { matchIds: [...open, '0123456789abcdef01234567'] } })).bulkShortlistMatches;
    expect(shortlisted.succeeded.map((match) => match.status)).toEqual(open.map(() => 'SHORTLISTED'));
    expect(shortlisted.failed).toEqual([{ matchId: '0123456789abcdef01234567', code: 'NOT_FOUND' }]);
    const rejected = (await staff.session.gqlOk(BulkReject, { input: { matchIds: open, reason: 'DUPLICATE' } })).bulkRejectMatches;
    expect(rejected.succeeded.map((match) => match.status)).toEqual(open.map(() => 'REJECTED'));
    const refused = await body.session.gql(BulkReject, { input: { matchIds: open, reason: 'DUPLICATE' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets staff add a pair by hand, scored and explained like a suggestion', async () => {
    const other = await openChallenge(body, staff.session, { ...GP_CHALLENGE, title: 'Reduce 8am GP telephone demand in the east of the borough' });
    await app.search!.indexer.drain();
    const added = (await staff.session.gqlOk(AddMatch, { input: { challengeId: other.id, solutionId: lapsed.id, note: 'Renewal in progress' } })).addMatch;
    expect(added).toMatchObject({ source: 'STAFF', status: 'SUGGESTED' });
    expect(added.explanation.whyNot).toEqual([expect.stringMatching(/^needs CYBER_ESSENTIALS_PLUS; yours expired/)]);
    const twice = await staff.session.gql(AddMatch, { input: { challengeId: other.id, solutionId: lapsed.id } });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('incremental', () => {
  it('suggests for a published challenge, and offers a newly published solution to the challenges it fits, from their domain events', async () => {
    const queued = async (challengeId: string) =>
      (await staff.session.gqlOk(Queue, { filter: { challengeId }, first: 100 })).matchQueue.edges.map((edge) => edge.node.solution.id);
    // Publishing does not suggest inline: the write only records its event.
    const fresh = await openChallenge(body, staff.session, { ...GP_CHALLENGE, title: 'Call-back for GP practice telephone queues at 8am' });
    expect(await queued(fresh.id)).toEqual([]);
    await app.search!.indexer.drain();
    await app.dispatcher!.drain();
    const afterChallenge = await queued(fresh.id);
    expect(afterChallenge).toContain(telephony.id);

    // Found before the search index has caught up with it: the event names it.
    const newcomer = await publishedSolution(rival, { ...GP_SOLUTION, name: 'Call-back queue for GP practice telephones' });
    await app.dispatcher!.drain();
    expect(await queued(fresh.id)).toContain(newcomer.id);
    expect(await queued(challenge.id)).toContain(newcomer.id);
    // The drain delivers every event this file's earlier tests recorded too: a few dozen matcher runs.
  }, 120_000);
});

describe('the other way round', () => {
  it('recommends open challenges to the start-up that owns the solution, with why', async () => {
    const recommended = (await startup.session.gqlOk(Recommended, { solutionId: telephony.id })).recommendedChallenges;
    expect(recommended.map((entry) => entry.challenge.id)).toContain(challenge.id);
    expect(recommended[0]?.explanation.matchedTerms.length).toBeGreaterThan(0);
    const scores = recommended.map((entry) => entry.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect((await rival.session.gql(Recommended, { solutionId: telephony.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows staff the weights in force, the documented defaults until learnt ones win', async () => {
    const { matchingWeights } = await staff.session.gqlOk(Weights);
    expect(matchingWeights.origin).toBe('DEFAULT');
    expect(matchingWeights.weights.map((entry) => entry.feature)).toContain('LEXICAL');
    expect((await startup.session.gql(Weights)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
