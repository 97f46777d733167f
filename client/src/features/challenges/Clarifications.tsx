import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { graphql, getFragmentData, type FragmentType } from '../../gql';
import { describeError } from '../../api/errors';
import { Textarea } from '../../components/ui/fields';
import { fieldId } from '../../components/ui/form-errors';
import { formatDate } from '../../components/ui/labels';

export const Clarifications_ChallengeFragment = graphql(`
  fragment Clarifications_Challenge on Challenge {
    id
    viewerCan {
      askQuestion
      answerQuestion
    }
    clarifications {
      id
      question
      answer
      askedAt
      answeredAt
      askedByViewer
    }
  }
`);

const AskClarificationDocument = graphql(`
  mutation AskClarification($input: AskClarificationInput!) {
    askClarification(input: $input) {
      id
      question
      answer
      askedAt
      askedByViewer
    }
  }
`);

const AnswerClarificationDocument = graphql(`
  mutation AnswerClarification($input: AnswerClarificationInput!) {
    answerClarification(input: $input) {
      id
      answer
      answeredAt
    }
  }
`);

function AnswerForm({ clarificationId, question }: { clarificationId: string; question: string }) {
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string>();
  const [send, { loading }] = useMutation(AnswerClarificationDocument, { refetchQueries: ['ChallengePage'], awaitRefetchQueries: true });
  const id = fieldId(`answer.${clarificationId}`);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!answer.trim()) return setError('Enter an answer');
    try {
      await send({ variables: { input: { clarificationId, answer: answer.trim() } } });
      setError(undefined);
    } catch (sendError) {
      setError(describeError(sendError).message);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Textarea id={id} label={<>Answer to: “{question}”</>} hint="Published to everyone who can see the challenge; the asker stays anonymous" rows={3} value={answer} onChange={setAnswer} error={error} />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
        Publish answer
      </button>
    </form>
  );
}

function AskForm({ challengeId }: { challengeId: string }) {
  const [question, setQuestion] = useState('');
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState(false);
  const [ask, { loading }] = useMutation(AskClarificationDocument, { refetchQueries: ['ChallengePage'], awaitRefetchQueries: true });
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!question.trim()) return setError('Enter your question');
    try {
      await ask({ variables: { input: { challengeId, question: question.trim() } } });
      setQuestion('');
      setError(undefined);
      setSent(true);
    } catch (askError) {
      setError(describeError(askError).message);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      {sent && (
        <p className="govuk-inset-text" role="status">
          Your question has been sent. The answer will appear here for everyone; your organisation’s name is never shown.
        </p>
      )}
      <Textarea
        id={fieldId('question')}
        label="Ask a question about this challenge"
        labelClassName="govuk-label--s"
        hint="The public body sees the question but not who asked it"
        rows={3}
        value={question}
        onChange={(value) => {
          setSent(false);
          setQuestion(value);
        }}
        error={error}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={loading}>
        Send question
      </button>
    </form>
  );
}

/** Published Q&A for everyone; unanswered questions for the owner to answer, or the asker to wait on. */
export function Clarifications({ challenge: challengeRef }: { challenge: FragmentType<typeof Clarifications_ChallengeFragment> }) {
  const challenge = getFragmentData(Clarifications_ChallengeFragment, challengeRef);
  const answered = challenge.clarifications.filter((item) => item.answer !== null);
  const waiting = challenge.clarifications.filter((item) => item.answer === null);
  return (
    <section aria-labelledby="questions-heading">
      <h2 className="govuk-heading-m" id="questions-heading">
        Questions and answers
      </h2>
      {answered.length === 0 && <p className="govuk-body">No questions have been answered yet.</p>}
      {answered.map((item) => (
        <div key={item.id} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s">{item.question}</h3>
          <p className="govuk-body">{item.answer}</p>
          {item.answeredAt && <p className="govuk-body-s app-loading">Answered {formatDate(item.answeredAt)}</p>}
        </div>
      ))}
      {waiting.length > 0 && (
        <>
          <h3 className="govuk-heading-s">{challenge.viewerCan.answerQuestion ? 'Questions waiting for your answer' : 'Your questions waiting for an answer'}</h3>
          {waiting.map((item) =>
            challenge.viewerCan.answerQuestion ? (
              <AnswerForm key={item.id} clarificationId={item.id} question={item.question} />
            ) : (
              <p key={item.id} className="govuk-body">
                “{item.question}” (asked {formatDate(item.askedAt)})
              </p>
            ),
          )}
        </>
      )}
      {challenge.viewerCan.askQuestion && <AskForm challengeId={challenge.id} />}
    </section>
  );
}
