import { ChoiceLayout } from './choices.js';
import { TAG, type Logger } from './logger.js';
import { decodeRecord, encodeRecord, type Choice, type ConsentRecord } from './record.js';
import type { ConsentStorage } from './storage.js';
import type { ConsentChange, ConsentState, PurposeConfig } from './types.js';

const DAY_MS = 864e5;
/**
 * How far ahead of this clock a decision time still orders decisions: the receiver's own bound on a
 * `decidedAt` (CONTRACT §11), so that every decision it accepts keeps its place. A tab's decisions
 * step 1 ms past the last one, and a clock may be a little off; a time further ahead was written by
 * a clock that ran ahead since set right: dating later decisions after it would date them in the
 * future, which the receiver refuses.
 */
const AHEAD_MS = 5 * 60_000;

export interface ManagerOptions {
  purposes: PurposeConfig[];
  revision: number;
  maxAgeDays: number;
  storage: ConsentStorage;
  log: Logger;
  /** The clock, injected so tests can travel in time. */
  now: () => number;
  randomId: () => string;
}

/**
 * What a tab tells the others after a decision of its own: the stored value
 * itself (another renderer may still read the old cookie) and when it was
 * taken, so that two decisions that cross settle on the later one everywhere.
 */
export interface TabMessage {
  value: string | null;
  /** Decision (or reset) time, ms since the epoch. */
  at: number;
}

/**
 * Where a decision time stands among decisions, decided once, when the decision is read or received
 * (not at each comparison, or the order of two decisions would change as the clock moves on): its
 * own time, or, for a time further ahead than any true one can be, before every true one.
 */
const orderTime = (time: number, now: number) => (time > now + AHEAD_MS ? 0 : time);

/** Whether `a` was decided after `b`; a tie is broken on the values, the same way in every tab. */
const isLater = (a: TabMessage, b: TabMessage) => a.at > b.at || (a.at === b.at && (a.value ?? '') > (b.value ?? ''));

/**
 * Whether a change is news to listeners: confirming the same choices again renews the record (a
 * decision, with its receipt: CONTRACT §10) but changes nothing, and `cid-consent-change` fires only
 * when a decision changes something (CONTRACT §7).
 */
export const changesConsent = ({ state, previous, granted, revoked }: ConsentChange): boolean =>
  state.decided !== previous.decided || granted.length > 0 || revoked.length > 0;

/** A random id for the decision, kept as proof of consent (not a secret: the slight modulo bias does not matter). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('') + Date.now().toString(36).slice(-4);
}

/**
 * Holds the visitor's decision: reads it once from storage, applies decisions,
 * writes them back before anyone is told (so a change event never reports a
 * choice that a reload would lose), and says what each decision changed.
 */
export class ConsentManager {
  readonly purposes: PurposeConfig[];
  /** Choices of the record read at start-up, outdated or expired ones included, to pre-fill the panel when asking again. */
  readonly previous?: Record<string, Choice>;
  readonly layout: ChoiceLayout;
  private record?: ConsentRecord;
  /** The record's choices, one boolean per optional purpose and choosable service. */
  private granted: Record<string, boolean> = {};
  private warnedStorage = false;
  /** The last decision could not be stored: storage says nothing about it. */
  private unstored = false;
  /** When the current decision, or its absence after a reset, was made. */
  private at = 0;

  constructor(private readonly options: ManagerOptions) {
    this.purposes = options.purposes;
    this.layout = new ChoiceLayout(options.purposes);
    const stored = this.read();
    this.hold(this.valid(stored));
    this.at = this.record ? orderTime(this.record.time, options.now()) : 0;
    this.previous = stored?.choices;
  }

  /** Makes `record` the current decision (or none). */
  private hold(record: ConsentRecord | undefined): void {
    this.record = record;
    this.granted = this.layout.expand(record?.choices);
  }

