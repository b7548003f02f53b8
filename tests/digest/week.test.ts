import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareWeeks, isoWeekOf, parseWeek, shiftWeek, weekDays, weekId, weekSlug } from '../../src/core/digest/week.ts';

describe('ISO weeks', () => {
  it.each([
    ['2026-12-31', '2026-W53'], // Thursday: 2026 has 53 ISO weeks
    ['2027-01-01', '2026-W53'], // Friday of the same week, calendar year already 2027
    ['2027-01-03', '2026-W53'], // Sunday
    ['2027-01-04', '2027-W01'], // Monday: week 1 of 2027
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-30', '2025-W01'], // Monday in December that belongs to the next ISO year
    ['2025-12-29', '2026-W01'],
    ['2026-11-25', '2026-W48'],
    ['2023-01-01', '2022-W52'],
  ])('%s is in %s', (day, id) => {
    expect(weekId(isoWeekOf(day))).toBe(id);
  });

  it('rejects what is not a calendar day', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '']) {
      expect(() => isoWeekOf(bad)).toThrow(/YYYY-MM-DD/);
    }
  });

  it('parses week ids people type and refuses weeks a year does not have', () => {
    expect(parseWeek('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(parseWeek('2026-w48')).toEqual({ year: 2026, week: 48 });
    expect(parseWeek(' 2026W8 ')).toEqual({ year: 2026, week: 8 });
    expect(parseWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseWeek('2027-W53')).toBeNull(); // 2027 has 52 weeks
    expect(parseWeek('2026-W00')).toBeNull();
    expect(parseWeek('2026-48')).toBeNull();
    expect(weekSlug({ year: 2026, week: 8 })).toBe('2026-w08');
  });

  it('gives Monday..Sunday across the year boundary', () => {
    expect(weekDays({ year: 2026, week: 53 })).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    expect(weekDays({ year: 2025, week: 1 })).toEqual({ start: '2024-12-30', end: '2025-01-05' });
    expect(weekDays({ year: 2020, week: 53 })).toEqual({ start: '2020-12-28', end: '2021-01-03' });
  });

  it('shifts and orders weeks across year boundaries', () => {
    expect(shiftWeek({ year: 2026, week: 53 }, 1)).toEqual({ year: 2027, week: 1 });
    expect(shiftWeek({ year: 2027, week: 1 }, -1)).toEqual({ year: 2026, week: 53 });
    expect(shiftWeek({ year: 2027, week: 52 }, 1)).toEqual({ year: 2028, week: 1 });
    const sorted = [{ year: 2027, week: 1 }, { year: 2026, week: 53 }, { year: 2026, week: 9 }].sort(compareWeeks);
    expect(sorted.map(weekId)).toEqual(['2026-W09', '2026-W53', '2027-W01']);
  });

  it('every day lies within the days of its own week, and ids round-trip (property)', () => {
    const day = fc
      .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2090, 11, 31)), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (value) => {
        const week = isoWeekOf(value);
        const { start, end } = weekDays(week);
        expect(start <= value && value <= end).toBe(true);
        expect(parseWeek(weekId(week))).toEqual(week);
        expect(isoWeekOf(start)).toEqual(week);
        expect(isoWeekOf(end)).toEqual(week);
      }),
    );
  });
});
