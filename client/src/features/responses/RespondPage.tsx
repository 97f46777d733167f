import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { describeError, isNotFound, type FailedRule } from '../../api/errors';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { Choices, Textarea, TextInput } from '../../components/ui/fields';
import { errorFor, fieldErrorsFrom, fieldId, summaryOf, type FieldError } from '../../components/ui/form-errors';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { countOf } from '../../components/ui/plural';
import { NotFoundPage } from '../errors/NotFoundPage';
import { previewEligibility } from './eligibility';

const RespondDocument = graphql(`
  query Respond($id: ID!) {
    challenge(id: $id) {
      id
      title
      status
      responseDeadline
      minTrl
      requiredAccreditations
      kpis {
        name
      }
      organisation {
        id
        name
      }
    }
    solutions(filter: { mine: true }, first: 50) {
      edges {
        node {
          id
          name
          status
          trl
          evidence {
            accreditation {
              type
              expiresAt
            }
          }
          organisation {
            id
            verified
          }
        }
      }
    }
  }
`);

const SubmitResponseDocument = graphql(`
  mutation SubmitResponse($input: SubmitResponseInput!) {
    submitResponse(input: $input) {
      id
      status
    }
  }
`);

const LABELS: Record<string, string> = {
  solutionId: 'Solution',
  pitch: 'Your pitch',
  kpiApproach: 'How you would reach the success measures',
  indicativePriceGbp: 'Indicative price',
  timelineWeeks: 'Timeline',
};

