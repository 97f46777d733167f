import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DataTable, type Column } from './DataTable';

interface Council {
  name: string;
  pilots: number;
}

const councils: Council[] = [
  { name: 'Leeds', pilots: 2 },
  { name: 'Bristol', pilots: 7 },
  { name: 'Cardiff', pilots: 4 },
];

const plainColumns: Column<Council>[] = [
  { key: 'name', header: 'Council', rowHeader: true, cell: (row) => row.name },
  { key: 'pilots', header: 'Pilots', numeric: true, cell: (row) => row.pilots },
];

const sortableColumns: Column<Council>[] = [
  { key: 'name', header: 'Council', rowHeader: true, cell: (row) => row.name, compare: (a, b) => a.name.localeCompare(b.name) },
  { key: 'pilots', header: 'Pilots', numeric: true, cell: (row) => row.pilots, compare: (a, b) => a.pilots - b.pilots },
];

const firstColumn = () =>
  within(screen.getByRole('table'))
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);

describe('DataTable', () => {
  it('is named by its caption, with column headers and a header naming each row', () => {
    render(<DataTable caption="Pilots by council" columns={plainColumns} rows={councils} rowKey={(row) => row.name} empty="No councils." />);
    const table = screen.getByRole('table', { name: 'Pilots by council' });
    expect(within(table).getAllByRole('columnheader').map((cell) => [cell.textContent, cell.getAttribute('scope')])).toEqual([
      ['Council', 'col'],
      ['Pilots', 'col'],
    ]);
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.getAttribute('scope'))).toEqual(['row', 'row', 'row']);
    expect(within(table).getByRole('row', { name: 'Bristol 7' })).toBeInTheDocument();
  });

  it('aligns numeric columns right, headers and cells alike', () => {
    render(<DataTable caption="Pilots by council" columns={plainColumns} rows={councils} rowKey={(row) => row.name} empty="No councils." />);
    expect(screen.getByRole('columnheader', { name: 'Pilots' })).toHaveClass('govuk-table__header--numeric');
    expect(screen.getByRole('cell', { name: '7' })).toHaveClass('govuk-table__cell--numeric');
    expect(screen.getByRole('columnheader', { name: 'Council' })).not.toHaveClass('govuk-table__header--numeric');
  });

  it('keeps a hidden caption for screen readers when a heading already names the table', () => {
    render(<DataTable caption="Members" captionSize="hidden" columns={plainColumns} rows={councils} rowKey={(row) => row.name} empty="No councils." />);
    expect(screen.getByRole('table', { name: 'Members' }).querySelector('caption')).toHaveClass('govuk-visually-hidden');
  });

  it('says there is nothing to show instead of drawing an empty table', () => {
    render(<DataTable caption="Pilots by council" columns={plainColumns} rows={[]} rowKey={(row) => row.name} empty="No council has a pilot yet." />);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByText('No council has a pilot yet.')).toBeInTheDocument();
  });

  it('has no sort buttons or aria-sort when no column can be sorted', () => {
    render(<DataTable caption="Pilots by council" columns={plainColumns} rows={councils} rowKey={(row) => row.name} empty="No councils." />);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByRole('table').querySelector('[aria-sort]')).toBeNull();
  });

  it('sorts by a header button, says the order with aria-sort and announces it', async () => {
    const user = userEvent.setup();
    render(<DataTable caption="Pilots by council" columns={sortableColumns} rows={councils} rowKey={(row) => row.name} empty="No councils." />);
    const council = screen.getByRole('columnheader', { name: 'Council' });
    expect(council).toHaveAttribute('aria-sort', 'none');
    expect(firstColumn()).toEqual(['Leeds', 'Bristol', 'Cardiff']);

    await user.click(within(council).getByRole('button', { name: 'Council' }));
    expect(council).toHaveAttribute('aria-sort', 'ascending');
    expect(firstColumn()).toEqual(['Bristol', 'Cardiff', 'Leeds']);
    expect(screen.getByRole('status')).toHaveTextContent('Sorted by Council (ascending)');

    await user.click(within(council).getByRole('button', { name: 'Council' }));
    expect(council).toHaveAttribute('aria-sort', 'descending');
    expect(firstColumn()).toEqual(['Leeds', 'Cardiff', 'Bristol']);
  });

  it('sorts a numeric column largest first on its first press, and resets the other headers', async () => {
    const user = userEvent.setup();
    render(
      <DataTable
        caption="Pilots by council"
        columns={sortableColumns}
        rows={councils}
        rowKey={(row) => row.name}
        empty="No councils."
        initialSort={{ key: 'name', ascending: true }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Pilots' }));
    expect(screen.getByRole('columnheader', { name: 'Pilots' })).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('columnheader', { name: 'Council' })).toHaveAttribute('aria-sort', 'none');
    expect(firstColumn()).toEqual(['Bristol', 'Cardiff', 'Leeds']);
  });

  it('tells screen readers which headers sort, in the caption', () => {
    render(<DataTable caption="Pilots by council" columns={sortableColumns} rows={councils} rowKey={(row) => row.name} empty="No councils." />);
    expect(screen.getByRole('table', { name: 'Pilots by council (column headers with buttons are sortable).' })).toBeInTheDocument();
  });
});
