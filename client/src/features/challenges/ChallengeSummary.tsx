import { Link } from 'react-router';
import { graphql, getFragmentData, type FragmentType } from '../../gql';
import { Tag } from '../../components/ui/Tag';
import { CHALLENGE_STATUS, formatDate, formatGbp } from '../../components/ui/labels';
import { countOf } from '../../components/ui/plural';

export const ChallengeSummary_ChallengeFragment = graphql(`
  fragment ChallengeSummary_Challenge on Challenge {
    id
    title
    summary
    status
    budgetMinGbp
    budgetMaxGbp
    responseDeadline
    responseCount
    updatedAt
    organisation {
      id
      name
    }
  }
`);

/** One challenge in a list: its title links to the full page. */
export function ChallengeSummary({ challenge: challengeRef }: { challenge: FragmentType<typeof ChallengeSummary_ChallengeFragment> }) {
  const challenge = getFragmentData(ChallengeSummary_ChallengeFragment, challengeRef);
  return (
    <li className="app-search-hit">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={`/challenges/${challenge.id}`}>
          {challenge.title}
        </Link>
      </h2>
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        {challenge.organisation.name} · <Tag {...CHALLENGE_STATUS[challenge.status]} />
      </p>
      <p className="govuk-body">{challenge.summary}</p>
      <p className="govuk-body-s">
        Budget {formatGbp(challenge.budgetMinGbp)} to {formatGbp(challenge.budgetMaxGbp)} · Deadline {formatDate(challenge.responseDeadline)}
        {challenge.responseCount !== null && ` · ${countOf(challenge.responseCount, 'response')}`}
      </p>
    </li>
  );
}
