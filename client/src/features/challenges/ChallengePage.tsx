import { Link, useParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { ChallengePageQuery } from '../../gql/graphql';
import { isNotFound } from '../../api/errors';
import { DataTable, type Column } from '../../components/ui/DataTable';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Tag } from '../../components/ui/Tag';
import { ACCREDITATION_LABELS, CHALLENGE_STATUS, formatDate, formatGbp, KPI_DIRECTION_LABELS, REGION_LABELS, SECTOR_LABELS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { countOf } from '../../components/ui/plural';
import { NotFoundPage } from '../errors/NotFoundPage';
import { ChallengeActions } from './ChallengeActions';
import { ChallengeResponses } from './ChallengeResponses';
import { Clarifications } from './Clarifications';

const ChallengePageDocument = graphql(`
  query ChallengePage($id: ID!) {
    challenge(id: $id) {
      id
      title
      summary
      what
      why
      how
      sectors
      tags
      region
      budgetMinGbp
      budgetMaxGbp
      pilotLengthWeeks
      responseDeadline
      minTrl
      requiredAccreditations
      kpis {
        name
        unit
        baseline
        target
        direction
      }
      status
      closeReason
      responseCount
      organisation {
        id
        name
      }
      ...ChallengeActions_Challenge
      ...Clarifications_Challenge
    }
  }
`);

type Kpi = NonNullable<ChallengePageQuery['challenge']>['kpis'][number];

const KPI_COLUMNS: Column<Kpi>[] = [
  { key: 'name', header: 'Measure', rowHeader: true, cell: (kpi) => kpi.name },
  { key: 'baseline', header: 'Today', numeric: true, cell: (kpi) => `${kpi.baseline} ${kpi.unit}` },
  { key: 'target', header: 'Target', numeric: true, cell: (kpi) => `${kpi.target} ${kpi.unit}` },
  { key: 'direction', header: 'Better is', cell: (kpi) => KPI_DIRECTION_LABELS[kpi.direction].toLowerCase() },
];

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

export default function ChallengePage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(ChallengePageDocument, { variables: { id } });
  usePageTitle(data?.challenge?.title ?? 'Challenge');
  if (loading && !data) return <Loading />;
  if ((error && isNotFound(error)) || (data && !data.challenge)) return <NotFoundPage />;
  if (error || !data?.challenge) return <QueryError error={error} retry={() => void refetch()} />;
  const challenge = data.challenge;
  return (
    <>
      <span className="govuk-caption-l">{challenge.organisation.name}</span>
      <h1 className="govuk-heading-l">{challenge.title}</h1>
      <p className="govuk-body">
        <Tag {...CHALLENGE_STATUS[challenge.status]} />
      </p>
      <ChallengeActions challenge={challenge} />
      <p className="govuk-body-l">{challenge.summary}</p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">What is the problem?</h2>
          <p className="govuk-body app-prose">{challenge.what}</p>
          <h2 className="govuk-heading-m">Why it matters</h2>
          <p className="govuk-body app-prose">{challenge.why}</p>
          <h2 className="govuk-heading-m">How a partner could work with us</h2>
          <p className="govuk-body app-prose">{challenge.how}</p>
          <h2 className="govuk-heading-m">Success measures</h2>
          <DataTable caption="Success measures" captionSize="hidden" columns={KPI_COLUMNS} rows={challenge.kpis} rowKey={(kpi) => kpi.name} empty="No success measures yet." />
          <Clarifications challenge={challenge} />
          {challenge.responseCount !== null && <ChallengeResponses challengeId={challenge.id} />}
        </div>
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">At a glance</h2>
          <dl className="govuk-summary-list app-summary-list--stacked">
            <Row label="Deadline">{formatDate(challenge.responseDeadline)}</Row>
            <Row label="Budget">
              {formatGbp(challenge.budgetMinGbp)} to {formatGbp(challenge.budgetMaxGbp)}
            </Row>
            <Row label="Pilot">{countOf(challenge.pilotLengthWeeks, 'week')}</Row>
            <Row label="Region">{REGION_LABELS[challenge.region]}</Row>
            <Row label="Sectors">{challenge.sectors.map((sector) => SECTOR_LABELS[sector]).join(', ')}</Row>
            <Row label="Readiness">TRL {challenge.minTrl} or higher</Row>
            <Row label="Accreditations">
              {challenge.requiredAccreditations.length > 0 ? challenge.requiredAccreditations.map((a) => ACCREDITATION_LABELS[a]).join(', ') : 'None required'}
            </Row>
          </dl>
          <p className="govuk-body">
            <Link className="govuk-link" to="/challenges">
              Back to all challenges
            </Link>
          </p>
        </div>
      </div>
    </>
  );
}
