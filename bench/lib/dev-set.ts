import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readSeedFiles } from '../../seeds/seed-data';
import type { BeirDataset } from './beir-dataset';

/**
 * The seeds' labelled development set in BEIR form, the one builder for search and the matcher:
 * queries are the challenges, the corpus is the solutions, and the judgements are
 * seeds/data/matches.json (2 = introduce, 1 = plausible) and near-misses.json (judged 0). The labels
 * were written from the records by curators, never from the matcher's output.
 * - A document's text is what search indexes (summary, description, tags, capabilities), its title
 *   the name; every structured field rides along for the matcher.
 * - A query's text is what a person would search (title and summary); the whole challenge (what,
 *   why, how, tags, requirements) rides along in its fields, which the matcher reads.
 * Dates relative to the seeding day become absolute dates relative to `now`, as seeding does.
 */

const DAY_MS = 86_400_000;
const solutionRecord = z.looseObject({
  key: z.string(),
  orgKey: z.string(),
  name: z.string(),
  summary: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  capabilities: z.array(z.string()),
});
const challengeRecord = z.looseObject({ key: z.string(), orgKey: z.string(), title: z.string(), summary: z.string() });
const labelled = z.object({ challengeKey: z.string(), solutionKey: z.string(), relevance: z.number().optional() });

const inDays = (now: Date, days: unknown) => new Date(now.getTime() + Number(days) * DAY_MS).toISOString();

export function seedDevelopmentSet(now: Date): BeirDataset {
  const solutions = readSeedFiles('solutions-', solutionRecord);
  const challenges = readSeedFiles('challenges-', challengeRecord);
  const qrels = new Map<string, Map<string, number>>();
  const judge = (challengeKey: string, solutionKey: string, relevance: number) => {
    let judgements = qrels.get(challengeKey);
    if (!judgements) qrels.set(challengeKey, (judgements = new Map()));
    if (!judgements.has(solutionKey)) judgements.set(solutionKey, relevance);
  };
  for (const match of readSeedFiles('matches', labelled)) judge(match.challengeKey, match.solutionKey, match.relevance ?? 1);
  for (const miss of readSeedFiles('near-misses', labelled)) judge(miss.challengeKey, miss.solutionKey, 0);
  // A query only counts if something is relevant to it: near-misses alone would score zero by construction.
  for (const [key, judgements] of qrels) if (![...judgements.values()].some((grade) => grade > 0)) qrels.delete(key);

  const documents = solutions.map(({ key, orgKey, name, summary, description, evidence, ...fields }) => ({
    id: key,
    title: name,
    text: [summary, description, fields.tags.join(', '), fields.capabilities.join(', ')].join('\n'),
    fields: {
      ...fields,
      organisation: orgKey,
      evidence: ((evidence ?? []) as { kind: string; accreditation?: { type: string; expiresInDays: number } }[]).map((item) => ({
        kind: item.kind,
        ...(item.accreditation ? { accreditation: { type: item.accreditation.type, expiresAt: inDays(now, item.accreditation.expiresInDays) } } : {}),
      })),
    },
  }));
  const queries = challenges
    .filter(({ key }) => qrels.has(key))
    .map(({ key, orgKey, title, summary, responseDeadlineInDays, kpis: _kpis, ...fields }) => ({
      id: key,
      text: `${title}. ${summary}`,
      fields: { ...fields, title, summary, organisation: orgKey, responseDeadline: inDays(now, responseDeadlineInDays) },
    }));
  return { documents, queries, qrels };
}

/** Writes a dataset as a BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv), fields included. */
export async function writeBeirDataset(dataset: BeirDataset, directory: string): Promise<void> {
  await fs.mkdir(path.join(directory, 'qrels'), { recursive: true });
  const lines = (rows: object[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
  await fs.writeFile(
    path.join(directory, 'corpus.jsonl'),
    lines(dataset.documents.map((document) => ({ _id: document.id, title: document.title, text: document.text, ...document.fields }))),
  );
  await fs.writeFile(path.join(directory, 'queries.jsonl'), lines(dataset.queries.map((query) => ({ _id: query.id, text: query.text, ...query.fields }))));
  const qrels = [...dataset.qrels].flatMap(([queryId, judgements]) => [...judgements].map(([id, grade]) => `${queryId}\t${id}\t${grade}`));
  await fs.writeFile(path.join(directory, 'qrels', 'test.tsv'), ['query-id\tcorpus-id\tscore', ...qrels].join('\n') + '\n');
}
