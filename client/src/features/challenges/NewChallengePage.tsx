import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';
import { membershipsOfKind, useViewer } from '../../api/session';
import { Select } from '../../components/ui/fields';
import { ChallengeForm } from './ChallengeForm';

const CreateChallengeDocument = graphql(`
  mutation CreateChallenge($input: CreateChallengeInput!) {
    createChallenge(input: $input) {
      id
    }
  }
`);

export default function NewChallengePage() {
  const { viewer } = useViewer();
  const bodies = membershipsOfKind(viewer, 'PUBLIC_BODY');
  const [organisationId, setOrganisationId] = useState(bodies[0]?.organisation.id ?? '');
  const [create] = useMutation(CreateChallengeDocument, { refetchQueries: ['MyChallenges'] });
  const navigate = useNavigate();
  return (
    <>
      {bodies.length > 1 && (
        <Select
          id="organisation"
          label="Post for"
          options={bodies.map((body) => ({ value: body.organisation.id, label: body.organisation.name }))}
          value={organisationId}
          onChange={setOrganisationId}
        />
      )}
      <ChallengeForm
        heading="Post a challenge"
        submitLabel="Save as draft"
        onSave={async (fields) => {
          const { data } = await create({ variables: { input: { organisationId, ...fields } } });
          if (data) navigate(`/challenges/${data.createChallenge.id}`);
        }}
      />
    </>
  );
}
