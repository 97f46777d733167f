import type React from 'react';
import { describedBy, HintAndError } from './fields';
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The GOV.UK date input: three labelled boxes, which work with every keyboard and screen reader. */
export function DateInput({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  legend: React.ReactNode;
  hint?: string;
  error?: string;
  value: DateParts;
  onChange: (value: DateParts) => void;
}) {
  const part = (key: keyof DateParts, label: string, width: 2 | 4) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={key === 'day' ? id : `${id}-${key}`}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
          id={key === 'day' ? id : `${id}-${key}`}
          name={`${id}-${key}`}
          type="text"
          inputMode="numeric"
          value={value[key]}
          onChange={(event) => onChange({ ...value, [key]: event.target.value })}
        />
      </div>
    </div>
  );
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        <div className="govuk-date-input">
          {part('day', 'Day', 2)}
          {part('month', 'Month', 2)}
          {part('year', 'Year', 4)}
        </div>
      </fieldset>
    </div>
  );
}

/** The end of that day in UK time is near enough: the server stores an instant. Undefined when not a real date. */
export function dateFromParts({ day, month, year }: DateParts): Date | undefined {
  const [d, m, y] = [day, month, year].map((part) => Number.parseInt(part.trim(), 10));
  if (!d || !m || !y || y < 1000) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d, 17, 0, 0));
  return date.getUTCDate() === d && date.getUTCMonth() === m - 1 ? date : undefined;
}

export function partsFromIso(iso: string | undefined): DateParts {
  if (!iso) return { day: '', month: '', year: '' };
  const date = new Date(iso);
  return { day: String(date.getUTCDate()), month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
}
