import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { DashboardQuery } from '../../gql/graphql';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { PILOT_STATUS, SECTOR_LABELS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { DataTable, type Column } from '../../components/ui/DataTable';
import { asPercent } from '../../components/matching/MatchExplanation';
import { BarChart } from './BarChart';
import { ReportFilterForm } from './ReportFilterForm';
import { FUNNEL_STAGE_LABELS, days } from './labels';
import { funnelSummary, stageRatio } from './funnel';
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

type FunnelStep = Dashboard['funnel'][number];

const FUNNEL_COLUMNS: Column<FunnelStep>[] = [
  { key: 'stage', header: 'Stage', rowHeader: true, cell: (step) => FUNNEL_STAGE_LABELS[step.stage] },
  { key: 'count', header: 'Count', numeric: true, cell: (step) => step.count },
  {
    key: 'conversion',
    header: 'Count as a share of the stage before',
    numeric: true,
    cell: (step) => (step.conversionFromPrevious === null ? '–' : stageRatio(step.conversionFromPrevious)),
  },
];

const statusColumns = (label: string): Column<{ label: string; count: number }>[] => [
  { key: 'label', header: label, rowHeader: true, cell: (entry) => entry.label },
  { key: 'count', header: 'Pilots', numeric: true, cell: (entry) => entry.count },
];

type SectorEntry = Dashboard['topSectors'][number];

const SECTOR_COLUMNS: Column<SectorEntry>[] = [
  { key: 'sector', header: 'Sector', rowHeader: true, cell: (entry) => SECTOR_LABELS[entry.sector] },
  { key: 'challenges', header: 'Challenges', numeric: true, cell: (entry) => entry.challenges },
  { key: 'pilots', header: 'Pilots', numeric: true, cell: (entry) => entry.pilots },
  { key: 'adopted', header: 'Adopted', numeric: true, cell: (entry) => entry.adopted },
];

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
        <DataTable caption="The funnel as a table" captionSize="s" columns={FUNNEL_COLUMNS} rows={dashboard.funnel} rowKey={(step) => step.stage} empty="No figures yet." />
        <p className="govuk-body-s">
          Each stage is counted in its own unit, so a stage can outnumber the one before it: one challenge can draw several responses, and each
          response several suggested matches.
        </p>
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
          <DataTable
            caption={`Pilots by status (${pilots})`}
            columns={statusColumns('Status')}
            rows={dashboard.pilotsByStatus.map((entry) => ({ label: PILOT_STATUS[entry.status].label, count: entry.count }))}
            rowKey={(entry) => entry.label}
            empty="No pilots yet."
          />
        </div>
        <div className="govuk-grid-column-one-half">
          <DataTable
            caption="Completed pilots by outcome"
            columns={statusColumns('Outcome')}
            rows={dashboard.pilotOutcomes.map((entry) => ({ label: OUTCOME_LABELS[entry.outcome], count: entry.count }))}
            rowKey={(entry) => entry.label}
            empty="No pilot has been completed yet."
          />
        </div>
      </div>

      <DataTable caption="Sectors with the most challenges" columns={SECTOR_COLUMNS} rows={dashboard.topSectors} rowKey={(entry) => entry.sector} empty="No challenges in this period." />
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
