import { PURPOSE_ID } from './purposes.js';

/**
 * A purpose's choice: all of it (`true`), none of it (`false`), or, for a
 * purpose whose services are chosen one by one, the services granted
 * (`only`) or those refused (`except`), whichever list is shorter. `except`
 * carries `of`, a short hash of the purpose's service ids when it was written:
 * a service added since was never shown, so it must not be granted by it.
 * Since 0.3 a purpose with services is written `false` or as the list of the
 * services granted (`only`), never `true` nor `except` (both still read): the
 * list says which services the visitor saw and granted (a panel asking again
 * pre-ticks those only, issue #19), a service added since is not granted, and
 * one removed or moved in the configuration takes no other grant with it.
 */
export type Choice = boolean | { only: string[] } | { except: string[]; of: string };

/** What the consent cookie holds (CONTRACT §6). */
export interface ConsentRecord {
  id: string;
  /** Decision time, ms since the epoch. */
  time: number;
  revision: number;
  choices: Record<string, Choice>;
  /**
   * Only grants made from a placeholder, before any decision: they are kept,
   * and the visitor is still asked about the rest (CONTRACT §8).
   */
  partial?: boolean;
}

/**
 * Bumped when the layout below changes incompatibly; an unknown version reads
 * as "no decision". 0.2 added service lists and the partial flag: it still
 * reads every record 0.1 wrote, so the version stays. 0.3 writes nothing 0.2
 * does not read (0.1 reads no service list: there, such a record is no decision).
 */
export const FORMAT = '1';

function encodeChoice(choice: Choice): string {
  if (typeof choice === 'boolean') return choice ? '1' : '0';
  return 'only' in choice ? choice.only.join('.') : `!${choice.of}~${choice.except.join('.')}`;
}

/**
 * `1|<id>|<time, base 36>|<revision>|analytics=1&marketing=youtube.maps&partners=!k3f9~meta`,
 * then `|p` for a partial record: short (a purpose's services are listed only
 * when some but not all are granted: those granted, or `!`, the hash of the
 * purpose's services, `~` and those refused),
 * readable in devtools, and made only of characters js-cookie writes without
 * escaping. A record of 0.1 is the same without service lists.
 */
export function encodeRecord(record: ConsentRecord): string {
  const choices = Object.keys(record.choices)
    .map((id) => `${id}=${encodeChoice(record.choices[id])}`)
    .join('&');
  const fields = [FORMAT, record.id, record.time.toString(36), record.revision, choices];
  if (record.partial) fields.push('p');
  return fields.join('|');
}

function decodeChoice(value = ''): Choice | undefined {
  if (value === '1' || value === '0') return value === '1';
  const except = /^!([a-z0-9]{1,8})~(.*)$/.exec(value);
  const ids = (except ? except[2] : value).split('.');
  if (!ids.every((id) => PURPOSE_ID.test(id))) return;
  return except ? { except: ids, of: except[1] } : { only: ids };
}

/** Returns `undefined` for anything that is not a record we wrote: a foreign or damaged cookie is no decision. */
export function decodeRecord(value: string | undefined): ConsentRecord | undefined {
  const fields = (value ?? '').split('|');
  const [format, id, time36, revision, choices, partial] = fields;
  if (fields.length !== 5 && !(fields.length === 6 && partial === 'p')) return;
  if (format !== FORMAT || !/^[a-z0-9]{8,32}$/.test(id) || !/^[a-z0-9]{1,12}$/.test(time36)) return;
  if (!/^\d{1,9}$/.test(revision)) return;
  // A prototype-less map: a cookie naming `__proto__` must not reach Object.prototype.
  const map: Record<string, Choice> = Object.create(null);
  for (const pair of choices ? choices.split('&') : []) {
    const [purpose, encoded, extra] = pair.split('=');
    const choice = decodeChoice(encoded);
    if (extra !== undefined || !PURPOSE_ID.test(purpose) || choice === undefined) return;
    map[purpose] = choice;
  }
  const record: ConsentRecord = { id, time: parseInt(time36, 36), revision: +revision, choices: map };
  if (partial) record.partial = true;
  return record;
}
