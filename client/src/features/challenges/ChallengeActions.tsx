import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../gql';
import { describeError } from '../../api/errors';
import { ErrorSummary } from '../../components/ui/ErrorSummary';
import { Textarea } from '../../components/ui/fields';
import { fieldId } from '../../components/ui/form-errors';

export const ChallengeActions_ChallengeFragment = graphql(`
  fragment ChallengeActions_Challenge on Challenge {
    id
    version
    status
    staffFeedback
    viewerCan {
      update
      submit
      publish
      requestChanges
      respond
    }
  }
`);

const SubmitChallengeDocument = graphql(`
  mutation SubmitChallenge($input: ChallengeTransitionInput!) {
    submitChallenge(input: $input) {
      id
      status
      version
    }
  }
`);

const PublishChallengeDocument = graphql(`
  mutation PublishChallenge($input: ChallengeTransitionInput!) {
    publishChallenge(input: $input) {
      id
      status
      version
    }
  }
`);

const RequestChallengeChangesDocument = graphql(`
  mutation RequestChallengeChanges($input: RequestChallengeChangesInput!) {
    requestChallengeChanges(input: $input) {
      id
      status
      version
      staffFeedback
    }
  }
`);

const refetch = { refetchQueries: ['ChallengePage'], awaitRefetchQueries: true };

/** The lifecycle moves this viewer may make now, as the server's viewerCan says; nothing is guessed here. */
export function ChallengeActions({ challenge: challengeRef }: { challenge: FragmentType<typeof ChallengeActions_ChallengeFragment> }) {
  const challenge = getFragmentData(ChallengeActions_ChallengeFragment, challengeRef);
  const [submit, submitState] = useMutation(SubmitChallengeDocument, refetch);
  const [publish, publishState] = useMutation(PublishChallengeDocument, refetch);
  const [requestChanges, requestState] = useMutation(RequestChallengeChangesDocument, refetch);
  const [feedback, setFeedback] = useState('');
  const [feedbackError, setFeedbackError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const input = { challengeId: challenge.id, expectedVersion: challenge.version };

  const run = async (action: () => Promise<unknown>, success: string) => {
    try {
      await action();
      setProblem(undefined);
      setDone(success);
    } catch (error) {
      setProblem(describeError(error).message);
    }
  };

  const onReturn = async (event: FormEvent) => {
    event.preventDefault();
    if (feedback.trim().length < 10) {
      setFeedbackError('Enter feedback for the public body of at least 10 characters');
      return;
    }
    setFeedbackError(undefined);
    await run(() => requestChanges({ variables: { input: { ...input, feedback: feedback.trim() } } }), 'The challenge has been returned to the public body with your feedback.');
  };

  return (
    <>
      <ErrorSummary errors={[...(problem ? [{ text: problem }] : []), ...(feedbackError ? [{ fieldId: fieldId('feedback'), text: feedbackError }] : [])]} />
      {done && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="action-done-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="action-done-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{done}</p>
          </div>
        </div>
      )}
      {challenge.staffFeedback && challenge.status === 'DRAFT' && (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">Feedback from the accelerator team</h2>
          <p className="govuk-body">{challenge.staffFeedback}</p>
        </div>
      )}
      <div className="app-inline-actions">
        {challenge.viewerCan.respond && (
          <Link to={`/challenges/${challenge.id}/respond`} className="govuk-button" role="button" draggable={false}>
            Respond to this challenge
          </Link>
        )}
        {challenge.viewerCan.update && (
          <Link to={`/challenges/${challenge.id}/edit`} className="govuk-button govuk-button--secondary" role="button" draggable={false}>
            Edit the draft
          </Link>
        )}
        {challenge.viewerCan.submit && (
          <button type="button" className="govuk-button" disabled={submitState.loading} onClick={() => run(() => submit({ variables: { input } }), 'Your challenge has been sent to the accelerator team for review.')}>
            Submit for review
          </button>
        )}
        {challenge.viewerCan.publish && (
          <button type="button" className="govuk-button" disabled={publishState.loading} onClick={() => run(() => publish({ variables: { input } }), 'The challenge is published and open to start-ups.')}>
            Publish
          </button>
        )}
      </div>
      {challenge.viewerCan.requestChanges && (
        <form onSubmit={onReturn} noValidate>
          <Textarea
            id={fieldId('feedback')}
            label="Return with feedback"
            labelClassName="govuk-label--s"
            hint="Say what the public body should change before it can be published"
            rows={3}
            value={feedback}
            onChange={setFeedback}
            error={feedbackError}
          />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={requestState.loading}>
            Return to the public body
          </button>
        </form>
      )}
    </>
  );
}
