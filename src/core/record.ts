import { PURPOSE_ID } from './purposes.js';

/** What the consent cookie holds (CONTRACT §6). */
export interface ConsentRecord {
  id: string;
  /** Decision time, ms since the epoch. */
  time: number;
  revision: number;
  choices: Record<string, boolean>;
}

/** Bumped when the layout below changes; an unknown version reads as "no decision". */
export const FORMAT = '1';

/**
 * `1|<id>|<time, base 36>|<revision>|analytics=1&marketing=0`: short, readable
 * in devtools, and made only of characters js-cookie writes without escaping.
 */
export function encodeRecord(record: ConsentRecord): string {
  const choices = Object.keys(record.choices)
    .map((id) => `${id}=${record.choices[id] ? 1 : 0}`)
    .join('&');
  return [FORMAT, record.id, record.time.toString(36), record.revision, choices].join('|');
}

/** Returns `undefined` for anything that is not a record we wrote: a foreign or damaged cookie is no decision. */
export function decodeRecord(value: string | undefined): ConsentRecord | undefined {
  const fields = (value ?? '').split('|');
  const [format, id, time36, revision, choices] = fields;
  if (fields.length !== 5 || format !== FORMAT || !/^[a-z0-9]{8,32}$/.test(id) || !/^[a-z0-9]{1,12}$/.test(time36)) return;
  if (!/^\d{1,9}$/.test(revision)) return;
  // A prototype-less map: a cookie naming `__proto__` must not reach Object.prototype.
  const map: Record<string, boolean> = Object.create(null);
  for (const pair of choices ? choices.split('&') : []) {
    const [purpose, bit, extra] = pair.split('=');
    if (extra !== undefined || !PURPOSE_ID.test(purpose) || (bit !== '0' && bit !== '1')) return;
    map[purpose] = bit === '1';
  }
  return { id, time: parseInt(time36, 36), revision: +revision, choices: map };
}