  private read(): ConsentRecord | undefined {
    try {
      return decodeRecord(this.options.storage.read());
    } catch {
      // A sandboxed frame throws on document.cookie: that is "no decision", not a broken page.
    }
  }

  /** An outdated revision or an expired decision is no decision: the visitor is asked again. */
  private valid(stored: ConsentRecord | undefined): ConsentRecord | undefined {
    const { now, maxAgeDays, revision } = this.options;
    if (stored && now() - stored.time <= maxAgeDays * DAY_MS && stored.revision >= revision) return stored;
  }

  /**
   * Takes a decision another tab made (or forgot), unless this tab's own is
   * later: then storage is made to hold ours again, and the other tab takes
   * ours when it hears it. A decision for an older revision of the
   * configuration is another configuration's, not ours to take; a value that
   * is not a record we wrote is ignored. A page whose own cookie write failed
   * keeps its choice: storage knows nothing about it.
   */
  receive(message: TabMessage): ConsentChange | undefined {
    if (this.unstored || message.value === this.value) return;
    const incoming = message.value === null ? undefined : decodeRecord(message.value);
    if (message.value !== null && !incoming) return;
    const older = incoming && incoming.revision < this.options.revision;
    const at = orderTime(message.at, this.options.now());
    if (older || !isLater({ ...message, at }, this.message)) {
      this.restore();
      return;
    }
    const previous = this.state;
    this.hold(this.valid(incoming));
    this.at = at;
    return this.changeFrom(previous, true);
  }

  /**
   * Reads storage again, for a tab shown again that may have missed a message
   * (or has no BroadcastChannel). A stored decision older than this tab's, or
   * for an older revision, is not taken: storage is made to hold ours again.
   */
  reload(): ConsentChange | undefined {
    if (this.unstored) return;
    const stored = this.read();
    const now = this.options.now();
    if (stored && this.record && (stored.revision < this.options.revision || orderTime(stored.time, now) < this.at)) {
      this.restore();
      return;
    }
    const valid = this.valid(stored);
    if ((valid ? encodeRecord(valid) : null) === this.value) return;
    const previous = this.state;
    this.hold(valid);
    this.at = valid ? orderTime(valid.time, now) : now;
    return this.changeFrom(previous, true);
  }

  /** Makes storage hold this tab's decision again (or none, after a later reset here). */
  private restore(): void {
    if (this.record) this.store(this.record);
    else this.forget();
  }

  /** Removes the stored decision; a sandboxed frame throws, and then nothing was stored anyway. */
  private forget(): void {
    try {
      this.options.storage.remove();
    } catch {
      // Nothing to remove.
    }
  }

  /** What the other tabs need to take this tab's decision. */
  get message(): TabMessage {
    return { value: this.value, at: this.at };
  }

  /** The decision as stored, `null` before one is made: what another tab needs to take it. */
  get value(): string | null {
    return this.record ? encodeRecord(this.record) : null;
  }

  /** Granted now (a purpose or a service)? Cheap: the gate asks it for every gated element. */
  has(id: string): boolean {
    return this.layout.granted(this.granted, id);
  }

  /** A configured purpose or choosable service. */
  knows(id: string): boolean {
    return this.layout.knows(id);
  }

  /** A decision is stored; grants from a placeholder alone are not one (the visitor is still asked). */
  get decided(): boolean {
    return !!this.record && !this.record.partial;
  }

  get state(): ConsentState {
    const { record } = this;
    const purposes: Record<string, boolean> = {};
    const services: Record<string, boolean> = {};
    for (const { id } of this.purposes) purposes[id] = this.has(id);
    for (const id of this.layout.allServices) services[id] = this.has(id);
    return {
      decided: this.decided,
      purposes,
      services,
      id: record?.id ?? null,
      updatedAt: record ? new Date(record.time).toISOString() : null,
      revision: record?.revision ?? this.options.revision,
    };
  }

