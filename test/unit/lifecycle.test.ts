import fs from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import { anonymousActor, type Actor, type UserActor } from '../../server/src/shared/actor';
import type { DomainEvent } from '../../server/src/shared/domain-event';
import { AppError } from '../../server/src/shared/errors';
import { defineLifecycle, isLifecycle, lifecycleProblems, type Lifecycle } from '../../server/src/shared/lifecycle';

const serverSource = path.resolve(__dirname, '..', '..', 'server', 'src');

/** Every lifecycle the server declares, found by file name so a new feature's is checked without being listed here. */
function declaredLifecycles(): [string, Lifecycle<string, string, string, never>][] {
  const files = fs
    .readdirSync(serverSource, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.lifecycle.ts'))
    .sort();
  return files.flatMap((file) =>
    Object.entries(require(path.join(serverSource, file)) as Record<string, unknown>)
      .filter(([, value]) => isLifecycle(value))
      .map(([name, value]) => [`${file} ${name}`, value as Lifecycle<string, string, string, never>] as [string, Lifecycle<string, string, string, never>]),
  );
}

describe('every declared lifecycle', () => {
  const lifecycles = declaredLifecycles();

  it('is found: challenges, solutions, responses and clarifications at least', () => {
    expect(lifecycles.map(([, lifecycle]) => lifecycle.entity)).toEqual(expect.arrayContaining(['challenge', 'solution', 'response', 'clarification']));
  });

  it.each(lifecycles)('%s is sound: every state reachable from the initial one, every event used, terminal states declared', (_name, lifecycle) => {
    expect(lifecycleProblems(lifecycle)).toEqual([]);
    expect(lifecycle.terminal.length).toBeGreaterThan(0);
    expect(lifecycle.terminal).not.toContain(lifecycle.initial);
  });
});

describe('the structure check', () => {
  const sound = {
    initial: 'DRAFT',
    terminal: ['DONE'],
    transitions: { DRAFT: { EDIT: 'DRAFT', FINISH: 'DONE' }, DONE: {} },
    roles: { EDIT: ['OWNER'], FINISH: ['OWNER'] },
  };

  it('passes a sound declaration', () => {
    expect(lifecycleProblems(sound)).toEqual([]);
  });

  it('finds a state nothing leads to', () => {
    const problems = lifecycleProblems({ ...sound, terminal: ['DONE', 'LOST'], transitions: { ...sound.transitions, LOST: {} } });
    expect(problems).toEqual(['LOST cannot be reached from DRAFT']);
  });

  it('finds an event no state accepts, and one nobody may fire', () => {
    expect(lifecycleProblems({ ...sound, roles: { ...sound.roles, REOPEN: ['OWNER'] } })).toEqual(['REOPEN is never accepted in any state']);
    expect(lifecycleProblems({ ...sound, roles: { EDIT: ['OWNER'], FINISH: [] } })).toEqual(['nobody may fire FINISH']);
  });

  it('finds a dead end that is not declared terminal, and a declared terminal state with exits', () => {
    expect(lifecycleProblems({ ...sound, terminal: [] })).toEqual(['DONE has no way out but is not declared terminal']);
    expect(lifecycleProblems({ ...sound, terminal: ['DONE', 'DRAFT'] })).toEqual(['DRAFT is declared terminal but has events']);
  });

  it('finds a transition to an undeclared state and an event without roles', () => {
    const problems = lifecycleProblems({ ...sound, transitions: { DRAFT: { EDIT: 'DRAFT', FINISH: 'DONE', SHIP: 'SHIPPED' }, DONE: {} } });
    expect(problems).toEqual(['DRAFT --SHIP--> SHIPPED, which is not a state', 'SHIP (from DRAFT) has no roles declared']);
  });

  it('makes defineLifecycle refuse an unsound declaration when it is declared, not when a user reaches the bad state', () => {
    expect(() =>
      defineLifecycle({ entity: 'thing', ...sound, terminal: [], rolesOf: () => [] } as never),
    ).toThrow('The thing lifecycle is unsound: DONE has no way out but is not declared terminal.');
  });
});

describe('what a lifecycle derives from its declaration', () => {
  interface Thing {
    _id: Types.ObjectId;
    status: 'DRAFT' | 'REVIEW' | 'DONE';
    ownerId: string;
  }
  const owner: UserActor = { kind: 'user', userId: 'u1', email: 'o@x.test', name: 'Owner', platformRoles: [], memberships: [] };
  const reviewer: UserActor = { ...owner, userId: 'u2', platformRoles: ['STAFF'] };
  const lifecycle = defineLifecycle<Thing['status'], 'UPDATE' | 'SEND_FOR_REVIEW' | 'APPROVE', 'OWNER' | 'REVIEWER', Thing, { ready: boolean }>({
    entity: 'thing',
    initial: 'DRAFT',
    terminal: ['DONE'],
    transitions: { DRAFT: { UPDATE: 'DRAFT', SEND_FOR_REVIEW: 'REVIEW' }, REVIEW: { APPROVE: 'DONE' }, DONE: {} },
    roles: { UPDATE: ['OWNER'], SEND_FOR_REVIEW: ['OWNER'], APPROVE: ['REVIEWER'] },
    rolesOf: (actor: Actor, thing) => [
      ...(actor.kind === 'user' && actor.userId === thing.ownerId ? (['OWNER'] as const) : []),
      ...(actor.kind === 'user' && actor.platformRoles.includes('STAFF') ? (['REVIEWER'] as const) : []),
    ],
    guards: { SEND_FOR_REVIEW: (_thing, { ready }) => (ready ? undefined : new AppError('NOT_ELIGIBLE', 'Not ready.')) },
  });
  const draft: Thing = { _id: new Types.ObjectId(), status: 'DRAFT', ownerId: 'u1' };
  const at = (actor: Actor, ready = true) => ({ actor, now: new Date('2026-06-01T00:00:00Z'), ready });
  const codeOf = (run: () => unknown) => {
    try {
      run();
      return 'OK';
    } catch (error) {
      return error instanceof AppError ? error.code : String(error);
    }
  };

  it('derives viewerCan flags and allowedEvents from roles, state and guards together', () => {
    expect(lifecycle.viewerCan(draft, at(owner))).toEqual({ update: true, sendForReview: true, approve: false });
    expect(lifecycle.viewerCan(draft, at(owner, false))).toEqual({ update: true, sendForReview: false, approve: false });
    expect(lifecycle.allowedEvents(draft, at(owner))).toEqual(['UPDATE', 'SEND_FOR_REVIEW']);
    expect(lifecycle.allowedEvents(draft, at(reviewer))).toEqual([]);
    expect(lifecycle.allowedEvents({ ...draft, status: 'REVIEW' }, at(reviewer))).toEqual(['APPROVE']);
    expect(lifecycle.allowedEvents(draft, at(anonymousActor))).toEqual([]);
  });

  it('refuses in a fixed order: the role, then the state, then the guard', () => {
    expect(codeOf(() => lifecycle.authorise(draft, 'APPROVE', at(owner, false)))).toBe('FORBIDDEN');
    expect(codeOf(() => lifecycle.authorise({ ...draft, status: 'DONE' }, 'SEND_FOR_REVIEW', at(owner, false)))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => lifecycle.authorise(draft, 'SEND_FOR_REVIEW', at(owner, false)))).toBe('NOT_ELIGIBLE');
    expect(lifecycle.authorise(draft, 'SEND_FOR_REVIEW', at(owner))).toBe('REVIEW');
  });

  it('names the current state and what it accepts when refusing a move', () => {
    let refused: unknown;
    try {
      lifecycle.authorise({ ...draft, status: 'DONE' }, 'APPROVE', at(reviewer));
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: 'INVALID_TRANSITION', details: { entity: 'thing', currentState: 'DONE', event: 'APPROVE', allowedEvents: [] } });
  });

  it('fires: one write with the transition, then the domain event', async () => {
    const published: DomainEvent[] = [];
    const writes: unknown[] = [];
    const ctx = { ...at(owner), events: { publish: (event: DomainEvent) => published.push(event) } };
    const saved = await lifecycle.fire(draft, 'SEND_FOR_REVIEW', ctx, {
      changes: () => ({ ownerId: 'u1' }),
      save: async (changes, transition) => {
        writes.push({ changes, transition });
        return { ...draft, ...changes };
      },
    });
    expect(saved.status).toBe('REVIEW');
    expect(writes).toEqual([
      {
        changes: { ownerId: 'u1', status: 'REVIEW' },
        transition: {
          entity: 'thing',
          event: 'SEND_FOR_REVIEW',
          name: 'thing.SEND_FOR_REVIEW',
          at: ctx.now,
          actorId: 'u1',
          from: 'DRAFT',
          to: 'REVIEW',
        },
      },
    ]);
    expect(published).toEqual([{ name: 'thing.SEND_FOR_REVIEW', recordId: draft._id.toHexString(), at: ctx.now }]);
  });

  it('writes nothing and publishes nothing when refused', async () => {
    const save = jest.fn();
    const publish = jest.fn();
    await expect(lifecycle.fire(draft, 'APPROVE', { ...at(owner), events: { publish } }, { save })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(save).not.toHaveBeenCalled();
    expect(publish).not.toHaveBeenCalled();
  });
});
