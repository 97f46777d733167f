import { useState, type FormEvent } from 'react';
import { ErrorSummary, type SummaryError } from '../../components/ui/ErrorSummary';
import { Select, TextInput } from '../../components/ui/fields';
import { REGION_LABELS, SECTOR_LABELS, optionsOf } from '../../components/ui/labels';
import type { ReportFilterState } from './report-filter';

const SECTOR_OPTIONS = [{ value: '', label: 'All sectors' }, ...optionsOf(SECTOR_LABELS)];
const REGION_OPTIONS = [{ value: '', label: 'All regions' }, ...optionsOf(REGION_LABELS)];

/** Which challenges the report covers; applying it puts the choice in the URL. */
export function ReportFilterForm({ initial, onApply }: { initial: ReportFilterState; onApply: (state: ReportFilterState) => void }) {
  const [state, setState] = useState(initial);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const set = (key: keyof ReportFilterState) => (value: string) => setState((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: SummaryError[] = [];
    if (state.from && state.to && state.from > state.to) problems.push({ fieldId: 'report-to', text: 'The last day must be on or after the first day' });
    setErrors(problems);
    if (problems.length === 0) onApply(state);
  };
  const errorFor = (id: string) => errors.find((error) => error.fieldId === id)?.text;
  return (
    <form onSubmit={submit} noValidate className="app-report-filter">
      <ErrorSummary errors={errors} />
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Which challenges</legend>
        <div className="app-inline-actions">
          <TextInput id="report-from" label="Published from" type="date" value={state.from} onChange={set('from')} />
          <TextInput id="report-to" label="Published up to" type="date" value={state.to} onChange={set('to')} error={errorFor('report-to')} />
          <Select id="report-sector" label="Sector" value={state.sector} onChange={set('sector')} options={SECTOR_OPTIONS} />
          <Select id="report-region" label="Region" value={state.region} onChange={set('region')} options={REGION_OPTIONS} />
          <button type="submit" className="govuk-button app-align-end" data-module="govuk-button">
            Show
          </button>
        </div>
      </fieldset>
    </form>
  );
}
