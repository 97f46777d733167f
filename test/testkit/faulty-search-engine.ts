import { mulberry32 } from '../../bench/lib/random';
import { SearchUnavailableError, type SearchEngine } from '../../server/src/search/search-engine';

/** How often each fault strikes a write, 0..1. */
export interface FaultRates {
  /** The call throws and nothing is written. */
  fail: number;
  /** The write lands but the call throws, as when a reply is lost. */
  failAfterWrite: number;
  /** The call never answers and nothing is written, as with a dropped request. */
  hang: number;
  /** The call never answers, but the write lands `lateMs` later, as with a request stuck in a queue. */
  late: number;
  /** The write is applied twice, as with a retried request. */
  duplicate: number;
}

export const NO_FAULTS: FaultRates = { fail: 0, failAfterWrite: 0, hang: 0, late: 0, duplicate: 0 };

/**
 * Wraps a real engine and injects faults into writes (reads fail at the `fail` rate), counting
 * every applied upsert by id and version so tests can prove nothing was double-processed.
 */
export class FaultySearchEngine implements SearchEngine {
  readonly name: string;
  rates: FaultRates = NO_FAULTS;
  /** When true every call fails, as when the engine is down. */
  down = false;
  /** How long a `late` write waits before it lands: longer than the indexer's lease, to let it land over newer work. */
  lateMs = 500;
  /** When true, `late` writes wait for landLateWrites() instead of a timer, so a test orders them by construction. */
  holdLateWrites = false;
  private readonly heldLandings: Array<() => void> = [];
  readonly appliedUpserts = new Map<string, number>();
  /** How many writes have hung so far (never answered, nothing written). */
  hungWrites = 0;
  private hangWaiters: (() => void)[] = [];
  private readonly random: () => number;
  private readonly lateWrites = new Set<Promise<void>>();

  constructor(
    private readonly inner: SearchEngine,
    seed = 42,
  ) {
    this.name = `faulty(${inner.name})`;
    this.random = mulberry32(seed);
  }

  private async write(apply: () => Promise<void>): Promise<void> {
    if (this.down) throw new SearchUnavailableError('engine is down (injected)');
    const roll = this.random();
    const { fail, failAfterWrite, hang, late, duplicate } = this.rates;
    if (roll < fail) throw new SearchUnavailableError('write failed (injected)');
    if (roll < fail + hang) {
      this.hungWrites += 1;
      for (const wake of this.hangWaiters.splice(0)) wake();
      return new Promise<void>(() => undefined);
    }
    if (roll < fail + hang + late) {
      const landing = new Promise<void>((resolve) => {
        if (this.holdLateWrites) this.heldLandings.push(resolve);
        else setTimeout(resolve, this.lateMs);
      }).then(apply);
      this.lateWrites.add(landing);
      void landing.finally(() => this.lateWrites.delete(landing));
      return new Promise<void>(() => undefined);
    }
    await apply();
    if (roll < fail + hang + late + duplicate) return apply();
    if (roll < fail + hang + late + duplicate + failAfterWrite) throw new SearchUnavailableError('reply lost (injected)');
  }

  /** Lets every held late write land now. */
  landLateWrites(): void {
    for (const land of this.heldLandings.splice(0)) land();
  }

  /** Resolves once a write has hung: a test can then act on a worker that is stuck by construction. */
  nextHang(): Promise<void> {
    return new Promise((resolve) => this.hangWaiters.push(resolve));
  }

  /** Resolves once every late write has landed. */
  async settle(): Promise<void> {
    while (this.lateWrites.size > 0) await Promise.all([...this.lateWrites]);
  }

  private read<T>(call: () => Promise<T>): Promise<T> {
    if (this.down || this.random() < this.rates.fail) return Promise.reject(new SearchUnavailableError('read failed (injected)'));
    return call();
  }

  ensureIndex: SearchEngine['ensureIndex'] = (index, settings) => this.read(() => this.inner.ensureIndex(index, settings));

  upsertDocuments: SearchEngine['upsertDocuments'] = (index, documents) =>
    this.write(async () => {
      await this.inner.upsertDocuments(index, documents);
      for (const document of documents) {
        const key = `${index}:${String(document.id)}@${String(document.version)}`;
        this.appliedUpserts.set(key, (this.appliedUpserts.get(key) ?? 0) + 1);
      }
    });

  deleteDocuments: SearchEngine['deleteDocuments'] = (index, ids) => this.write(() => this.inner.deleteDocuments(index, ids));
  getDocuments: SearchEngine['getDocuments'] = (index, ids) => this.read(() => this.inner.getDocuments(index, ids));
  iterateVersions: SearchEngine['iterateVersions'] = (index, field) => this.inner.iterateVersions(index, field);
  search: SearchEngine['search'] = (index, request) => this.read(() => this.inner.search(index, request));
  searchByVector: SearchEngine['searchByVector'] = (index, query) => this.read(() => this.inner.searchByVector(index, query));
  getVectors: SearchEngine['getVectors'] = (index, ids) => this.read(() => this.inner.getVectors(index, ids));
  swapIndexes: SearchEngine['swapIndexes'] = (a, b) => this.write(() => this.inner.swapIndexes(a, b));
  deleteIndex: SearchEngine['deleteIndex'] = (index) => this.write(() => this.inner.deleteIndex(index));
  health: SearchEngine['health'] = async () => (this.down ? { ok: false, engine: this.name, detail: 'down (injected)' } : this.inner.health());
}
