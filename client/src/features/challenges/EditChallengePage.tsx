import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { isNotFound } from '../../api/errors';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { ChallengeForm } from './ChallengeForm';

const EditChallengeDocument = graphql(`
  query EditChallenge($id: ID!) {
    challenge(id: $id) {
      id
      version
      viewerCan {
        update
      }
      ...ChallengeForm_Challenge
    }
  }
`);

const UpdateChallengeDocument = graphql(`
  mutation UpdateChallenge($input: UpdateChallengeInput!) {
    updateChallenge(input: $input) {
      id
      version
    }
  }
`);

export default function EditChallengePage() {
  const { id = '' } = useParams();
  const { data, loading, error } = useQuery(EditChallengeDocument, { variables: { id }, fetchPolicy: 'network-only' });
  const [update] = useMutation(UpdateChallengeDocument, { refetchQueries: ['ChallengePage'] });
  const navigate = useNavigate();
  if (loading && !data) return <Loading />;
  if ((error && isNotFound(error)) || (data && !data.challenge)) return <NotFoundPage />;
  if (error || !data?.challenge) return <QueryError error={error} />;
  const challenge = data.challenge;
  if (!challenge.viewerCan.update) return <ForbiddenPage />;
  return (
    <ChallengeForm
      challenge={challenge}
      heading="Edit your challenge"
      submitLabel="Save changes"
      onSave={async (fields) => {
        await update({ variables: { input: { challengeId: challenge.id, expectedVersion: challenge.version, ...fields } } });
        navigate(`/challenges/${challenge.id}`);
      }}
    />
  );
}
