import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql, getFragmentData, makeFragmentData } from '../../gql';
import type { PilotDetail_PilotFragment as Pilot, PilotParty, PilotStatus } from '../../gql/graphql';
import { describeError, isNotFound } from '../../api/errors';
import { isStaff, membershipsOfKind, useViewer, type Viewer } from '../../api/session';
import { DateInput, dateFromParts, partsFromIso, type DateParts } from '../../components/ui/DateInput';
import { ErrorSummary, type SummaryError } from '../../components/ui/ErrorSummary';
import { Select, Textarea, TextInput } from '../../components/ui/fields';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { DataTable, type Column } from '../../components/ui/DataTable';
import { countOf } from '../../components/ui/plural';
import { Tag } from '../../components/ui/Tag';
import { formatDate, PILOT_STATUS } from '../../components/ui/labels';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { NotFoundPage } from '../errors/NotFoundPage';
import { KpiChart } from './KpiChart';
import { formatValue, kpiSummary } from './kpi-summary';
import { PilotDetail_PilotFragment } from './pilot-fragment';

const PilotPageDocument = graphql(`
  query PilotPage($id: ID!) {
    pilot(id: $id) {
      ...PilotDetail_Pilot
    }
  }
`);

const GoLivePilotDocument = graphql(`
  mutation GoLivePilot($input: PilotTransitionInput!) {
    goLivePilot(input: $input) {
      ...PilotDetail_Pilot
    }
  }
`);

const AddPilotMilestoneDocument = graphql(`
  mutation AddPilotMilestone($input: AddPilotMilestoneInput!) {
    addPilotMilestone(input: $input) {
      ...PilotDetail_Pilot
    }
  }
`);

const CompletePilotMilestoneDocument = graphql(`
  mutation CompletePilotMilestone($input: CompletePilotMilestoneInput!) {
    completePilotMilestone(input: $input) {
      ...PilotDetail_Pilot
    }
  }
`);

const RecordPilotMeasurementDocument = graphql(`
  mutation RecordPilotMeasurement($input: RecordPilotMeasurementInput!) {
    recordPilotMeasurement(input: $input) {
      ...PilotDetail_Pilot
    }
  }
`);

const PostPilotUpdateDocument = graphql(`
  mutation PostPilotUpdate($input: PostPilotUpdateInput!) {
    postPilotUpdate(input: $input) {
      ...PilotDetail_Pilot
    }
  }
`);

const PARTY_LABELS: Record<PilotParty, string> = { PUBLIC_BODY: 'Public body', STARTUP: 'Start-up', STAFF: 'Accelerator team' };

/** Which side of this pilot the viewer writes for. */
function partyOf(viewer: Viewer | null, pilot: Pilot): PilotParty {
  const ids = (kind: 'PUBLIC_BODY' | 'STARTUP') => membershipsOfKind(viewer, kind).map((membership) => membership.organisation.id);
  if (ids('PUBLIC_BODY').includes(pilot.challenge.organisation.id)) return 'PUBLIC_BODY';
  if (ids('STARTUP').includes(pilot.solution.organisation.id)) return 'STARTUP';
  return isStaff(viewer) ? 'STAFF' : 'STARTUP';
}

/** A pilot mutation's answer before the server's: the page changes at once, and rolls back on failure. */
const optimistic = (pilot: Pilot, changes: Partial<Pilot>) => makeFragmentData({ ...pilot, ...changes }, PilotDetail_PilotFragment);

const today = () => partsFromIso(new Date().toISOString());

/** A date typed for today means now (the server refuses instants in the future); an earlier day means that day. */
function pastInstant(parts: DateParts): string | undefined {
  const date = dateFromParts(parts);
  if (!date) return undefined;
  return new Date(Math.min(date.getTime(), Date.now())).toISOString();
}

type Milestone = Pilot['milestones'][number];

function milestoneColumns(pilot: Pilot, onDone: (milestoneId: string) => Promise<void>): Column<Milestone>[] {
  return [
    {
      key: 'title',
      header: 'Milestone',
      rowHeader: true,
      cell: (milestone) => (
        <>
          {milestone.title}
          <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">
            Deliverable: {milestone.deliverable}. Done when: {milestone.successCriterion}
          </span>
        </>
      ),
    },
    { key: 'due', header: 'Due', cell: (milestone) => formatDate(milestone.dueOn) },
    {
      key: 'status',
      header: 'Status',
      cell: (milestone) =>
        milestone.doneOn ? (
          <Tag label={`Done ${formatDate(milestone.doneOn)}`} colour="green" />
        ) : milestone.overdue ? (
          <Tag label="Overdue" colour="red" />
        ) : (
          <Tag label="To do" colour="grey" />
        ),
    },
    {
      key: 'action',
      header: <span className="govuk-visually-hidden">Action</span>,
      cell: (milestone) =>
        !milestone.doneOn &&
        pilot.viewerCan.completeMilestone && (
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void onDone(milestone.id)}>
            Mark done<span className="govuk-visually-hidden">: {milestone.title}</span>
          </button>
        ),
    },
  ];
}

