import { useState, type ReactNode } from 'react';
import './data-table.scss';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned figures, so digits line up; a sortable numeric column sorts largest first on its first press. */
  numeric?: boolean;
  /** This column names the row, so screen readers announce it with each of the row's cells. */
  rowHeader?: boolean;
  /** Makes the header a sort button (the MoJ sortable table); ascending order, as a comparator. */
  compare?: (a: Row, b: Row) => number;
}

export interface SortOrder {
  key: string;
  ascending: boolean;
}

type CaptionSize = 's' | 'm' | 'hidden';

const CAPTION_CLASS: Record<CaptionSize, string> = {
  s: 'govuk-table__caption govuk-table__caption--s',
  m: 'govuk-table__caption govuk-table__caption--m',
  hidden: 'govuk-table__caption govuk-visually-hidden',
};

const SORT_ICON_PATHS = {
  ascending: ['M6.5625 15.5L11 6.63125L15.4375 15.5H6.5625Z'],
  descending: ['M15.4375 7L11 15.8687L6.5625 7L15.4375 7Z'],
  none: ['M8.1875 9.5L10.9609 3.95703L13.7344 9.5H8.1875Z', 'M13.7344 12.0781L10.9609 17.6211L8.1875 12.0781H13.7344Z'],
};

function SortIcon({ direction }: { direction: keyof typeof SORT_ICON_PATHS }) {
  return (
    <svg width="22" height="22" focusable="false" aria-hidden="true" viewBox="0 0 22 22" fill="none">
      {SORT_ICON_PATHS[direction].map((d) => (
        <path key={d} d={d} fill="currentColor" />
      ))}
    </svg>
  );
}

const headerClass = (numeric: boolean | undefined) => `govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}`;

/**
 * A GOV.UK table: a caption (visually hidden where a heading already names it), column headers with
 * scope, numeric columns aligned right, an optional row header, and sortable headers that say their
 * order with aria-sort and announce a change. With no rows it shows `empty` instead of a bare header row.
 */
export function DataTable<Row>({
  caption,
  captionSize = 'm',
  columns,
  rows,
  rowKey,
  empty,
  initialSort,
  className,
}: {
  caption: ReactNode;
  captionSize?: CaptionSize;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty: ReactNode;
  initialSort?: SortOrder;
  className?: string;
}) {
  const [sort, setSort] = useState<SortOrder | undefined>(initialSort);
  const sortable = columns.some((column) => column.compare);
  if (rows.length === 0) return <p className="govuk-body">{empty}</p>;

  const sortedBy = columns.find((column) => column.key === sort?.key);
  const shown = sort && sortedBy?.compare ? [...rows].sort((a, b) => (sort.ascending ? 1 : -1) * sortedBy.compare!(a, b)) : rows;
  const press = (column: Column<Row>) =>
    setSort((current) => ({ key: column.key, ascending: current?.key === column.key ? !current.ascending : !column.numeric }));

  return (
    <>
      <table className={`govuk-table${className ? ` ${className}` : ''}`}>
        <caption className={CAPTION_CLASS[captionSize]}>
          {caption}
          {sortable && (
            <>
              {' '}
              <span className="govuk-visually-hidden">(column headers with buttons are sortable).</span>
            </>
          )}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((column) => {
              if (!column.compare) {
                return (
                  <th key={column.key} scope="col" className={headerClass(column.numeric)}>
                    {column.header}
                  </th>
                );
              }
              const direction = sort?.key === column.key ? (sort.ascending ? 'ascending' : 'descending') : 'none';
              return (
                <th key={column.key} scope="col" className={headerClass(column.numeric)} aria-sort={direction}>
                  <button type="button" onClick={() => press(column)}>
                    {column.header}
                    <SortIcon direction={direction} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {shown.map((row) => (
            <tr className="govuk-table__row" key={rowKey(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.key} scope="row" className={headerClass(column.numeric)}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}`}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {sortable && (
        <div className="govuk-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {sort && sortedBy ? <>Sorted by {sortedBy.header} ({sort.ascending ? 'ascending' : 'descending'})</> : null}
        </div>
      )}
    </>
  );
}
