import { graphql, getFragmentData, type FragmentType } from '../../gql';
import { FEATURE_LABELS, RULE_LABELS, percent } from './labels';

export const MatchExplanation_MatchFragment = graphql(`
  fragment MatchExplanation_Match on Match {
    id
    score
    explanation {
      score
      contributions {
        feature
        value
        weight
        contribution
        note
      }
      matchedTerms
      checksPassed {
        rule
        passed
        message
      }
      whyNot
    }
  }
`);

/** Why a pair scored as it did: each feature's part, the words that matched, the checks, and what it misses. */
export function MatchExplanation({ match: matchRef, idPrefix }: { match: FragmentType<typeof MatchExplanation_MatchFragment>; idPrefix: string }) {
  const { explanation } = getFragmentData(MatchExplanation_MatchFragment, matchRef);
  const passed = explanation.checksPassed.filter((check) => check.passed);
  return (
    <div className="app-match-explanation">
      <table className="govuk-table app-table-compact">
        <caption className="govuk-table__caption govuk-table__caption--s">How the score of {percent(explanation.score)} adds up</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Feature
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Fit
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Weight
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Adds
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {explanation.contributions.map((part) => (
            <tr className="govuk-table__row" key={part.feature}>
              <th scope="row" className="govuk-table__header">
                {FEATURE_LABELS[part.feature]}
                {part.note && <span className="govuk-body-s app-secondary-text app-block">{part.note}</span>}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{part.value === null ? 'not known' : percent(part.value)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{percent(part.weight)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{percent(part.contribution)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 className="govuk-heading-s govuk-!-margin-bottom-1" id={`${idPrefix}-terms`}>
        Matched terms
      </h4>
      {explanation.matchedTerms.length === 0 ? (
        <p className="govuk-body-s">No words in common.</p>
      ) : (
        <ul className="govuk-list app-term-list" aria-labelledby={`${idPrefix}-terms`}>
          {explanation.matchedTerms.map((term) => (
            <li key={term}>
              <strong className="govuk-tag govuk-tag--grey">{term}</strong>
            </li>
          ))}
        </ul>
      )}
      <h4 className="govuk-heading-s govuk-!-margin-bottom-1">Eligibility checks passed</h4>
      {passed.length === 0 ? (
        <p className="govuk-body-s">None of the challenge’s requirements were checked.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet govuk-body-s">
          {passed.map((check) => (
            <li key={check.rule}>
              {RULE_LABELS[check.rule]}: {check.message}
            </li>
          ))}
        </ul>
      )}
      {explanation.whyNot.length > 0 && (
        <div className="govuk-warning-text govuk-!-margin-bottom-2">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning: </span>
            Why not:
            <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0">
              {explanation.whyNot.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
