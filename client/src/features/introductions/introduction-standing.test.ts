import { describe, expect, it } from 'vitest';
import { introductionStanding } from './introduction-standing';

const introduced = { status: 'INTRODUCED' as const, publicBodyAccepted: false, startupAccepted: false, declinedBy: null };

describe('where an introduction stands, from each side', () => {
  it('asks for an answer until this side has given one', () => {
    expect(introductionStanding(introduced, 'STARTUP').tag.label).toBe('Your answer needed');
    expect(introductionStanding({ ...introduced, publicBodyAccepted: true }, 'STARTUP').text).toMatch(/^The public body accepted/);
  });

  it('waits for the other side once this side accepted', () => {
    expect(introductionStanding({ ...introduced, publicBodyAccepted: true }, 'PUBLIC_BODY').tag.label).toBe('Waiting for the start-up');
  });

  it('names who declined', () => {
    const declined = { ...introduced, status: 'DECLINED' as const, declinedBy: 'PUBLIC_BODY' as const };
    expect(introductionStanding(declined, 'PUBLIC_BODY').text).toBe('You declined this introduction.');
    expect(introductionStanding(declined, 'STARTUP').text).toBe('The public body declined this introduction.');
  });
});
