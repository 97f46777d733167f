import type { Problem } from '../../api/errors';
import type { SummaryError } from './ErrorSummary';

/** A problem with one field, named as the server names it (`title`, `kpis.0.target`). */
export interface FieldError {
  field: string;
  message: string;
}

/** The element id of a field, so error summary links and aria-describedby line up. */
export function fieldId(field: string): string {
  return `f-${field.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}

/** A server message names no field ("must be at least 5 characters"), so it is read after the field's label. */
function withLabel(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : `${label}: ${message}`;
}

/**
 * Server problems become errors on the fields the form shows (`labelOf` knows them); anything else
 * (a lifecycle conflict, a stale version) is a form-level error in the summary.
 */
export function fieldErrorsFrom(problem: Problem, labelOf: (field: string) => string | undefined): FieldError[] {
  const onFields = problem.fields.flatMap((item) => {
    const label = labelOf(item.field);
    return label ? [{ field: item.field, message: withLabel(label, item.message) }] : [];
  });
  if (onFields.length > 0 && onFields.length === problem.fields.length) return onFields;
  return [...onFields, { field: '', message: problem.message }];
}

/** Summary entries link to their field; messages are already complete sentences. */
export function summaryOf(errors: FieldError[]): SummaryError[] {
  return errors.map((error) => (error.field ? { fieldId: fieldId(error.field), text: error.message } : { text: error.message }));
}
