import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/errors';
import { errorFor, fieldErrorsFrom, type FieldError } from './form-errors';

/**
 * The error summary pattern's submit cycle, the same for every form: check the fields in the browser
 * first, and save only when nothing is wrong; what the server refuses comes back as errors on the
 * fields `labelOf` names (the rest as form-level errors), so the summary lists both alike.
 */
export function useFormSubmission({
  validate,
  save,
  labelOf,
}: {
  validate: () => FieldError[];
  save: () => Promise<unknown>;
  labelOf: (field: string) => string | undefined;
}) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = validate();
    setErrors(problems);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      await save();
    } catch (error) {
      setErrors(fieldErrorsFrom(describeError(error), labelOf));
    } finally {
      setSaving(false);
    }
  };
  return { errors, saving, onSubmit, errorOf: (field: string) => errorFor(errors, field) };
}