  /**
   * Decides for the purposes and services listed; the others keep their
   * current value. `partial`: grants from a placeholder before any decision,
   * kept without counting as the visitor's answer to the banner (CONTRACT §8).
   */
  decide(choices: Record<string, unknown>, partial = false): ConsentChange | undefined {
    const { log, revision } = this.options;
    const previous = this.state;
    const granted = this.layout.apply(this.granted, choices, log);
    const record: ConsentRecord = {
      id: this.record?.id ?? this.options.randomId(),
      time: this.nextTime(),
      revision,
      choices: this.layout.compact(granted),
    };
    if (partial && !this.decided) record.partial = true;
    const stored = this.store(record);
    if (!stored && !this.warnedStorage) {
      this.warnedStorage = true;
      log.warn(`${TAG} the browser did not keep the consent cookie: the choice holds for this page only.`);
    }
    this.hold(record);
    this.at = record.time;
    this.unstored = !stored;
    return this.changeFrom(previous, stored);
  }

  /**
   * Takes the decision a sister site made (CONTRACT §13): its consent id, its choices and its time,
   * so that it lasts its lifetime from the visitor's answer, not from this visit. A decision of this
   * site as recent (or a reset here since), an expired one or one for an older revision is kept out.
   * `choices`: the receipt's, purposes and services flat.
   */
  adopt(id: string, time: number, revision: number, choices: Record<string, unknown>): ConsentChange | undefined {
    const { now, maxAgeDays, log } = this.options;
    // A time ahead of this clock (the sister page's clock was wrong) buys no more than the six months.
    const left = Math.min(maxAgeDays, maxAgeDays - (now() - time) / DAY_MS);
    if ((this.at >= time && !this.record?.partial) || revision < this.options.revision || left <= 0) return;
    const previous = this.state;
    // Sister sites share one purposes list; an id this site does not have is none of its business.
    const known = Object.fromEntries(Object.entries(choices).filter(([choice]) => this.knows(choice)));
    const record: ConsentRecord = { id, time, revision, choices: this.layout.compact(this.layout.apply({}, known, log)) };
    const stored = this.store(record, left);
    this.hold(record);
    this.at = orderTime(time, now());
    this.unstored = !stored;
    return this.changeFrom(previous, stored);
  }

  /** Writes a record, kept `days` (its whole lifetime by default); `false` when the browser did not keep it. */
  private store(record: ConsentRecord, days = this.options.maxAgeDays): boolean {
    try {
      return this.options.storage.write(encodeRecord(record), days);
    } catch {
      // A sandboxed frame throws on document.cookie: the same as a write that did not stick.
      return false;
    }
  }

  /** Forgets the decision: every optional purpose is revoked and the visitor will be asked again. */
  reset(): ConsentChange | undefined {
    const previous = this.state;
    this.forget();
    this.hold(undefined);
    this.at = this.nextTime();
    this.unstored = false;
    return this.changeFrom(previous, true);
  }

  /**
   * The time of a new decision: never the same millisecond as the last one, so
   * each has its own `(consentId, decidedAt)` receipt and the order between
   * tabs is strict (the last time is never far ahead: see `orderTime`).
   */
  private nextTime(): number {
    return Math.max(this.options.now(), this.at + 1);
  }

  /**
   * What a decision changed, also when it changed no choice but renewed the record (the same choices
   * confirmed again: a new time, its own receipt; `changesConsent` says whether it is news);
   * `undefined` when the record did not change either (a reset with nothing stored).
   */
  private changeFrom(previous: ConsentState, stored: boolean): ConsentChange | undefined {
    const state = this.state;
    const now = { ...state.purposes, ...state.services };
    const before: Record<string, boolean> = { ...previous.purposes, ...previous.services };
    const granted = Object.keys(now).filter((id) => now[id] && !before[id]);
    const revoked = Object.keys(now).filter((id) => !now[id] && before[id]);
    const change = { state, previous, granted, revoked, stored };
    if (changesConsent(change) || state.id !== previous.id || state.updatedAt !== previous.updatedAt) return change;
  }
}
