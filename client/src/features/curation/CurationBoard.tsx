import type { SummaryError } from '../../components/ui/ErrorSummary';
import { MatchCard, matchCardFields, type MatchCardRef } from './MatchCard';
import type { MoveDetails } from './MoveControl';
import { BOARD_COLUMNS, type MoveTarget } from './moves';

export interface BoardHandlers {
  onMove: (matchId: string, target: MoveTarget, details: MoveDetails) => void;
  onInvalid: (errors: SummaryError[]) => void;
  onAddNote: (matchId: string, text: string) => Promise<boolean>;
  onSelect: (matchId: string, selected: boolean) => void;
}

/**
 * The curation board: one column per state, best score first in each. Cards move with their
 * "Move to…" control; a moved card takes focus in its new column so keyboard users stay with it.
 */
export function CurationBoard({
  matches,
  selected,
  pending,
  focusId,
  handlers,
}: {
  matches: MatchCardRef[];
  selected: ReadonlySet<string>;
  pending: ReadonlySet<string>;
  focusId: string | null;
  handlers: BoardHandlers;
}) {
  const cards = matches.map((ref) => ({ ref, fields: matchCardFields(ref) }));
  return (
    <div className="app-board">
      {BOARD_COLUMNS.map((column) => {
        const inColumn = cards.filter((card) => column.statuses.includes(card.fields.status)).sort((a, b) => b.fields.score - a.fields.score);
        const headingId = `column-${column.id}`;
        return (
          <section className="app-board__column" key={column.id} aria-labelledby={headingId}>
            <h2 className="govuk-heading-m app-board__heading" id={headingId}>
              {column.title} <span className="app-board__count">({inColumn.length})</span>
            </h2>
            {inColumn.length === 0 ? (
              <p className="govuk-body-s app-secondary-text">No matches here.</p>
            ) : (
              <ul className="govuk-list app-board__cards">
                {inColumn.map(({ ref, fields }) => (
                  <li key={fields.id}>
                    <MatchCard
                      match={ref}
                      selected={selected.has(fields.id)}
                      onSelect={(isSelected) => handlers.onSelect(fields.id, isSelected)}
                      onMove={(target, details) => handlers.onMove(fields.id, target, details)}
                      onInvalid={handlers.onInvalid}
                      onAddNote={(text) => handlers.onAddNote(fields.id, text)}
                      focusOnMount={focusId === fields.id}
                      busy={pending.has(fields.id)}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
