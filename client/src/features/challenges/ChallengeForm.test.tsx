import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it, vi } from 'vitest';
import { ChallengeForm, type ChallengeFields } from './ChallengeForm';

async function fillValidChallenge() {
  const user = userEvent.setup({ delay: null });
  // Pasting is one input event per field: typing every character re-renders the whole form each time.
  const fill = async (label: string, text: string) => {
    await user.click(screen.getByLabelText(label));
    await user.paste(text);
  };
  await fill('Title', 'Fewer missed bin collections');
  await user.type(screen.getByLabelText('Summary'), 'Residents report missed bins every week; we want to predict and prevent them.');
  await fill('What is the problem?', 'Crews miss streets when routes change and nobody tells them.');
  await fill('Why does it matter?', 'Missed bins cause complaints, fly-tipping and extra crew trips.');
  await fill('How could a partner work with you?', 'We can share two years of route and complaint data.');
  await user.click(screen.getByLabelText('Waste and recycling'));
  await user.selectOptions(screen.getByLabelText('Region'), 'LONDON');
  await fill('Minimum budget, in pounds', '20000');
  await fill('Maximum budget, in pounds', '80000');
  await fill('Pilot length, in weeks', '12');
  await fill('Day', '31');
  await fill('Month', '3');
  await fill('Year', String(new Date().getFullYear() + 1));
  await fill('What it counts', 'Missed collections');
  await fill('Unit', 'per week');
  await fill('Today (baseline)', '120');
  await fill('Target', '60');
  return user;
}

describe('ChallengeForm', () => {
  it('shows the error summary, linked to each blank field, without calling the server', async () => {
    const onSave = vi.fn();
    render(<ChallengeForm heading="Post a challenge" submitLabel="Save as draft" onSave={onSave} />);
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Save as draft' }));

    const summary = screen.getByRole('alert');
    expect(within(summary).getByText('There is a problem')).toBeInTheDocument();
    const link = within(summary).getByRole('link', { name: 'Enter a title' });
    expect(link).toHaveAttribute('href', '#f-title');
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription(/Enter a title/);
    expect(document.activeElement).toBe(summary.parentElement);
    expect(document.title).toMatch(/^Error: /);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('puts a rule the server enforces on the field it concerns', async () => {
    const onSave = vi.fn<(fields: ChallengeFields) => Promise<void>>().mockRejectedValue(
      new CombinedGraphQLErrors({
        errors: [
          {
            message: 'kpis.0.target: must be above the baseline when the direction is INCREASE',
            extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'kpis.0.target', message: 'must be above the baseline when the direction is INCREASE' }] },
          },
        ],
      }),
    );
    render(<ChallengeForm heading="Post a challenge" submitLabel="Save as draft" onSave={onSave} />);
    const user = await fillValidChallenge();
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));

    expect(onSave).toHaveBeenCalledTimes(1);
    const sent = onSave.mock.calls[0]?.[0];
    expect(sent).toMatchObject({ sectors: ['WASTE_AND_RECYCLING'], budgetMinGbp: 20000, kpis: [{ name: 'Missed collections', baseline: 120, target: 60, direction: 'DECREASE' }] });
    const link = await screen.findByRole('link', { name: /Measure 1 target must be above the baseline/ });
    expect(link).toHaveAttribute('href', '#f-kpis-0-target');
    expect(screen.getByLabelText('Target')).toHaveAccessibleDescription(/must be above the baseline/);
  });
});
