import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { FairnessQuery } from '../../gql/graphql';
import { DataTable, type Column } from '../../components/ui/DataTable';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { asPercent } from '../../components/matching/MatchExplanation';
import { countOf } from '../../components/ui/plural';
import { BarChart } from './BarChart';
import { ReportFilterForm } from './ReportFilterForm';
import { describeCohort, parseReportFilter, reportFilterInput, reportSearch } from './report-filter';
import './dashboard.scss';

const FairnessDocument = graphql(`
  query Fairness($filter: ReportFilter) {
    fairness(filter: $filter, first: 50) {
      startupCount
      neverSuggested
      topDecileShare
      suggestionGini
      startups {
        organisation {
          id
          name
        }
        suggested
        shortlisted
        accepted
        shareOfSuggestions
      }
    }
  }
`);

type Fairness = FairnessQuery['fairness'];

const CHART_SIZE = 10;

const STARTUP_COLUMNS: Column<Fairness['startups'][number]>[] = [
  { key: 'startup', header: 'Start-up', rowHeader: true, cell: (entry) => entry.organisation.name },
  { key: 'suggested', header: 'Suggested', numeric: true, cell: (entry) => entry.suggested },
  { key: 'shortlisted', header: 'Shortlisted', numeric: true, cell: (entry) => entry.shortlisted },
  { key: 'accepted', header: 'Accepted', numeric: true, cell: (entry) => entry.accepted },
  { key: 'share', header: 'Share of suggestions', numeric: true, cell: (entry) => asPercent(entry.shareOfSuggestions) },
];

function fairnessSummary(report: Fairness): string {
  const suggestedAtAll = report.startupCount - report.neverSuggested;
  if (suggestedAtAll === 0) return `None of the ${countOf(report.startupCount, 'start-up')} has been suggested for these challenges yet.`;
  const concentration =
    report.topDecileShare === null ? '' : ` The most suggested tenth of them received ${asPercent(report.topDecileShare)} of all suggestions.`;
  const gini =
    report.suggestionGini === null
      ? ''
      : ` The Gini coefficient of suggestions is ${report.suggestionGini.toFixed(2)} (0 means every suggested start-up got the same number, values towards 1 mean a few got most).`;
  return `${suggestedAtAll} of ${report.startupCount} start-ups were suggested at least once and ${report.neverSuggested} never were.${concentration}${gini}`;
}

function FairnessBody({ report, cohort }: { report: Fairness; cohort: string }) {
  const top = report.startups.slice(0, CHART_SIZE);
  return (
    <>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Start-ups on the platform</dt>
          <dd className="govuk-summary-list__value">{report.startupCount}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Never suggested</dt>
          <dd className="govuk-summary-list__value">{report.neverSuggested}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Share of suggestions to the most suggested tenth</dt>
          <dd className="govuk-summary-list__value">{report.topDecileShare === null ? 'no suggestions yet' : asPercent(report.topDecileShare)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Gini coefficient of suggestions</dt>
          <dd className="govuk-summary-list__value">{report.suggestionGini === null ? 'no suggestions yet' : report.suggestionGini.toFixed(2)}</dd>
        </div>
      </dl>
      {top.length > 0 && (
        <BarChart
          title={`Share of suggestions, the ${top.length} most suggested start-ups, for ${cohort}`}
          summary={fairnessSummary(report)}
          bars={top.map((entry) => ({ label: entry.organisation.name, value: entry.shareOfSuggestions, display: asPercent(entry.shareOfSuggestions) }))}
        />
      )}
      {top.length === 0 && <p className="govuk-body">{fairnessSummary(report)}</p>}
      <DataTable
        caption="Start-ups suggested, most suggested first"
        columns={STARTUP_COLUMNS}
        rows={report.startups}
        rowKey={(entry) => entry.organisation.id}
        empty="No start-up has been suggested for these challenges yet."
      />
    </>
  );
}

/** Whether the matcher keeps putting the same few start-ups forward, for a cohort of challenges. */
export default function FairnessPage() {
  usePageTitle('Fairness of suggestions');
  const [params, setParams] = useSearchParams();
  const state = parseReportFilter(params);
  const { data, loading, error, refetch } = useQuery(FairnessDocument, { variables: { filter: reportFilterInput(state) } });
  const search = reportSearch(state).toString();
  return (
    <>
      <p className="govuk-body">
        <Link className="govuk-back-link govuk-!-margin-top-0" to={`/dashboard${search ? `?${search}` : ''}`}>
          Back to the dashboard
        </Link>
      </p>
      <h1 className="govuk-heading-l">Fairness of suggestions</h1>
      <p className="govuk-body">How evenly the matcher spreads its suggestions over start-ups, for {describeCohort(state)}.</p>
      <ReportFilterForm key={params.toString()} initial={state} onApply={(next) => setParams(reportSearch(next))} />
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data && <FairnessBody report={data.fairness} cohort={describeCohort(state)} />}
    </>
  );
}
