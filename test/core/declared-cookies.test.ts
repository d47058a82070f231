import { expect } from '@open-wc/testing';
import { formatLifetime, lifetimeDays } from '../../src/core/declared-cookies.js';

describe('cookie lifetimes', () => {
  it('should read a lifetime in days from { days }, "session" and a number with a French or English unit', () => {
    const cases: [Parameters<typeof lifetimeDays>[0], number | undefined][] = [
      [{ days: 395 }, 395],
      ['session', 0],
      ['13 mois', 395.6875],
      ['2 years', 730.5],
      ['1 an', 365.25],
      ['30 minutes', 30 / 1440],
      ['24 heures', 1],
      ['1,5 jour', 1.5],
      ['forever', undefined],
      ['13', undefined],
      [{ days: -1 }, undefined],
      [undefined, undefined],
    ];
    for (const [lifetime, days] of cases) {
      const read = lifetimeDays(lifetime);
      if (days === undefined) expect(read, JSON.stringify(lifetime)).to.equal(undefined);
      else expect(read, JSON.stringify(lifetime)).to.be.closeTo(days, 1e-9);
    }
  });

  it('should say a lifetime in the page’s language: session, minutes, hours, whole years, whole months, else days', () => {
    // Chrome writes French units after a no-break space: the words are what is checked here.
    const said = (days: number, lang: string) => formatLifetime(days, lang, 'session').replace(/\s/g, ' ');
    expect([0, 1 / 1440, 1 / 24, 1, 395.6875, 365.25, 182, 100].map((d) => said(d, 'fr'))).to.deep.equal([
      'session',
      '1 minute',
      '1 heure',
      '1 jour',
      '13 mois',
      '1 an',
      '6 mois',
      '100 jours',
    ]);
    expect([1 / 1440, 730.5, 395].map((d) => said(d, 'en'))).to.deep.equal(['1 minute', '2 years', '13 months']);
  });
});
