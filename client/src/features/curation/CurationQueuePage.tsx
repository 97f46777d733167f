import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { graphql, getFragmentData } from '../../gql';
import type { MatchSource, MatchStatus, QueueRow_MatchFragment } from '../../gql/graphql';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { DataTable, type Column } from '../../components/ui/DataTable';
import { Choices, TextInput } from '../../components/ui/fields';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import { MATCH_STATUS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { MATCH_FEATURE_LABELS, asPercent } from '../../components/matching/MatchExplanation';
import { countOf } from '../../components/ui/plural';
import { joinPages } from '../../api/pagination';
import { NextPageButton } from '../../components/ui/NextPageButton';
import { BulkActions } from './BulkActions';
import { SOURCE_LABELS } from './labels';
import { ALL_MATCH_STATUSES } from './moves';
import { useCurationActions } from './useCurationActions';
import { useSelection } from './useSelection';
import { parseQueueFilter, queueSearch, type QueueFilter } from './queue-filter';
import './curation.scss';

const QueueRowFragment = graphql(`
  fragment QueueRow_Match on Match {
    id
    status
    score
    source
    version
    challenge {
      id
      title
      organisation {
        id
        name
      }
    }
    solution {
      id
      name
      organisation {
        id
        name
      }
    }
    viewerCan {
      shortlist
      reject
    }
    explanation {
      contributions {
        feature
        contribution
      }
      whyNot
    }
  }
`);

const CurationQueueDocument = graphql(`
  query CurationQueue($filter: MatchQueueFilter, $after: String) {
    matchQueue(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          ...QueueRow_Match
        }
      }
    }
  }
`);

const OpenChallengesDocument = graphql(`
  query CurationOpenChallenges {
    challenges(filter: { status: OPEN }, first: 100) {
      edges {
        node {
          id
          title
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

/** Any open challenge's board, including one the matcher has not been run for yet. */
function ChallengePicker() {
  const { data } = useQuery(OpenChallengesDocument);
  const navigate = useNavigate();
  const [challengeId, setChallengeId] = useState('');
  const challenges = data?.challenges.edges.map((edge) => edge.node) ?? [];
  if (challenges.length === 0) return null;
  return (
    <form
      className="app-inline-actions govuk-!-margin-bottom-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (challengeId) void navigate(`/curation/${challengeId}`);
      }}
    >
      <div className="govuk-form-group govuk-!-margin-bottom-0">
        <label className="govuk-label govuk-label--s" htmlFor="board-challenge">
          Open the board of a challenge
        </label>
        <select className="govuk-select" id="board-challenge" value={challengeId} onChange={(event) => setChallengeId(event.target.value)}>
          <option value="">Choose an open challenge</option>
          {challenges.map((challenge) => (
            <option key={challenge.id} value={challenge.id}>
              {challenge.title} ({challenge.organisation.name})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 app-align-end">
        Open board
      </button>
    </form>
  );
}

type Row = QueueRow_MatchFragment;
/** The three features that added most to the score, in words. */
function strongestFeatures(row: Row): string {
  return [...row.explanation.contributions]
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 3)
    .map((part) => `${MATCH_FEATURE_LABELS[part.feature]} ${asPercent(part.contribution)}`)
    .join(', ');
}

const STATUS_OPTIONS = ALL_MATCH_STATUSES.map((status) => ({ value: status, label: MATCH_STATUS[status].label }));
const SOURCE_OPTIONS = (Object.entries(SOURCE_LABELS) as [MatchSource, string][]).map(([value, label]) => ({ value, label }));

function FilterPanel({ filter, onApply }: { filter: QueueFilter; onApply: (filter: QueueFilter) => void }) {
  const [statuses, setStatuses] = useState<string[]>(filter.statuses);
  const [sources, setSources] = useState<string[]>(filter.sources);
  const [minScore, setMinScore] = useState(filter.minScorePercent === null ? '' : String(filter.minScorePercent));
  const [minScoreError, setMinScoreError] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = minScore.trim() === '' ? null : Number(minScore);
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 100)) {
      setMinScoreError('Enter a whole number from 0 to 100');
      return;
    }
    setMinScoreError('');
    onApply({ statuses: statuses as MatchStatus[], sources: sources as MatchSource[], minScorePercent: value });
  };
  const chosen = [...filter.statuses.map((status) => MATCH_STATUS[status].label), ...filter.sources.map((source) => SOURCE_LABELS[source])];
  if (filter.minScorePercent !== null) chosen.push(`Score at least ${filter.minScorePercent}%`);
  return (
    <div className="moj-filter">
      <div className="moj-filter__header">
        <div className="moj-filter__header-title">
          <h2 className="govuk-heading-m">Filter</h2>
        </div>
      </div>
      <div className="moj-filter__content">
        <div className="moj-filter__selected">
          <div className="moj-filter__selected-heading">
            <div className="moj-filter__heading-title">
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Selected filters</h3>
            </div>
          </div>
          {chosen.length === 0 ? (
            <p className="govuk-body-s">What still needs curating: suggested and shortlisted matches.</p>
          ) : (
            <ul className="moj-filter-tags">
              {chosen.map((label) => (
                <li key={label}>
                  <span className="moj-filter__tag">{label}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="moj-filter__options">
          <form onSubmit={submit} noValidate>
            <ErrorSummary errors={minScoreError ? [{ fieldId: 'filter-min-score', text: minScoreError }] : []} />
            <Choices id="filter-status" legend="Status" type="checkbox" small options={STATUS_OPTIONS} selected={statuses} onChange={setStatuses} />
            <Choices id="filter-source" legend="Where it came from" type="checkbox" small options={SOURCE_OPTIONS} selected={sources} onChange={setSources} />
            <TextInput
              id="filter-min-score"
              label="Lowest score, in per cent"
              labelClassName="govuk-label--s"
              width={3}
              inputMode="numeric"
              value={minScore}
              onChange={setMinScore}
              error={minScoreError || undefined}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Apply filters
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}

function queueColumns(isSelected: (id: string) => boolean, onSelect: (id: string, selected: boolean) => void): Column<Row>[] {
  return [
    {
      key: 'select',
      header: <span className="govuk-visually-hidden">Select</span>,
      cell: (row) =>
        (row.viewerCan.shortlist || row.viewerCan.reject) && (
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id={`queue-select-${row.id}`} type="checkbox" checked={isSelected(row.id)} onChange={(event) => onSelect(row.id, event.target.checked)} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`queue-select-${row.id}`}>
                <span className="govuk-visually-hidden">
                  Select {row.solution.name} for {row.challenge.title}
                </span>
              </label>
            </div>
          </div>
        ),
    },
    { key: 'score', header: 'Score', numeric: true, cell: (row) => asPercent(row.score), compare: (a, b) => a.score - b.score },
    {
      key: 'solution',
      header: 'Solution',
      cell: (row) => (
        <>
          <strong>{row.solution.name}</strong>
          <span className="app-block govuk-body-s">{row.solution.organisation.name}</span>
        </>
      ),
      compare: (a, b) => a.solution.name.localeCompare(b.solution.name, 'en-GB'),
    },
    {
      key: 'challenge',
      header: 'Challenge',
      cell: (row) => (
        <>
          <Link className="govuk-link" to={`/curation/${row.challenge.id}`}>
            {row.challenge.title}
          </Link>
          <span className="app-block govuk-body-s">{row.challenge.organisation.name}</span>
        </>
      ),
      compare: (a, b) => a.challenge.title.localeCompare(b.challenge.title, 'en-GB'),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (row) => (
        <>
          <Tag {...MATCH_STATUS[row.status]} />
          <span className="app-block govuk-body-s app-secondary-text">{SOURCE_LABELS[row.source]}</span>
        </>
      ),
    },
    {
      key: 'why',
      header: 'Why',
      cell: (row) => (
        <span className="govuk-body-s">
          {strongestFeatures(row)}
          {row.explanation.whyNot.length > 0 && <span className="app-block">Why not: {row.explanation.whyNot.join('; ')}</span>}
        </span>
      ),
    },
  ];
}

/** Staff's queue across every challenge: best score first, filterable, shortlisted or rejected in bulk. */
export default function CurationQueuePage() {
  usePageTitle('Curation queue');
  const [params, setParams] = useSearchParams();
  const filter = parseQueueFilter(params);
  const variables = {
    filter: {
      statuses: filter.statuses.length > 0 ? filter.statuses : undefined,
      sources: filter.sources.length > 0 ? filter.sources : undefined,
      minScore: filter.minScorePercent === null ? undefined : filter.minScorePercent / 100,
    },
  };
  const { data, loading, error, refetch, fetchMore } = useQuery(CurationQueueDocument, { variables });
  const actions = useCurationActions({ refresh: () => refetch() });
  const selection = useSelection();

  const rows = (data?.matchQueue.edges ?? []).map((edge) => getFragmentData(QueueRowFragment, edge.node));

  const bulk = async (action: Parameters<typeof actions.bulk>[1]) => {
    const outcome = await actions.bulk([...selection.selected], action);
    if (outcome) {
      selection.clear();
      await refetch();
    }
  };

  return (
    <>
      <ErrorSummary errors={actions.errors} />
      <h1 className="govuk-heading-l">Curation queue</h1>
      <p className="govuk-body">Suggested pairings across every challenge, best score first. Open a challenge to move its matches one by one or introduce them.</p>
      <ChallengePicker />
      <div className="moj-filter-layout">
        <div className="moj-filter-layout__filter">
          <FilterPanel key={params.toString()} filter={filter} onApply={(next) => setParams(queueSearch(next))} />
        </div>
        <div className="moj-filter-layout__content">
          {loading && !data && <Loading />}
          {error && <QueryError error={error} retry={() => void refetch()} />}
          <p className="govuk-body" role="status">
            {data && (data.matchQueue.totalCount === 0 ? 'No matches fit these filters.' : `${countOf(data.matchQueue.totalCount, 'match', 'matches')}${data.matchQueue.totalCount > rows.length ? `, the best ${rows.length} shown` : ''}.`)}{' '}
            {actions.status}
          </p>
          {rows.length > 0 && (
            <>
              <BulkActions
                count={selection.selected.size}
                onShortlist={() => void bulk({ kind: 'shortlist' })}
                onReject={(reason, note) => void bulk({ kind: 'reject', reason, note })}
                onInvalid={actions.setErrors}
                onClear={selection.clear}
              />
              <DataTable
                caption="Matches to curate"
                className="app-queue-table"
                columns={queueColumns((id) => selection.selected.has(id), selection.toggle)}
                rows={rows}
                rowKey={(row) => row.id}
                empty="No matches fit these filters."
                initialSort={{ key: 'score', ascending: false }}
              />
              <NextPageButton
                pageInfo={data?.matchQueue.pageInfo}
                label="Show the next 25 matches"
                onNext={(after) =>
                  fetchMore({
                    variables: { after },
                    updateQuery: (previous, { fetchMoreResult }) => ({ matchQueue: joinPages(previous.matchQueue, fetchMoreResult.matchQueue, 'edges') }),
                  })
                }
              />
            </>
          )}
        </div>
      </div>
    </>
  );
}
