import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { isNotFound } from '../../api/errors';
import { Loading } from '../../components/ui/Loading';
import { QueryError } from '../../components/ui/QueryError';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';
import { SolutionForm } from './SolutionForm';

const EditSolutionDocument = graphql(`
  query EditSolution($id: ID!) {
    solution(id: $id) {
      id
      version
      viewerCan {
        update
      }
      ...SolutionForm_Solution
    }
  }
`);

const UpdateSolutionDocument = graphql(`
  mutation UpdateSolution($input: UpdateSolutionInput!) {
    updateSolution(input: $input) {
      id
      version
    }
  }
`);

export default function EditSolutionPage() {
  const { id = '' } = useParams();
  const { data, loading, error } = useQuery(EditSolutionDocument, { variables: { id }, fetchPolicy: 'network-only' });
  const [update] = useMutation(UpdateSolutionDocument, { refetchQueries: ['MySolutions'], awaitRefetchQueries: true });
  const navigate = useNavigate();
  if (loading && !data) return <Loading />;
  if ((error && isNotFound(error)) || (data && !data.solution)) return <NotFoundPage />;
  if (error || !data?.solution) return <QueryError error={error} />;
  const solution = data.solution;
  if (!solution.viewerCan.update) return <ForbiddenPage />;
  return (
    <SolutionForm
      solution={solution}
      heading="Edit your solution"
      submitLabel="Save changes"
      onSave={async (fields) => {
        await update({ variables: { input: { solutionId: solution.id, expectedVersion: solution.version, ...fields } } });
        navigate('/my/solutions');
      }}
    />
  );
}
