import { labelTerms, profileText } from '../../server/src/search/lexical-relevance';
import type { MatchChallenge, MatchSolution } from '../../server/src/matching/match-scoring';
import type { BeirDocument, BeirQuery } from './beir-dataset';

/** What a query's vector is embedded from: the challenge's title, what, why, how and tags when it has them (as the server does), else its text. */
export function queryVectorText(query: BeirQuery): string {
  const fields = query.fields ?? {};
  const parts = [fields.title, fields.what, fields.why, fields.how].flatMap((part) => string(part) ?? []);
  const tags = strings(fields.tags) ?? [];
  return parts.length > 1 ? [...parts, tags.join(', ')].filter(Boolean).join('\n') : query.text;
}

/**
 * BEIR records as the matcher's inputs. A record carries whatever fields it has; a field that is
 * missing or of the wrong type is simply absent, which the matcher treats as neutral.
 */

type Fields = Record<string, unknown>;

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const date = (value: unknown): Date | undefined => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined);
const vector = (value: unknown): number[] | undefined =>
  Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'number') ? (value as number[]) : undefined;

function evidence(value: unknown): MatchSolution['evidence'] {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item: Fields) => {
    const kind = string(item?.kind);
    if (!kind) return [];
    const accreditation = item.accreditation as Fields | undefined;
    const expiresAt = date(accreditation?.expiresAt);
    const type = string(accreditation?.type);
    return [
      {
        kind: kind as never,
        description: '',
        accreditation: type && expiresAt ? { type: type as never, issuer: '', expiresAt } : null,
      },
    ];
  });
}

export function matchChallengeFromBeir(query: BeirQuery): MatchChallenge {
  const fields = query.fields ?? {};
  const tags = strings(fields.tags) ?? [];
  return {
    id: query.id,
    // The title counts twice, as on the server: once in its field, once in the query text that begins with it.
    text: profileText([string(fields.title) ?? '', query.text, ...[fields.what, fields.why, fields.how].flatMap((part) => string(part) ?? []), tags.join(' ')]),
    status: string(fields.status) as MatchChallenge['status'],
    responseDeadline: date(fields.responseDeadline),
    minTrl: number(fields.minTrl),
    requiredAccreditations: strings(fields.requiredAccreditations) as MatchChallenge['requiredAccreditations'],
    region: string(fields.region) as MatchChallenge['region'],
    organisationId: string(fields.organisation),
    sectors: strings(fields.sectors) as MatchChallenge['sectors'],
    tagTerms: tags.length > 0 ? labelTerms(tags) : undefined,
    budgetMinGbp: number(fields.budgetMinGbp),
    budgetMaxGbp: number(fields.budgetMaxGbp),
    vector: vector(fields.vector),
  };
}

export function matchSolutionFromBeir(document: BeirDocument): MatchSolution {
  const fields = document.fields ?? {};
  const labels = [...(strings(fields.tags) ?? []), ...(strings(fields.capabilities) ?? [])];
  return {
    id: document.id,
    text: profileText([document.title, document.title, document.text]),
    status: string(fields.status) as MatchSolution['status'],
    trl: number(fields.trl),
    evidence: evidence(fields.evidence),
    regionsServed: strings(fields.regionsServed) as MatchSolution['regionsServed'],
    organisationId: string(fields.organisation),
    sectors: strings(fields.sectors) as MatchSolution['sectors'],
    tagTerms: labels.length > 0 ? labelTerms(labels) : undefined,
    priceMinGbp: number(fields.priceMinGbp),
    priceMaxGbp: number(fields.priceMaxGbp),
    vector: vector(fields.vector),
  };
}