function Problems({ problems }: { problems: FailedRule[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet">
      {problems.map((problem) => (
        <li key={problem.rule}>{problem.message}</li>
      ))}
    </ul>
  );
}

export default function RespondPage() {
  const { id = '' } = useParams();
  const { data, loading, error } = useQuery(RespondDocument, { variables: { id }, fetchPolicy: 'network-only' });
  const [submit, { loading: submitting }] = useMutation(SubmitResponseDocument, { refetchQueries: ['MyResponses'] });
  const navigate = useNavigate();
  const [solutionId, setSolutionId] = useState('');
  const [form, setForm] = useState({ pitch: '', kpiApproach: '', indicativePriceGbp: '', timelineWeeks: '' });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [refused, setRefused] = useState<FailedRule[]>([]);
  usePageTitle(data?.challenge ? `Respond to ${data.challenge.title}` : 'Respond to a challenge', errors.length > 0);
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));

  if (loading && !data) return <Loading />;
  if ((error && isNotFound(error)) || (data && !data.challenge)) return <NotFoundPage />;
  if (error || !data?.challenge) return <QueryError error={error} />;
  const challenge = data.challenge;
  const now = new Date();
  const solutions = data.solutions.edges.map(({ node }) => ({
    ...node,
    problems: previewEligibility({ challenge, solution: node, startupVerified: node.organisation.verified, now }),
  }));
  const chosen = solutions.find((solution) => solution.id === solutionId);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!chosen) problems.push({ field: 'solutionId', message: 'Select the solution you are responding with' });
    if (!form.pitch.trim()) problems.push({ field: 'pitch', message: 'Enter your pitch' });
    if (!form.kpiApproach.trim()) problems.push({ field: 'kpiApproach', message: 'Say how you would reach the success measures' });
    if (!/^\d+$/.test(form.indicativePriceGbp.trim())) problems.push({ field: 'indicativePriceGbp', message: 'Enter the indicative price in whole pounds' });
    if (!/^\d+$/.test(form.timelineWeeks.trim())) problems.push({ field: 'timelineWeeks', message: 'Enter the timeline in weeks' });
    setErrors(problems);
    setRefused([]);
    if (problems.length > 0) return;
    try {
      await submit({
        variables: {
          input: {
            challengeId: challenge.id,
            solutionId,
            pitch: form.pitch.trim(),
            kpiApproach: form.kpiApproach.trim(),
            kpiNotes: Object.entries(notes)
              .filter(([, note]) => note.trim())
              .map(([kpiName, note]) => ({ kpiName, note: note.trim() })),
            indicativePriceGbp: Number(form.indicativePriceGbp),
            timelineWeeks: Number(form.timelineWeeks),
          },
        },
      });
      navigate('/my/responses?submitted=1');
    } catch (submitError) {
      const problem = describeError(submitError);
      if (problem.code === 'NOT_ELIGIBLE') {
        setRefused(problem.failedRules);
        setErrors([{ field: 'solutionId', message: 'This solution cannot respond to this challenge yet' }]);
      } else setErrors(fieldErrorsFrom(problem, (field) => LABELS[field]));
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryOf(errors)} />
        <span className="govuk-caption-l">{challenge.organisation.name}</span>
        <h1 className="govuk-heading-l">Respond to “{challenge.title}”</h1>
        {refused.length > 0 && (
          <div className="govuk-inset-text" role="alert">
            <h2 className="govuk-heading-s">Why Pilotline refused this response</h2>
            <Problems problems={refused} />
          </div>
        )}
        {solutions.length === 0 ? (
          <p className="govuk-body">
            You need a published solution to respond.{' '}
            <Link className="govuk-link" to="/solutions/new">
              Describe a solution
            </Link>
            .
          </p>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <Choices
              id={fieldId('solutionId')}
              legend="Which solution are you responding with?"
              legendClassName="govuk-fieldset__legend--m"
              type="radio"
              options={solutions.map((solution) => ({
                value: solution.id,
                label: solution.name,
                hint: solution.problems.length === 0 ? 'Meets this challenge’s requirements' : `${countOf(solution.problems.length, 'problem')} to fix first`,
              }))}
              selected={solutionId ? [solutionId] : []}
              onChange={([value]) => setSolutionId(value ?? '')}
              error={errorFor(errors, 'solutionId')}
            />
            {chosen && chosen.problems.length > 0 && (
              <div className="govuk-warning-text" aria-live="polite">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <div className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  <p className="govuk-body govuk-!-font-weight-bold">{chosen.name} cannot respond to this challenge yet:</p>
                  <Problems problems={chosen.problems} />
                </div>
              </div>
            )}
            <Textarea
              id={fieldId('pitch')}
              label={LABELS.pitch}
              hint="How your solution addresses the problem, why it matters and how you would work with them (at least 50 characters)"
              rows={6}
              value={form.pitch}
              onChange={set('pitch')}
              error={errorFor(errors, 'pitch')}
            />
            <Textarea id={fieldId('kpiApproach')} label={LABELS.kpiApproach} rows={4} value={form.kpiApproach} onChange={set('kpiApproach')} error={errorFor(errors, 'kpiApproach')} />
            {challenge.kpis.map((kpi, index) => (
              <Textarea
                key={kpi.name}
                id={fieldId(`kpiNotes.${index}`)}
                label={`Note on “${kpi.name}” (optional)`}
                rows={2}
                value={notes[kpi.name] ?? ''}
                onChange={(note) => setNotes((current) => ({ ...current, [kpi.name]: note }))}
              />
            ))}
            <TextInput
              id={fieldId('indicativePriceGbp')}
              label={`${LABELS.indicativePriceGbp}, in pounds`}
              inputMode="numeric"
              width={10}
              value={form.indicativePriceGbp}
              onChange={set('indicativePriceGbp')}
              error={errorFor(errors, 'indicativePriceGbp')}
            />
            <TextInput
              id={fieldId('timelineWeeks')}
              label={`${LABELS.timelineWeeks}, in weeks`}
              inputMode="numeric"
              width={3}
              value={form.timelineWeeks}
              onChange={set('timelineWeeks')}
              error={errorFor(errors, 'timelineWeeks')}
            />
            <button type="submit" className="govuk-button" disabled={submitting}>
              Submit response
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
