import type { PurposeConfig } from './types.js';

export const NECESSARY = 'necessary';

/**
 * CID-IT's purposes, read from its privacy policy (CONTRACT §4). Labels and
 * descriptions live in `src/i18n/` so each language has its own words.
 */
export const DEFAULT_PURPOSES: PurposeConfig[] = [
  { id: NECESSARY, required: true },
  { id: 'analytics' },
  { id: 'marketing' },
  { id: 'partners' },
];

/** Purposes a Global Privacy Control signal refuses: the ones that sell or share data (CONTRACT §3 `respectGpc`). */
export const GPC_REFUSES = ['marketing', 'partners'];

/** Purpose ids travel in the cookie and in `data-cid-consent`: keep them to safe characters. */
export const PURPOSE_ID = /^[a-z][a-z0-9_-]{0,31}$/i;

/**
 * A `cookies` entry of a purpose, an exact name or a `/regex/flags` string, as
 * a test of one cookie name (throws when the regex is invalid). The `g` and `y`
 * flags are dropped: they make `RegExp.test` resume from `lastIndex`, so one
 * pattern would answer differently for the same name on the next call.
 */
export const toMatcher = (pattern: string): ((name: string) => boolean) => {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (!regex) return (name) => name === pattern;
  const compiled = new RegExp(regex[1], regex[2].replace(/[gy]/g, ''));
  return (name) => compiled.test(name);
};
