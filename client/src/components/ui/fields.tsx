import type { ChangeEvent, ReactNode } from 'react';

interface FieldBase {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Renders the label as the page heading, for one-question pages. */
  labelClassName?: string;
}

export function describedBy(id: string, hint: ReactNode | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
    </>
  );
}

/** A form group with its label, hint and error above one control, which the caller describes with `describedBy`. */
function LabelledField({ id, label, hint, error, labelClassName, children }: FieldBase & { children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label ${labelClassName ?? ''}`} htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

export function TextInput({
  id,
  label,
  hint,
  error,
  labelClassName,
  value,
  onChange,
  type = 'text',
  width,
  autoComplete,
  inputMode,
  spellCheck,
}: FieldBase & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'search';
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'url';
  spellCheck?: boolean;
}) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <input
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
      />
    </LabelledField>
  );
}

export function Textarea({
  id,
  label,
  hint,
  error,
  labelClassName,
  value,
  onChange,
  rows = 5,
}: FieldBase & { value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <textarea
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
      />
    </LabelledField>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function Select({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  options,
}: FieldBase & { value: string; onChange: (value: string) => void; options: Option[] }) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

/** A fieldset of checkboxes or radios; `id` is the first input's id, so error links land on it. */
export function Choices({
  id,
  legend,
  hint,
  error,
  type,
  options,
  selected,
  onChange,
  small,
  legendClassName = 'govuk-fieldset__legend--s',
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  type: 'checkbox' | 'radio';
  options: Option[];
  selected: string[];
  onChange: (selected: string[]) => void;
  small?: boolean;
  legendClassName?: string;
}) {
  const kind = type === 'checkbox' ? 'checkboxes' : 'radios';
  const toggle = (value: string, checked: boolean) => {
    if (type === 'radio') onChange([value]);
    else onChange(checked ? [...selected, value] : selected.filter((item) => item !== value));
  };
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClassName}`}>{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        <div className={`govuk-${kind}${small ? ` govuk-${kind}--small` : ''}`}>
          {options.map((option, index) => {
            const inputId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div className={`govuk-${kind}__item`} key={option.value}>
                <input
                  className={`govuk-${kind}__input`}
                  id={inputId}
                  name={id}
                  type={type}
                  value={option.value}
                  checked={selected.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                  aria-describedby={option.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className={`govuk-label govuk-${kind}__label`} htmlFor={inputId}>
                  {option.label}
                </label>
                {option.hint && (
                  <div id={`${inputId}-item-hint`} className={`govuk-hint govuk-${kind}__hint`}>
                    {option.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
