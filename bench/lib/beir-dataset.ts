import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Judgements } from './ir-metrics';

/** A corpus document in BEIR's format. */
export type BeirDocument = {
  id: string;
  title: string;
  text: string;
  /** Any other fields the record carries (sectors, region, TRL…), for the matcher; empty for plain BEIR. */
  fields?: Record<string, unknown>;
};

/** A query; the matcher's queries are records too (challenges), so they may carry fields. */
export type BeirQuery = { id: string; text: string; fields?: Record<string, unknown> };

/** A BEIR dataset with the queries that have judgements in the chosen split. */
export interface BeirDataset {
  documents: BeirDocument[];
  queries: BeirQuery[];
  qrels: Map<string, Judgements>;
}

async function* jsonLines(file: string): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() !== '') yield JSON.parse(line) as Record<string, unknown>;
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Reads any BEIR-format folder (corpus.jsonl, queries.jsonl, qrels/<split>.tsv with a header line). */
export async function loadBeirDataset(directory: string, split = 'test'): Promise<BeirDataset> {
  const qrels = new Map<string, Map<string, number>>();
  const tsv = await fs.readFile(path.join(directory, 'qrels', `${split}.tsv`), 'utf8');
  for (const line of tsv.split(/\r?\n/).slice(1)) {
    const [queryId, documentId, score] = line.split('\t');
    if (!queryId || !documentId || score === undefined) continue;
    let judgements = qrels.get(queryId);
    if (!judgements) {
      judgements = new Map();
      qrels.set(queryId, judgements);
    }
    judgements.set(documentId, Number(score));
  }
  const documents: BeirDocument[] = [];
  for await (const row of jsonLines(path.join(directory, 'corpus.jsonl'))) {
    const { _id, title, text: body, ...fields } = row;
    documents.push({ id: String(_id), title: text(title), text: text(body), fields });
  }
  const queries: BeirDataset['queries'] = [];
  for await (const row of jsonLines(path.join(directory, 'queries.jsonl'))) {
    const { _id, text: body, ...fields } = row;
    const id = String(_id);
    if (qrels.has(id)) queries.push({ id, text: text(body), fields });
  }
  return { documents, queries, qrels };
}
