import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { SearchChallengesQuery } from '../../gql/graphql';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Choices, Select, type Option } from '../../components/ui/fields';
import { formatDate, formatGbp, MONEY_BAND_LABELS, REGION_LABELS, SECTOR_LABELS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { countOf } from '../../components/ui/plural';
import { joinPages } from '../../api/pagination';
import { NextPageButton } from '../../components/ui/NextPageButton';
import { Highlight } from './Highlight';
import { CLOSING_WINDOW_LABELS, closingBefore, meaningNotUsed, readSearchState, SEARCH_MODE_LABELS, writeSearchState, type ChallengeSearchState } from './search-state';

const SearchChallengesDocument = graphql(`
  query SearchChallenges($input: SearchChallengesInput!) {
    searchChallenges(input: $input) {
      estimatedTotalHits
      processingTimeMs
      semantic
      mode
      facets {
        name
        values {
          value
          count
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      hits {
        score
        highlights {
          field
          snippet
        }
        challenge {
          id
          title
          summary
          region
          sectors
          budgetMinGbp
          budgetMaxGbp
          responseDeadline
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

type Result = SearchChallengesQuery['searchChallenges'];
type Hit = Result['hits'][number];

const TYPING_PAUSE_MS = 250;

const MODE_HINTS: Record<ChallengeSearchState['mode'], string> = {
  HYBRID: 'Your words and what they mean',
  KEYWORD: 'Challenges that use your words',
  SEMANTIC: 'Challenges about the same thing, even in other words',
};
const MODE_OPTIONS: Option[] = (['HYBRID', 'KEYWORD', 'SEMANTIC'] as const).map((mode) => ({ value: mode, label: SEARCH_MODE_LABELS[mode], hint: MODE_HINTS[mode] }));

function searchInput(state: ChallengeSearchState, after?: string | null) {
  const closing = closingBefore(state.closingWithin);
  return {
    query: state.query,
    status: 'OPEN' as const,
    sectors: state.sectors,
    regions: state.regions,
    budgetBands: state.budgetBands,
    ...(closing ? { closingBefore: closing } : {}),
    sort: state.sort,
    mode: state.mode,
    facets: ['SECTORS' as const, 'REGION' as const, 'BUDGET_BAND' as const],
    first: 20,
    ...(after ? { after } : {}),
  };
}

function withCounts(labels: Record<string, string>, facet: Result['facets'][number] | undefined): Option[] {
  const counts = new Map(facet?.values.map((value) => [value.value, value.count]));
  return Object.entries(labels).map(([value, label]) => ({ value, label: `${label} (${counts.get(value) ?? 0})` }));
}

function snippet(hit: Hit, field: string): string | undefined {
  return hit.highlights.find((highlight) => highlight.field === field)?.snippet;
}

function SearchHit({ hit }: { hit: Hit }) {
  const { challenge } = hit;
  const title = snippet(hit, 'title');
  const text = snippet(hit, 'summary') ?? snippet(hit, 'what');
  return (
    <li className="app-search-hit">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={`/challenges/${challenge.id}`}>
          {title ? <Highlight snippet={title} /> : challenge.title}
        </Link>
      </h2>
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        {challenge.organisation.name} · {REGION_LABELS[challenge.region]}
      </p>
      <p className="govuk-body">{text ? <Highlight snippet={text} /> : challenge.summary}</p>
      <p className="govuk-body-s">
        {challenge.sectors.map((sector) => SECTOR_LABELS[sector]).join(', ')} · Budget up to {formatGbp(challenge.budgetMaxGbp)} · Closes{' '}
        {formatDate(challenge.responseDeadline)}
      </p>
    </li>
  );
}

export default function SearchChallengesPage() {
  const [params, setParams] = useSearchParams();
  const state = readSearchState(params);
  const [typed, setTyped] = useState(state.query);
  usePageTitle(state.query ? `Challenges matching “${state.query}”` : 'Find challenges');

  const update = (changes: Partial<ChallengeSearchState>) => setParams(writeSearchState({ ...state, ...changes }), { replace: true });

  // Results follow the words as they are typed, once typing pauses.
  useEffect(() => {
    if (typed === state.query) return;
    const timer = setTimeout(() => update({ query: typed }), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  });

  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(SearchChallengesDocument, {
    variables: { input: searchInput(state) },
  });
  const result = (data ?? previousData)?.searchChallenges;
  const facet = (name: string) => result?.facets.find((item) => item.name === name);

  return (
    <>
      <h1 className="govuk-heading-l">Find challenges</h1>
      <form role="search" onSubmit={(event) => (event.preventDefault(), update({ query: typed }))}>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="search-query">
            Search open challenges
          </label>
          <div id="search-query-hint" className="govuk-hint">
            Results update as you type
          </div>
          <input
            className="govuk-input govuk-!-width-two-thirds"
            id="search-query"
            name="q"
            type="search"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-describedby="search-query-hint"
            autoComplete="off"
          />{' '}
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Search
          </button>
        </div>
        <Choices
          id="search-mode"
          legend="Match on"
          type="radio"
          small
          options={MODE_OPTIONS}
          selected={[state.mode]}
          onChange={([mode]) => update({ mode: (mode ?? 'HYBRID') as ChallengeSearchState['mode'] })}
        />
      </form>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third app-facets">
          <h2 className="govuk-heading-m">Filter</h2>
          <Choices
            id="filter-sector"
            legend="Sector"
            type="checkbox"
            small
            options={withCounts(SECTOR_LABELS, facet('sectors'))}
            selected={state.sectors}
            onChange={(sectors) => update({ sectors: sectors as ChallengeSearchState['sectors'] })}
          />
          <Choices
            id="filter-region"
            legend="Region"
            type="checkbox"
            small
            options={withCounts(REGION_LABELS, facet('region'))}
            selected={state.regions}
            onChange={(regions) => update({ regions: regions as ChallengeSearchState['regions'] })}
          />
          <Choices
            id="filter-budget"
            legend="Budget"
            type="checkbox"
            small
            options={withCounts(MONEY_BAND_LABELS, facet('budgetBand'))}
            selected={state.budgetBands}
            onChange={(budgetBands) => update({ budgetBands: budgetBands as ChallengeSearchState['budgetBands'] })}
          />
          <Choices
            id="filter-closing"
            legend="Deadline"
            type="radio"
            small
            options={[{ value: '', label: 'Any time' }, ...Object.entries(CLOSING_WINDOW_LABELS).map(([value, label]) => ({ value, label }))]}
            selected={[state.closingWithin]}
            onChange={([closingWithin]) => update({ closingWithin: (closingWithin ?? '') as ChallengeSearchState['closingWithin'] })}
          />
          {(state.sectors.length > 0 || state.regions.length > 0 || state.budgetBands.length > 0 || state.closingWithin) && (
            <p className="govuk-body">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => update({ sectors: [], regions: [], budgetBands: [], closingWithin: '' })}>
                Clear filters
              </button>
            </p>
          )}
        </div>
        <div className="govuk-grid-column-two-thirds">
          <Select
            id="sort"
            label="Sort by"
            options={[
              { value: 'RELEVANCE', label: 'Best match' },
              { value: 'DEADLINE_SOONEST', label: 'Deadline: soonest first' },
              { value: 'NEWEST', label: 'Newest' },
              { value: 'BUDGET_HIGHEST', label: 'Budget: highest first' },
            ]}
            value={state.sort}
            onChange={(sort) => update({ sort: sort as ChallengeSearchState['sort'] })}
          />
          <p className="govuk-body govuk-!-font-weight-bold" role="status" aria-live="polite">
            {result ? `${countOf(result.estimatedTotalHits, 'challenge')} found` : ''}
            {loading && result ? ' (updating…)' : ''}
          </p>
          {/* Only the current results say how they were ranked; the previous ones may have been asked differently. */}
          {data && meaningNotUsed(state, data.searchChallenges.semantic) && <div className="govuk-inset-text">{meaningNotUsed(state, data.searchChallenges.semantic)}</div>}
          {loading && !result && <Loading label="Searching…" />}
          {error && <QueryError error={error} retry={() => void refetch()} />}
          {result && result.hits.length === 0 && <p className="govuk-body">No open challenges match. Try fewer words or clear the filters.</p>}
          {result && (
            <ul className="govuk-list">
              {result.hits.map((hit) => (
                <SearchHit key={hit.challenge.id} hit={hit} />
              ))}
            </ul>
          )}
          <NextPageButton
            pageInfo={result?.pageInfo}
            label="Show more challenges"
            onNext={(after) =>
              fetchMore({
                variables: { input: searchInput(state, after) },
                updateQuery: (previous, { fetchMoreResult }) => ({ searchChallenges: joinPages(previous.searchChallenges, fetchMoreResult.searchChallenges, 'hits') }),
              })
            }
          />
        </div>
      </div>
    </>
  );
}
