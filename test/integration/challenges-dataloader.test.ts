import mongoose, { Types } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { graphql } from '../generated';
import { ChallengeModel } from '../../server/src/challenges/challenge.model';
import { ClarificationModel } from '../../server/src/clarifications/clarification.model';
import { liveKeyFor, ResponseModel } from '../../server/src/responses/response.model';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { challengeInput } from '../testkit/challenges';

const ChallengePage = graphql(`
  query DataloaderChallengePage($first: Int) {
    challenges(first: $first) {
      totalCount
      edges {
        node {
          id
          title
          organisation {
            id
            name
          }
          responseCount
          clarifications {
            question
            askedByViewer
          }
          viewerCan {
            update
            respond
          }
          allowedEvents
        }
      }
    }
  }
`);

let app: TestApp;
let staff: Account;
const commands: string[] = [];
const record = (event: CommandStartedEvent) => commands.push(event.commandName);

beforeAll(async () => {
  // Command monitoring is a client option, so this file's app gets a client built with it on.
  const baseUri = process.env.MONGODB_URI ?? '';
  process.env.MONGODB_URI = `${baseUri}${baseUri.includes('?') ? '&' : '?'}monitorCommands=true`;
  try {
    app = await startTestApp();
  } finally {
    process.env.MONGODB_URI = baseUri;
  }
  mongoose.connection.getClient().on('commandStarted', record);

  staff = await registerStaff(app);
  const bodies: Account[] = [];
  for (let index = 0; index < 5; index += 1) bodies.push(await registerOrganisation(app, 'PUBLIC_BODY'));
  const startup = await registerOrganisation(app, 'STARTUP');
  // Seeded straight into the collections: this test is about reads, and 60 trips through review would only slow it down.
  const challenges = await ChallengeModel.insertMany(
    Array.from({ length: 60 }, (_unused, index) => {
      const body = bodies[index % bodies.length] as Account;
      const { organisationId: _organisationId, ...fields } = challengeInput(body.organisationId, { title: `Challenge number ${index}` });
      return {
        ...fields,
        responseDeadline: new Date(fields.responseDeadline),
        organisationId: new Types.ObjectId(body.organisationId),
        createdBy: new Types.ObjectId(body.userId),
        status: 'OPEN',
        version: 3,
        publishedAt: new Date(),
      };
    }),
  );
  await ResponseModel.insertMany(
    challenges.flatMap((challenge, index) =>
      Array.from({ length: index % 3 }, () => {
        const responder = new Types.ObjectId();
        return {
          challengeId: challenge._id,
          challengeOrganisationId: challenge.organisationId,
          solutionId: new Types.ObjectId(),
          organisationId: responder,
          submittedBy: new Types.ObjectId(startup.userId),
          pitch: 'A pitch that is long enough to be a pitch.',
          kpiApproach: 'Measured weekly.',
          indicativePriceGbp: 10_000,
          timelineWeeks: 12,
          status: 'SUBMITTED',
          liveKey: liveKeyFor(challenge._id, responder),
          version: 1,
          submittedAt: new Date(),
        };
      }),
    ),
  );
  await ClarificationModel.insertMany(
    challenges.map((challenge) => ({
      challengeId: challenge._id,
      askedByOrganisationId: new Types.ObjectId(startup.organisationId),
      askedBy: new Types.ObjectId(startup.userId),
      question: 'Which systems hold the data today?',
      status: 'UNANSWERED',
    })),
  );
});
afterAll(async () => {
  mongoose.connection.getClient().off('commandStarted', record);
  await app.close();
});

async function commandsFor(first: number) {
  commands.length = 0;
  const data = await staff.session.gqlOk(ChallengePage, { first });
  const issued = [...commands];
  return { data, issued };
}

describe('a page of challenges with their organisations, response counts and clarifications', () => {
  it('costs the same number of database round trips for 5 and for 50 challenges', async () => {
    await commandsFor(1); // warm-up: session and index creation happen once
    const small = await commandsFor(5);
    const large = await commandsFor(50);

    expect(small.data.challenges.edges).toHaveLength(5);
    expect(large.data.challenges.edges).toHaveLength(50);
    expect(large.data.challenges.edges.every((edge) => edge.node.organisation.name.length > 0)).toBe(true);
    expect(new Set(large.data.challenges.edges.map((edge) => edge.node.responseCount))).toEqual(new Set([0, 1, 2]));
    expect(large.data.challenges.edges.every((edge) => edge.node.clarifications.length === 1)).toBe(true);

    expect(large.issued.length).toBeGreaterThan(0);
    expect(large.issued).toEqual(small.issued);
    // Session, actor, deadline sweep, page, count, organisations, responses, clarifications: 11 today, never one per row.
    expect(large.issued.length).toBeLessThanOrEqual(15);
  });
});
