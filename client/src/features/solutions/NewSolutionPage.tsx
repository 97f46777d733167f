import { useNavigate } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';
import { membershipsOfKind, useViewer } from '../../api/session';
import { SolutionForm } from './SolutionForm';

const CreateSolutionDocument = graphql(`
  mutation CreateSolution($input: CreateSolutionInput!) {
    createSolution(input: $input) {
      id
    }
  }
`);

export default function NewSolutionPage() {
  const { viewer } = useViewer();
  const startup = membershipsOfKind(viewer, 'STARTUP')[0];
  const [create] = useMutation(CreateSolutionDocument, { refetchQueries: ['MySolutions'], awaitRefetchQueries: true });
  const navigate = useNavigate();
  return (
    <SolutionForm
      heading="Describe a solution"
      submitLabel="Save as draft"
      onSave={async (fields) => {
        await create({ variables: { input: { organisationId: startup?.organisation.id ?? '', ...fields } } });
        navigate('/my/solutions');
      }}
    />
  );
}
