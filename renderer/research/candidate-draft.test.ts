import { describe, expect, it } from 'vitest';
import type { CandidateEvent } from '../../core/index';
import { candidateToDraft } from './sources-store';

const week: CandidateEvent = {
  id: 'c1',
  sourceId: 'src-abcd',
  date: { date: '2025-06-09', precision: 'day' },
  endDate: { date: '2025-06-15', precision: 'day' },
  sentence: "This week's negotiations in London ended without a deal.",
  summary: "This week's negotiations in London ended without a deal.",
  actors: [],
  places: ['London'],
  organizations: [],
};
const draftOf = (date: string) => candidateToDraft({ candidate: week, date, precision: 'day', summary: week.summary, actors: '', state: 'open', error: null });

describe('candidateToDraft', () => {
  it('keeps the span and the place an extraction found', () => {
    expect(draftOf('2025-06-09')).toMatchObject({ date: { date: '2025-06-09', precision: 'day' }, endDate: { date: '2025-06-15', precision: 'day' }, location: { name: 'London' } });
  });

  it('drops the span once the analyst moves the date', () => {
    expect(draftOf('2025-06-10').endDate).toBeUndefined();
  });
});
