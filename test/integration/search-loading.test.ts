import mongoose from 'mongoose';
import type { CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import { graphql } from '../generated';
import { startTestApp, type TestApp } from '../testkit/test-app';
import { registerOrganisation, registerStaff, type Account } from '../testkit/accounts';
import { openChallenge } from '../testkit/challenges';
import { publishedSolution } from '../testkit/marketplace';
import { describeEachEngine, type EngineUnderTest } from '../testkit/search-engines';
import { SolutionModel } from '../../server/src/solutions/solution.model';

const SolutionsWithOrganisation = graphql(`
  query SearchLoadingSolutions($input: SearchSolutionsInput!) {
    searchSolutions(input: $input) {
      hits {
        solution {
          id
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

const ChallengesWithOrganisation = graphql(`
  query SearchLoadingChallenges($input: SearchChallengesInput!) {
    searchChallenges(input: $input) {
      hits {
        challenge {
          id
          ...SearchLoadingChallengeOrganisation
        }
      }
    }
  }

  fragment SearchLoadingChallengeOrganisation on Challenge {
    organisation {
      name
    }
  }
`);

const SolutionsOnly = graphql(`
  query SearchLoadingSolutionNames($input: SearchSolutionsInput!) {
    searchSolutions(input: $input) {
      hits {
        solution {
          id
          name
        }
      }
    }
  }
`);

/** What one request asked the database, in order: `start:<collection>` when a read is sent, `done:<collection>` when it is answered. */
class ReadLog {
  readonly events: string[] = [];
  private readonly collections = new Map<number, string>();

  readonly started = (event: CommandStartedEvent) => {
    if (event.commandName !== 'find') return;
    const collection = String(event.command.find);
    this.collections.set(event.requestId, collection);
    this.events.push(`start:${collection}`);
  };

  readonly succeeded = (event: CommandSucceededEvent) => {
    const collection = this.collections.get(event.requestId);
    if (collection) this.events.push(`done:${collection}`);
  };

  async during<T>(work: () => Promise<T>): Promise<T> {
    this.events.length = 0;
    return work();
  }

  reads(collection: string): number {
    return this.events.filter((event) => event === `start:${collection}`).length;
  }
}

describeEachEngine('loading what search hits show', (createEngine, timeScale) => {
  let app: TestApp;
  let underTest: EngineUnderTest;
  let startup: Account;
  let otherStartup: Account;
  let body: Account;
  const log = new ReadLog();
  jest.setTimeout(30_000 * timeScale);

  beforeAll(async () => {
    underTest = createEngine();
    // Command monitoring is a client option, so this file's app gets a client built with it on.
    const baseUri = process.env.MONGODB_URI ?? '';
    process.env.MONGODB_URI = `${baseUri}${baseUri.includes('?') ? '&' : '?'}monitorCommands=true`;
    try {
      app = await startTestApp({}, { searchEngine: underTest.engine, searchTimeScale: underTest.timeScale });
    } finally {
      process.env.MONGODB_URI = baseUri;
    }
    mongoose.connection.getClient().on('commandStarted', log.started).on('commandSucceeded', log.succeeded);
    const staff = await registerStaff(app);
    startup = await registerOrganisation(app, 'STARTUP', { name: 'Tidewatch Sensors' });
    otherStartup = await registerOrganisation(app, 'STARTUP', { name: 'Estuary Analytics' });
    body = await registerOrganisation(app, 'PUBLIC_BODY', { name: 'Marshfield Borough Council' });
    await publishedSolution(startup, { name: 'Tidewatch tide gauges' });
    await publishedSolution(startup, { name: 'Tidewatch flood sirens' });
    await openChallenge(body, staff.session, { title: 'Tidewatch for the harbour wall' });
    await app.search!.indexer.drain();
  }, 30_000 * timeScale);
  afterAll(async () => {
    mongoose.connection.getClient().off('commandStarted', log.started).off('commandSucceeded', log.succeeded);
    await app.close();
    await underTest.release();
  }, 30_000 * timeScale);

  const searchSolutions = () => app.session().gqlOk(SolutionsWithOrganisation, { input: { query: 'tidewatch' } });

  it('reads the records and their organisations at once, not one after the other', async () => {
    await searchSolutions(); // warm-up: the pool opens the connections it needs once
    const result = await log.during(searchSolutions);

    expect(result.searchSolutions.hits).toHaveLength(2);
    expect(result.searchSolutions.hits.map((hit) => hit.solution.organisation.name)).toEqual(['Tidewatch Sensors', 'Tidewatch Sensors']);
    expect(log.reads('solutions')).toBe(1);
    expect(log.reads('organisations')).toBe(1);
    expect(log.events.indexOf('start:organisations')).toBeLessThan(log.events.indexOf('done:solutions'));
  });

  it('does the same for challenges, when a fragment asks for the organisation', async () => {
    const search = () => app.session().gqlOk(ChallengesWithOrganisation, { input: { query: 'tidewatch' } });
    await search();
    const result = await log.during(search);

    expect(result.searchChallenges.hits.map((hit) => hit.challenge.organisation.name)).toEqual(['Marshfield Borough Council']);
    expect(log.reads('organisations')).toBe(1);
    expect(log.events.indexOf('start:organisations')).toBeLessThan(log.events.indexOf('done:challenges'));
  });

  it('reads no organisations when the query does not show them', async () => {
    const result = await log.during(() => app.session().gqlOk(SolutionsOnly, { input: { query: 'tidewatch' } }));

    expect(result.searchSolutions.hits).toHaveLength(2);
    expect(log.reads('solutions')).toBe(1);
    expect(log.reads('organisations')).toBe(0);
  });

  it("shows the organisation the record names, even while the engine's copy still names another", async () => {
    const moved = (await publishedSolution(startup, { name: 'Tidewatch pumping station monitor' })).id;
    await app.search!.indexer.drain();
    // Behind the app's back, so nothing re-indexes it: the engine's copy keeps the old organisation.
    await SolutionModel.collection.updateOne({ _id: new mongoose.Types.ObjectId(moved) }, { $set: { organisationId: new mongoose.Types.ObjectId(otherStartup.organisationId) } });

    const result = await app.session().gqlOk(SolutionsWithOrganisation, { input: { query: 'pumping station' } });

    expect(result.searchSolutions.hits.map((hit) => [hit.solution.id, hit.solution.organisation.id])).toEqual([[moved, otherStartup.organisationId]]);
  });
});
