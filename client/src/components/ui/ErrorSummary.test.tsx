import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ErrorSummary } from './ErrorSummary';

/** A form as the pages build one: the summary's errors are derived afresh on every render. */
function NameForm() {
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState('');
  const problem = submitted === '' ? undefined : submitted.trim().length < 3 ? 'Enter a name of 3 letters or more' : undefined;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(name || ' ');
      }}
    >
      <ErrorSummary errors={problem ? [{ fieldId: 'name', text: problem }] : []} />
      <label htmlFor="name">Name</label>
      <input id="name" value={name} onChange={(event) => setName(event.target.value)} />
      <button type="submit">Save</button>
    </form>
  );
}

describe('ErrorSummary', () => {
  it('takes focus when errors appear, and its link moves focus to the field', async () => {
    const user = userEvent.setup();
    render(<NameForm />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert')).toHaveTextContent('There is a problem');
    expect(screen.getByRole('alert').parentElement).toHaveFocus();
    await user.click(screen.getByRole('link', { name: 'Enter a name of 3 letters or more' }));
    expect(screen.getByLabelText('Name')).toHaveFocus();
  });

  it('leaves focus in the field while the person types the correction', async () => {
    const user = userEvent.setup();
    render(<NameForm />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(screen.getByRole('link', { name: 'Enter a name of 3 letters or more' }));
    await user.keyboard('Ann');
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(screen.getByLabelText('Name')).toHaveValue('Ann');
  });

  it('takes focus again when the form is submitted with the same mistake', async () => {
    const user = userEvent.setup();
    render(<NameForm />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(screen.getByLabelText('Name'));
    await user.keyboard('Al');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a name of 3 letters or more');
    expect(screen.getByRole('alert').parentElement).toHaveFocus();
  });

  it('goes away once the mistake is corrected and the form submitted', async () => {
    const user = userEvent.setup();
    render(<NameForm />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(screen.getByLabelText('Name'));
    await user.keyboard('Anna');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
