import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { DashboardQuery } from '../../gql/graphql';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { PILOT_STATUS, SECTOR_LABELS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { BarChart } from './BarChart';
import { ReportFilterForm } from './ReportFilterForm';
import { asPercent } from '../../components/matching/MatchExplanation';
import { FUNNEL_STAGE_LABELS, days } from './labels';
import { describeCohort, parseReportFilter, reportFilterInput, reportSearch } from './report-filter';
import './dashboard.scss';

const DashboardDocument = graphql(`
  query Dashboard($filter: ReportFilter) {
    dashboard(filter: $filter) {
      funnel {
        stage
        count
        conversionFromPrevious
      }
      medianDaysToFirstIntroduction
      medianDaysIntroductionToPilot
      pilotsByStatus {
        status
        count
      }
      pilotOutcomes {
        outcome
        count
      }
      kpiAchievement {
        measuredKpis
        achievedKpis
        medianProgress
        medianProgressOfCompletedPilots
      }
      topSectors {
        sector
        challenges
        pilots
        adopted
      }
    }
  }
`);

type Dashboard = DashboardQuery['dashboard'];

const OUTCOME_LABELS = { ADOPTED: 'Adopted', EXTENDED: 'Extended', STOPPED: 'Stopped' } as const;

/** The funnel in one sentence: where the cohort starts, where it ends, and the steepest drop. */
function funnelSummary(funnel: Dashboard['funnel']): string {
  const first = funnel[0];
  const last = funnel.at(-1);
  if (!first || !last) return 'No figures yet.';
  if (first.count === 0) return 'No challenges were published in this period, so the funnel is empty.';
  const drops = funnel.filter((step) => step.conversionFromPrevious !== null).sort((a, b) => (a.conversionFromPrevious ?? 1) - (b.conversionFromPrevious ?? 1));
  const steepest = drops[0];
  const steepestText =
    steepest && steepest.conversionFromPrevious !== null
      ? ` The steepest drop is into ${FUNNEL_STAGE_LABELS[steepest.stage].toLowerCase()}, at ${asPercent(steepest.conversionFromPrevious)} of the stage before.`
      : '';
  return `${first.count} challenges published led to ${funnel.map((step) => `${step.count} ${FUNNEL_STAGE_LABELS[step.stage].toLowerCase()}`).slice(1).join(', ')}.${steepestText}`;
}

function FunnelTable({ funnel }: { funnel: Dashboard['funnel'] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--s">The funnel as a table</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Stage
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Count
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Compared with the stage before
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {funnel.map((step) => (
          <tr className="govuk-table__row" key={step.stage}>
            <th scope="row" className="govuk-table__header">
              {FUNNEL_STAGE_LABELS[step.stage]}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{step.count}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{step.conversionFromPrevious === null ? '–' : asPercent(step.conversionFromPrevious)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SummaryRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );
}

function DashboardBody({ dashboard, cohort }: { dashboard: Dashboard; cohort: string }) {
  const kpis = dashboard.kpiAchievement;
  const pilots = dashboard.pilotsByStatus.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <>
      <h2 className="govuk-heading-m">Funnel</h2>
      <BarChart
        title={`From challenge to adoption, for ${cohort}`}
        summary={funnelSummary(dashboard.funnel)}
        bars={dashboard.funnel.map((step) => ({ label: FUNNEL_STAGE_LABELS[step.stage], value: step.count, display: String(step.count) }))}
      >
        <FunnelTable funnel={dashboard.funnel} />
      </BarChart>

      <h2 className="govuk-heading-m">Speed and results</h2>
      <dl className="govuk-summary-list">
        <SummaryRow label="Median time from publication to first introduction" value={days(dashboard.medianDaysToFirstIntroduction)} />
        <SummaryRow label="Median time from introduction to pilot" value={days(dashboard.medianDaysIntroductionToPilot)} />
        <SummaryRow label="KPIs measured" value={`${kpis.measuredKpis}, of which ${kpis.achievedKpis} reached the target`} />
        <SummaryRow label="Median progress towards KPI targets" value={kpis.medianProgress === null ? 'nothing measured yet' : asPercent(kpis.medianProgress)} />
        <SummaryRow
          label="Median progress, completed pilots only"
          value={kpis.medianProgressOfCompletedPilots === null ? 'no completed pilot measured yet' : asPercent(kpis.medianProgressOfCompletedPilots)}
        />
      </dl>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Pilots by status ({pilots})</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Pilots
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {dashboard.pilotsByStatus.map((entry) => (
                <tr className="govuk-table__row" key={entry.status}>
                  <th scope="row" className="govuk-table__header">
                    {PILOT_STATUS[entry.status].label}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{entry.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="govuk-grid-column-one-half">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Completed pilots by outcome</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Outcome
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Pilots
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {dashboard.pilotOutcomes.map((entry) => (
                <tr className="govuk-table__row" key={entry.outcome}>
                  <th scope="row" className="govuk-table__header">
                    {OUTCOME_LABELS[entry.outcome]}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{entry.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Sectors with the most challenges</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Sector
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Challenges
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Pilots
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Adopted
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {dashboard.topSectors.map((entry) => (
            <tr className="govuk-table__row" key={entry.sector}>
              <th scope="row" className="govuk-table__header">
                {SECTOR_LABELS[entry.sector]}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{entry.challenges}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{entry.pilots}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{entry.adopted}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

// Served by the API as streamed downloads (GET /export/<kind>.csv, staff only); they cover every record, not the cohort.
const CSV_EXPORTS = [
  { kind: 'challenges', label: 'Challenges' },
  { kind: 'matches', label: 'Matches' },
  { kind: 'pilots', label: 'Pilots' },
] as const;

function CsvExports() {
  return (
    <>
      <h2 className="govuk-heading-m">Download the data</h2>
      <p className="govuk-body">Every record, whatever the filter above, as CSV for a spreadsheet.</p>
      <ul className="govuk-list">
        {CSV_EXPORTS.map((entry) => (
          <li key={entry.kind}>
            <a className="govuk-link" href={`/export/${entry.kind}.csv`} download>
              {entry.label} (CSV)
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Staff's dashboard: the funnel from published challenge to adopted pilot, for a cohort of challenges. */
export default function DashboardPage() {
  usePageTitle('Dashboard');
  const [params, setParams] = useSearchParams();
  const state = parseReportFilter(params);
  const { data, loading, error, refetch } = useQuery(DashboardDocument, { variables: { filter: reportFilterInput(state) } });
  const search = reportSearch(state).toString();
  return (
    <>
      <h1 className="govuk-heading-l">Dashboard</h1>
      <p className="govuk-body">
        Figures for {describeCohort(state)}, and everything that followed from them.{' '}
        <Link className="govuk-link" to={`/dashboard/fairness${search ? `?${search}` : ''}`}>
          See the fairness view
        </Link>
        .
      </p>
      <ReportFilterForm key={params.toString()} initial={state} onApply={(next) => setParams(reportSearch(next))} />
      {loading && !data && <Loading />}
      {error && <QueryError error={error} retry={() => void refetch()} />}
      {data && <DashboardBody dashboard={data.dashboard} cohort={describeCohort(state)} />}
      <CsvExports />
    </>
  );
}