function Milestones({ pilot }: { pilot: Pilot }) {
  const [complete] = useMutation(CompletePilotMilestoneDocument);
  const [problem, setProblem] = useState<string>();
  const onDone = async (milestoneId: string) => {
    setProblem(undefined);
    const doneOn = new Date().toISOString();
    try {
      await complete({
        variables: { input: { pilotId: pilot.id, milestoneId } },
        optimisticResponse: {
          completePilotMilestone: optimistic(pilot, { milestones: pilot.milestones.map((item) => (item.id === milestoneId ? { ...item, doneOn, overdue: false } : item)) }),
        },
      });
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };
  const overdue = pilot.milestones.filter((milestone) => milestone.overdue).length;
  return (
    <>
      <h2 className="govuk-heading-m">Milestones</h2>
      {overdue > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {countOf(overdue, 'milestone is', 'milestones are')} overdue
          </strong>
        </div>
      )}
      {problem && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {problem}
        </p>
      )}
      <DataTable
        caption="Milestones, earliest due first"
        captionSize="hidden"
        columns={milestoneColumns(pilot, onDone)}
        rows={pilot.milestones}
        rowKey={(milestone) => milestone.id}
        empty="No milestones yet."
      />
      {pilot.viewerCan.addMilestone && <MilestoneForm pilotId={pilot.id} />}
    </>
  );
}

function MilestoneForm({ pilotId }: { pilotId: string }) {
  const [title, setTitle] = useState('');
  const [deliverable, setDeliverable] = useState('');
  const [successCriterion, setSuccessCriterion] = useState('');
  const [due, setDue] = useState<DateParts>({ day: '', month: '', year: '' });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [add, { loading }] = useMutation(AddPilotMilestoneDocument);
  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.text;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const dueOn = dateFromParts(due);
    const found: SummaryError[] = [
      ...(title.trim() ? [] : [{ fieldId: 'milestone-title', text: 'Enter the milestone' }]),
      ...(deliverable.trim() ? [] : [{ fieldId: 'milestone-deliverable', text: 'Enter what will be delivered' }]),
      ...(successCriterion.trim() ? [] : [{ fieldId: 'milestone-criterion', text: 'Enter how you will know it is done' }]),
      ...(dueOn ? [] : [{ fieldId: 'milestone-due', text: 'Enter a real due date, for example 27 3 2027' }]),
    ];
    setErrors(found);
    if (found.length > 0 || !dueOn) return;
    try {
      await add({ variables: { input: { pilotId, title: title.trim(), deliverable: deliverable.trim(), successCriterion: successCriterion.trim(), dueOn: dueOn.toISOString() } } });
      setTitle('');
      setDeliverable('');
      setSuccessCriterion('');
      setDue({ day: '', month: '', year: '' });
    } catch (error) {
      setErrors([{ text: describeError(error).message }]);
    }
  };
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Add a milestone</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={onSubmit} noValidate>
          <ErrorSummary errors={errors} />
          <TextInput id="milestone-title" label="Milestone" value={title} onChange={setTitle} error={errorFor('milestone-title')} />
          <TextInput id="milestone-deliverable" label="Deliverable" value={deliverable} onChange={setDeliverable} error={errorFor('milestone-deliverable')} />
          <TextInput id="milestone-criterion" label="Done when" value={successCriterion} onChange={setSuccessCriterion} error={errorFor('milestone-criterion')} />
          <DateInput id="milestone-due" legend="Due date" hint="For example, 27 3 2027" value={due} onChange={setDue} error={errorFor('milestone-due')} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
            Add milestone
          </button>
        </form>
      </div>
    </details>
  );
}

type Kpi = Pilot['kpis'][number];

interface MeasurementRow {
  key: string;
  label: ReactNode;
  value: string;
}

/** The baseline, every measurement in order, then the target: the chart's points as text. */
function measurementRows(kpi: Kpi): MeasurementRow[] {
  return [
    { key: 'baseline', label: 'Baseline', value: formatValue(kpi.baseline, kpi.unit) },
    ...kpi.measurements.map((measurement) => ({
      key: `${measurement.measuredOn}-${measurement.recordedAt}`,
      label: (
        <span className="govuk-!-font-weight-regular">
          {formatDate(measurement.measuredOn)}
          {measurement.note && <span className="govuk-body-s govuk-!-display-block">{measurement.note}</span>}
        </span>
      ),
      value: formatValue(measurement.value, kpi.unit),
    })),
    { key: 'target', label: 'Target', value: formatValue(kpi.target, kpi.unit) },
  ];
}

