import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { describe, expect, it, vi } from 'vitest';
import { makeFragmentData } from '../../gql';
import type { MatchStatus } from '../../gql/graphql';
import { CurationBoard, type BoardHandlers } from './CurationBoard';
import { MatchCard_MatchFragment, type MatchCardRef } from './MatchCard';
import { permissionsAfter, type MovePermissions } from './moves';

type Fixture = { id: string; name: string; status: MatchStatus; score: number; can: MovePermissions & { accept?: boolean; decline?: boolean; addNote?: boolean } };

const SUGGESTED_CAN = { shortlist: true, introduce: false, reject: true };

function cardOf(fixture: Fixture): MatchCardRef {
  const data = {
    __typename: 'Match' as const,
    id: fixture.id,
    status: fixture.status,
    score: fixture.score,
    source: 'MATCHER' as const,
    version: 1,
    rejectionReason: null,
    declinedBy: null,
    declineReason: null,
    solution: { __typename: 'Solution', id: `s-${fixture.id}`, name: fixture.name, organisation: { __typename: 'Organisation', id: 'o2', name: 'BinSense' } },
    viewerCan: { __typename: 'MatchViewerCan', accept: false, decline: false, addNote: true, ...fixture.can },
  };
  return makeFragmentData(data, MatchCard_MatchFragment);
}

/** The board as the page drives it: a move updates the card's state at once (the optimistic answer). */
function Board({ initial, onMove, onInvalid = () => undefined }: { initial: Fixture[]; onMove: BoardHandlers['onMove']; onInvalid?: BoardHandlers['onInvalid'] }) {
  const [fixtures, setFixtures] = useState(initial);
  const [focusId, setFocusId] = useState<string | null>(null);
  // No mocks: a card's details query runs only when its details are opened, which these tests never do.
  return (
    <MockedProvider mocks={[]}>
      <CurationBoard
      matches={fixtures.map(cardOf)}
      selected={new Set()}
      pending={new Set()}
      focusId={focusId}
      handlers={{
        onMove: (id, target, details) => {
          onMove(id, target, details);
          setFixtures((current) => current.map((fixture) => (fixture.id === id ? { ...fixture, status: target, can: permissionsAfter(target) } : fixture)));
          setFocusId(id);
        },
        onInvalid,
        onAddNote: async () => true,
        onSelect: () => undefined,
      }}
      />
    </MockedProvider>
  );
}

const column = (name: RegExp) => screen.getByRole('region', { name });

describe('CurationBoard', () => {
  it('moves a card to Shortlisted with the keyboard alone, and keeps focus on it in its new column', async () => {
    const onMove = vi.fn();
    render(<Board initial={[{ id: 'm1', name: 'BinSense Routes', status: 'SUGGESTED', score: 0.82, can: SUGGESTED_CAN }]} onMove={onMove} />);
    const user = userEvent.setup({ delay: null });
    const select = screen.getByLabelText(/Move to… \(moves BinSense Routes\)/);
    // Reach the control by tabbing, as a keyboard user would.
    while (document.activeElement !== select) await user.tab();
    await user.selectOptions(select, 'Shortlisted');
    await user.tab(); // the optional note
    await user.tab(); // the Move button
    expect(document.activeElement).toHaveAccessibleName('Move BinSense Routes');
    await user.keyboard('{Enter}');

    expect(onMove).toHaveBeenCalledWith('m1', 'SHORTLISTED', { note: undefined });
    expect(within(column(/^Suggested/)).queryByText('BinSense Routes')).toBeNull();
    const moved = within(column(/^Shortlisted/)).getByRole('heading', { name: 'BinSense Routes' });
    expect(document.activeElement).toBe(moved);
    expect(within(column(/^Shortlisted/)).getByLabelText(/Move to…/).querySelectorAll('option')).toHaveLength(3);
  });

  it('asks for a reason before rejecting, then rejects with the reason and the note', async () => {
    const onMove = vi.fn();
    const onInvalid = vi.fn();
    render(<Board initial={[{ id: 'm2', name: 'CallBack Cloud', status: 'SUGGESTED', score: 0.61, can: SUGGESTED_CAN }]} onMove={onMove} onInvalid={onInvalid} />);
    const user = userEvent.setup({ delay: null });
    await user.selectOptions(screen.getByLabelText(/Move to…/), 'Rejected');
    screen.getByRole('button', { name: 'Move CallBack Cloud' }).focus();
    await user.keyboard('{Enter}');
    expect(onMove).not.toHaveBeenCalled();
    expect(onInvalid).toHaveBeenCalledWith([{ fieldId: 'move-m2-reason', text: 'Choose why CallBack Cloud is rejected' }]);
    expect(screen.getByLabelText(/Reason for rejecting CallBack Cloud/)).toHaveAccessibleDescription(/Choose why CallBack Cloud is rejected/);

    await user.selectOptions(screen.getByLabelText(/Reason for rejecting/), 'TOO_EXPENSIVE');
    await user.type(screen.getByLabelText(/Note/), 'Twice the budget.');
    screen.getByRole('button', { name: 'Move CallBack Cloud' }).focus();
    await user.keyboard(' ');
    expect(onMove).toHaveBeenCalledWith('m2', 'REJECTED', { reason: 'TOO_EXPENSIVE', note: 'Twice the budget.' });
    expect(within(column(/^Rejected/)).getByRole('heading', { name: 'CallBack Cloud' })).toHaveFocus();
  });

  it('offers only the moves the server allows, and none once both sides have decided', () => {
    render(
      <Board
        initial={[
          { id: 'm3', name: 'Shortlisted One', status: 'SHORTLISTED', score: 0.7, can: { shortlist: false, introduce: true, reject: true } },
          { id: 'm4', name: 'Accepted One', status: 'ACCEPTED', score: 0.9, can: { shortlist: false, introduce: false, reject: false } },
        ]}
        onMove={vi.fn()}
      />,
    );
    const options = within(screen.getByLabelText(/moves Shortlisted One/)).getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual(['Choose a column', 'Introduced to both sides', 'Rejected']);
    const decided = column(/^Accepted or declined/);
    expect(within(decided).getByRole('heading', { name: 'Accepted One' })).toBeInTheDocument();
    expect(within(decided).queryByLabelText(/Move to…/)).toBeNull();
  });

  it('orders each column by score, best first', () => {
    render(
      <Board
        initial={[
          { id: 'a', name: 'Low', status: 'SUGGESTED', score: 0.4, can: SUGGESTED_CAN },
          { id: 'b', name: 'High', status: 'SUGGESTED', score: 0.9, can: SUGGESTED_CAN },
        ]}
        onMove={vi.fn()}
      />,
    );
    expect(within(column(/^Suggested/)).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual(['High', 'Low']);
  });
});
