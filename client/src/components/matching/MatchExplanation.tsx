import { graphql, getFragmentData, type FragmentType } from '../../gql';
import type { MatchExplanation_ExplanationFragment as Explanation, MatchFeature } from '../../gql/graphql';
import { DataTable, type Column } from '../ui/DataTable';

export const MatchExplanation_ExplanationFragment = graphql(`
  fragment MatchExplanation_Explanation on MatchExplanation {
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
`);

export const MATCH_FEATURE_LABELS: Record<MatchFeature, string> = {
  LEXICAL: 'Shared words',
  SEMANTIC: 'Closeness of meaning',
  SECTOR_OVERLAP: 'Sectors in common',
  TAG_OVERLAP: 'Tags in common',
  REGION_FIT: 'Region',
  BUDGET_FIT: 'Budget and price',
  MATURITY_FIT: 'Maturity (TRL)',
  EVIDENCE_STRENGTH: 'Strength of evidence',
  TRACK_RECORD: 'Track record in pilots',
};

export const asPercent = (fraction: number) => `${Math.round(fraction * 100)}%`;

const CONTRIBUTION_COLUMNS: Column<Explanation['contributions'][number]>[] = [
  { key: 'feature', header: 'Feature', rowHeader: true, cell: (item) => MATCH_FEATURE_LABELS[item.feature] },
  { key: 'fit', header: 'Fit', numeric: true, cell: (item) => (item.value === null ? 'Not known' : asPercent(item.value)) },
  { key: 'weight', header: 'Weight', numeric: true, cell: (item) => asPercent(item.weight) },
  { key: 'points', header: 'Points', numeric: true, cell: (item) => (item.contribution * 100).toFixed(1) },
  { key: 'note', header: 'Why', cell: (item) => item.note },
];

/**
 * Why a challenge and a solution were paired: the score, what each feature gave to it, the words
 * they share and the requirements the solution meets. Every figure is text in a table, never only a bar.
 */
export function MatchExplanation({ explanation: explanationRef, headingLevel = 3 }: { explanation: FragmentType<typeof MatchExplanation_ExplanationFragment>; headingLevel?: 2 | 3 | 4 }) {
  const explanation = getFragmentData(MatchExplanation_ExplanationFragment, explanationRef);
  const Heading = `h${headingLevel}` as const;
  const contributions = [...explanation.contributions].sort((a, b) => b.contribution - a.contribution);
  return (
    <div className="app-explanation">
      <p className="govuk-body">
        Match score: <strong>{asPercent(explanation.score)}</strong>
      </p>
      <DataTable
        caption="What the score is made of"
        captionSize="s"
        className="app-explanation__table"
        columns={CONTRIBUTION_COLUMNS}
        rows={contributions}
        rowKey={(item) => item.feature}
        empty="No features scored."
      />
      <Heading className="govuk-heading-s">Words in common</Heading>
      {explanation.matchedTerms.length > 0 ? (
        <ul className="govuk-list app-terms">
          {explanation.matchedTerms.map((term) => (
            <li key={term}>
              <strong className="govuk-tag govuk-tag--grey">{term}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No words stood out; the pairing rests on the other features.</p>
      )}
      <Heading className="govuk-heading-s">Requirements</Heading>
      {explanation.checksPassed.length > 0 ? (
        <ul className="govuk-list govuk-list--bullet">
          {explanation.checksPassed.map((check) => (
            <li key={check.rule}>
              {check.passed ? 'Met' : 'Not met'}: {check.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">The challenge sets no hard requirements.</p>
      )}
      {explanation.whyNot.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            <ul className="govuk-list">
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