const MEASUREMENT_COLUMNS: Column<MeasurementRow>[] = [
  { key: 'date', header: 'Date', rowHeader: true, cell: (row) => row.label },
  { key: 'value', header: 'Value', numeric: true, cell: (row) => row.value },
];

function Kpis({ pilot }: { pilot: Pilot }) {
  return (
    <>
      <h2 className="govuk-heading-m">Success measures</h2>
      {pilot.kpis.map((kpi, index) => {
        const id = `kpi-${index}`;
        const summary = kpiSummary(kpi);
        return (
          <section className="app-kpi-row" key={kpi.name} aria-labelledby={`${id}-heading`}>
            <h3 className="govuk-heading-s" id={`${id}-heading`}>
              {kpi.name}{' '}
              {kpi.onTrack != null && <Tag label={kpi.onTrack ? 'On track' : 'Behind'} colour={kpi.onTrack ? 'green' : 'orange'} />}
            </h3>
            <p className="govuk-body" id={`${id}-summary`}>
              {summary}
            </p>
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-two-thirds">
                <KpiChart kpi={kpi} id={id} summary={summary} />
              </div>
              <div className="govuk-grid-column-one-third">
                <DataTable
                  caption={`Measurements of ${kpi.name}`}
                  captionSize="s"
                  columns={MEASUREMENT_COLUMNS}
                  rows={measurementRows(kpi)}
                  rowKey={(row) => row.key}
                  empty="No measurements yet."
                />
              </div>
            </div>
          </section>
        );
      })}
      {pilot.viewerCan.recordMeasurement && <MeasurementForm pilot={pilot} />}
    </>
  );
}

function MeasurementForm({ pilot }: { pilot: Pilot }) {
  const [kpiName, setKpiName] = useState(pilot.kpis[0]?.name ?? '');
  const [value, setValue] = useState('');
  const [measured, setMeasured] = useState<DateParts>(today);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [done, setDone] = useState<string>();
  const { viewer } = useViewer();
  const [record, { loading }] = useMutation(RecordPilotMeasurementDocument);
  const errorFor = (fieldId: string) => errors.find((error) => error.fieldId === fieldId)?.text;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(undefined);
    const number = Number(value.trim().replace(/,/g, ''));
    const measuredOn = pastInstant(measured);
    const found: SummaryError[] = [
      ...(value.trim() && Number.isFinite(number) ? [] : [{ fieldId: 'measurement-value', text: 'Enter the value as a number, for example 42' }]),
      ...(measuredOn ? [] : [{ fieldId: 'measurement-date', text: 'Enter a real date, for example 27 3 2027' }]),
    ];
    setErrors(found);
    if (found.length > 0 || !measuredOn) return;
    const measurement = { value: number, measuredOn, note: note.trim() || null, recordedAt: new Date().toISOString(), recordedByUserId: viewer?.id ?? '' };
    try {
      await record({
        variables: { input: { pilotId: pilot.id, kpiName, value: number, measuredOn, ...(note.trim() ? { note: note.trim() } : {}) } },
        optimisticResponse: {
          recordPilotMeasurement: optimistic(pilot, {
            kpis: pilot.kpis.map((kpi) => (kpi.name === kpiName ? { ...kpi, measurements: [...kpi.measurements, measurement] } : kpi)),
          }),
        },
      });
      setValue('');
      setNote('');
      setDone(`Recorded ${formatValue(number, pilot.kpis.find((kpi) => kpi.name === kpiName)?.unit ?? '')} for ${kpiName}.`);
    } catch (error) {
      setErrors([{ text: describeError(error).message }]);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="measurement-heading">
      <h3 className="govuk-heading-s" id="measurement-heading">
        Record a measurement
      </h3>
      <ErrorSummary errors={errors} />
      <Select id="measurement-kpi" label="Success measure" value={kpiName} onChange={setKpiName} options={pilot.kpis.map((kpi) => ({ value: kpi.name, label: `${kpi.name} (${kpi.unit})` }))} />
      <TextInput id="measurement-value" label="Value" width={10} inputMode="decimal" value={value} onChange={setValue} error={errorFor('measurement-value')} />
      <DateInput id="measurement-date" legend="Measured on" hint="Today, or an earlier day" value={measured} onChange={setMeasured} error={errorFor('measurement-date')} />
      <Textarea id="measurement-note" label="Note (optional)" rows={2} value={note} onChange={setNote} />
      <button type="submit" className="govuk-button" disabled={loading}>
        Record measurement
      </button>
      <p className="govuk-body" role="status">
        {done}
      </p>
    </form>
  );
}

