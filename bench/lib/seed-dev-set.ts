import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BeirDataset, BeirDocument } from './beir-dataset';

interface SeedChallenge {
  key: string;
  title: string;
  summary: string;
  what: string;
  status: string;
}

interface SeedSolution {
  key: string;
  name: string;
  summary: string;
  description: string;
  tags: string[];
  capabilities: string[];
}

async function readSeeds<T>(directory: string, prefix: string): Promise<T[]> {
  const files = (await fs.readdir(directory)).filter((file) => file.startsWith(prefix)).sort();
  const lists = await Promise.all(files.map(async (file) => JSON.parse(await fs.readFile(path.join(directory, file), 'utf8')) as T[]));
  return lists.flat();
}

/**
 * The seeds' labelled development set in BEIR's shape: every solution is a document (name as
 * title; summary, description, tags and capabilities as text), every challenge with labels is a
 * query (its title, summary and what it asks for, as the matcher would put it), `matches.json`
 * gives the graded judgements (2 = introduce, 1 = plausible) and `near-misses.json` adds pairs
 * judged not relevant (0).
 */
export async function loadSeedDevSet(directory: string): Promise<BeirDataset> {
  const challenges = await readSeeds<SeedChallenge>(directory, 'challenges-');
  const solutions = await readSeeds<SeedSolution>(directory, 'solutions-');
  const matches = JSON.parse(await fs.readFile(path.join(directory, 'matches.json'), 'utf8')) as Array<{
    challengeKey: string;
    solutionKey: string;
    relevance: number;
  }>;
  const nearMisses = JSON.parse(await fs.readFile(path.join(directory, 'near-misses.json'), 'utf8')) as Array<{
    challengeKey: string;
    solutionKey: string;
  }>;
  const qrels = new Map<string, Map<string, number>>();
  const judge = (challengeKey: string, solutionKey: string, grade: number) => {
    let judgements = qrels.get(challengeKey);
    if (!judgements) {
      judgements = new Map();
      qrels.set(challengeKey, judgements);
    }
    if (!judgements.has(solutionKey)) judgements.set(solutionKey, grade);
  };
  for (const match of matches) judge(match.challengeKey, match.solutionKey, match.relevance);
  for (const miss of nearMisses) judge(miss.challengeKey, miss.solutionKey, 0);
  const documents: BeirDocument[] = solutions.map((solution) => ({
    id: solution.key,
    title: solution.name,
    text: [solution.summary, solution.description, solution.tags.join(', '), solution.capabilities.join(', ')].join('\n'),
  }));
  const queries = challenges
    .filter((challenge) => [...(qrels.get(challenge.key)?.values() ?? [])].some((grade) => grade > 0))
    .map((challenge) => ({ id: challenge.key, text: `${challenge.title}. ${challenge.summary}` }));
  return { documents, queries, qrels };
}
