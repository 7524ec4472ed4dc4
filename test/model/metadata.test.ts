import { describe, expect, it } from 'vitest';
import { validateMetadata } from '../../src/model/metadata.js';
import { tinyMetadata } from '../helpers/tiny-book.js';

describe('validateMetadata', () => {
  it('takes a date written YYYY-MM-DD that names a day', () => {
    expect(validateMetadata({ ...tinyMetadata, date: '2020-02-29' }).date).toBe('2020-02-29');
  });

  it('refuses a date of the right form that names no day, before an edition tries to carry it', () => {
    expect(() => validateMetadata({ ...tinyMetadata, date: '2020-13-45' })).toThrow(/`date`: must be a real calendar date \(2020-13-45 is none\)/);
    expect(() => validateMetadata({ ...tinyMetadata, date: '2021-02-29' })).toThrow(/real calendar date/);
    expect(() => validateMetadata({ ...tinyMetadata, changes: [{ date: '2021-04-31', note: 'corrected' }] })).toThrow(/`date`: must be a real calendar date/);
  });
});
