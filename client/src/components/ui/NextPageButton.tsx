/** The next page of a list, added below what is shown: a button, absent once there is nothing more to load. */
export function NextPageButton({ pageInfo, label, onNext }: { pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined; label: string; onNext: (after: string) => unknown }) {
  if (!pageInfo?.hasNextPage || !pageInfo.endCursor) return null;
  const after = pageInfo.endCursor;
  return (
    <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void onNext(after)}>
      {label}
    </button>
  );
}
