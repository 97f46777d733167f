import { Link } from 'react-router';
import { graphql, getFragmentData, type FragmentType } from '../../gql';
import { Tag } from '../../components/ui/Tag';
import { PILOT_STATUS, formatDate } from '../../components/ui/labels';
import { countOf } from '../../components/ui/plural';

export const PilotCard_PilotFragment = graphql(`
  fragment PilotCard_Pilot on Pilot {
    id
    status
    plannedEndOn
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
    kpis {
      name
      onTrack
    }
    milestones {
      id
      overdue
      doneOn
    }
    outcome {
      kind
    }
  }
`);

const OUTCOME_LABELS = { ADOPTED: 'Adopted', EXTENDED: 'Extended', STOPPED: 'Stopped' } as const;

function kpiSummary(kpis: { onTrack: boolean | null }[]): string {
  const judged = kpis.filter((kpi) => kpi.onTrack !== null);
  if (kpis.length === 0) return 'No KPIs';
  if (judged.length === 0) return `${countOf(kpis.length, 'KPI')}, not measured yet`;
  return `${judged.filter((kpi) => kpi.onTrack).length} of ${judged.length} measured KPIs on track`;
}

/** One pilot on the board; its title opens the pilot's own page. */
export function PilotCard({ pilot: pilotRef }: { pilot: FragmentType<typeof PilotCard_PilotFragment> }) {
  const pilot = getFragmentData(PilotCard_PilotFragment, pilotRef);
  const overdue = pilot.milestones.filter((milestone) => milestone.overdue).length;
  const done = pilot.milestones.filter((milestone) => milestone.doneOn !== null).length;
  return (
    <article className="app-pilot-card" aria-labelledby={`pilot-${pilot.id}`}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`pilot-${pilot.id}`}>
        <Link className="govuk-link" to={`/pilots/${pilot.id}`}>
          {pilot.solution.name} at {pilot.challenge.organisation.name}
        </Link>
      </h3>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        For “{pilot.challenge.title}”, with {pilot.solution.organisation.name}
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        <Tag {...PILOT_STATUS[pilot.status]} />
        {pilot.outcome && <> {OUTCOME_LABELS[pilot.outcome.kind]}</>}
      </p>
      <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0">
        <li>{kpiSummary(pilot.kpis)}</li>
        <li>
          Milestones: {done} of {pilot.milestones.length} done
          {overdue > 0 && <strong className="app-overdue"> · {overdue} overdue</strong>}
        </li>
        {pilot.plannedEndOn && <li>Planned end {formatDate(pilot.plannedEndOn)}</li>}
      </ul>
    </article>
  );
}
