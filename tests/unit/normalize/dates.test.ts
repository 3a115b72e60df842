import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatUtc, parseDate } from '../../../lambdas/core/normalize/dates.js';

describe('parseDate', () => {
  it.each([
    ['Tue, 01 Dec 2026 07:00:00 GMT', '2026-12-01T07:00:00Z'],
    ['Tue, 01 Dec 2026 07:00:00 +0100', '2026-12-01T06:00:00Z'],
    ['Tue, 01 Dec 2026 07:00:00 +01:00', '2026-12-01T06:00:00Z'],
    ['Tue, 01 Dec 2026 07:00:00 EST', '2026-12-01T12:00:00Z'],
    ['Sat, 01 Aug 2026 23:15:00 PDT', '2026-08-02T06:15:00Z'],
    ['Tue, 01 Dec 2026 07:00:00 Z', '2026-12-01T07:00:00Z'],
    ['Tue, 01 Dec 2026 07:00:00 UTC', '2026-12-01T07:00:00Z'],
    ['Tue, 01 Dec 2026 07:00:00 XYZ', '2026-12-01T07:00:00Z'],
    ['Tue, 01 Dec 2026 07:00 +0200', '2026-12-01T05:00:00Z'],
    ['1 Dec 2026 07:00:00 +0530', '2026-12-01T01:30:00Z'],
    ['Tue, 01 Dec 26 07:00:00 +0000', '2026-12-01T07:00:00Z'],
    ['Tuesday, 01 December 2026 07:00:00 GMT', '2026-12-01T07:00:00Z'],
    ['Tue Dec  1 07:00:00 2026', '2026-12-01T07:00:00Z'],
    ['Tue Dec  1 07:00:00 EST 2026', '2026-12-01T12:00:00Z'],
    ['2026-12-01T07:00:00+01:00', '2026-12-01T06:00:00Z'],
    ['2026-12-01T07:00:00.123Z', '2026-12-01T07:00:00Z'],
    ['2026-12-01T07:00Z', '2026-12-01T07:00:00Z'],
    ['2026-12-01 07:00:00', '2026-12-01T07:00:00Z'],
    ['2026-12-01', '2026-12-01T00:00:00Z'],
    ['2026-12', '2026-12-01T00:00:00Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00Z'],
  ])('reads %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([[''], ['   '], ['sometime last week'], ['Tue, 31 Nov 2026 07:00:00 GMT'], ['2026-02-30'], ['32 Dec 2026'], [null], [undefined]])(
    'returns null, never now, for %p',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );
});

describe('formatUtc', () => {
  it('agrees with Date#toISOString to the second over four millennia', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(4999, 11, 31) }), (ms) => {
        expect(formatUtc(ms)).toBe(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
      }),
      { numRuns: 2000 },
    );
  });
});