function Updates({ pilot }: { pilot: Pilot }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const { viewer } = useViewer();
  const [post, { loading }] = useMutation(PostPilotUpdateDocument);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError('Enter your update');
    setError(undefined);
    const update = { text: text.trim(), party: partyOf(viewer, pilot), at: new Date().toISOString(), byUserId: viewer?.id ?? '' };
    setText('');
    try {
      await post({
        variables: { input: { pilotId: pilot.id, text: update.text } },
        // The update shows in the log at once; on failure it disappears and the text comes back.
        optimisticResponse: { postPilotUpdate: optimistic(pilot, { updates: [...pilot.updates, update] }) },
      });
    } catch (postError) {
      setText(update.text);
      setError(describeError(postError).message);
    }
  };
  const newestFirst = [...pilot.updates].reverse();
  return (
    <>
      <h2 className="govuk-heading-m">Updates</h2>
      {newestFirst.length === 0 ? (
        <p className="govuk-body">No updates yet.</p>
      ) : (
        <ol className="govuk-list app-updates" aria-label="Updates, newest first">
          {newestFirst.map((update) => (
            <li key={`${update.at}-${update.text}`} className="app-search-hit">
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                <strong>{PARTY_LABELS[update.party]}</strong> · {formatDate(update.at)}
              </p>
              <p className="govuk-body app-prose govuk-!-margin-bottom-0">{update.text}</p>
            </li>
          ))}
        </ol>
      )}
      {pilot.viewerCan.postUpdate && (
        <form onSubmit={onSubmit} noValidate>
          <Textarea id="update-text" label="Post an update" hint="Both sides and the accelerator team see it" rows={3} value={text} onChange={setText} error={error} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
            Post update
          </button>
        </form>
      )}
    </>
  );
}

function GoLive({ pilot }: { pilot: Pilot }) {
  const [goLive, { loading }] = useMutation(GoLivePilotDocument);
  const [problem, setProblem] = useState<string>();
  const onClick = async () => {
    setProblem(undefined);
    try {
      await goLive({ variables: { input: { pilotId: pilot.id, expectedVersion: pilot.version } } });
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };
  return (
    <>
      {problem && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {problem}
        </p>
      )}
      <button type="button" className="govuk-button" onClick={onClick} disabled={loading}>
        Start the pilot (go live)
      </button>
    </>
  );
}

const STATUS_TEXT: Record<PilotStatus, string> = {
  PLANNING: 'Agree milestones, then the public body starts the pilot. Measurements can be recorded once it is live.',
  LIVE: 'The pilot is running. Record measurements and post updates as it goes.',
  EVALUATING: 'The trial has ended and is being evaluated.',
  COMPLETED: 'The pilot is complete.',
  CANCELLED: 'The pilot was cancelled.',
};

export default function PilotPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(PilotPageDocument, { variables: { id } });
  const pilot = data?.pilot ? getFragmentData(PilotDetail_PilotFragment, data.pilot) : null;
  usePageTitle(pilot ? `Pilot: ${pilot.challenge.title}` : 'Pilot');
  if (loading && !data) return <Loading />;
  if ((error && isNotFound(error)) || (data && !pilot)) return <NotFoundPage />;
  if (error && !pilot) return <QueryError error={error} retry={() => void refetch()} />;
  if (!pilot) return null;
  return (
    <>
      <p className="govuk-body">
        <Link className="govuk-link" to="/pilots">
          All pilots
        </Link>
      </p>
      <span className="govuk-caption-l">Pilot</span>
      <h1 className="govuk-heading-l">{pilot.challenge.title}</h1>
      <p className="govuk-body">
        <Tag {...PILOT_STATUS[pilot.status]} /> {pilot.solution.name} from {pilot.solution.organisation.name}, with {pilot.challenge.organisation.name}
      </p>
      <p className="govuk-body">
        {STATUS_TEXT[pilot.status]} Planned length: {countOf(pilot.plannedLengthWeeks, 'week')}
        {pilot.liveAt && `, live since ${formatDate(pilot.liveAt)}`}
        {pilot.plannedEndOn && `, planned to end on ${formatDate(pilot.plannedEndOn)}`}.
      </p>
      {pilot.viewerCan.goLive && <GoLive pilot={pilot} />}
      <Milestones pilot={pilot} />
      <Kpis pilot={pilot} />
      <Updates pilot={pilot} />
    </>
  );
}
