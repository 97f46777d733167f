/** Announced politely to screen readers, so a slow load is never silent. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="govuk-body app-loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}
