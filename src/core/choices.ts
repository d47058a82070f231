import { TAG, type Logger } from './logger.js';
import type { Choice } from './record.js';
import type { PurposeConfig } from './types.js';

const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * A short hash (FNV-1a, base 36) of a purpose's service ids: an `except` list
 * is read only against the services it was written for.
 */
export function servicesHash(ids: string[]): string {
  let hash = 0x811c9dc5;
  for (const char of ids.join('.')) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (hash >>> 0).toString(36).slice(0, 4);
}

/**
 * A stored choice for one service. A purpose stored as `true` (0.1, 0.2: every
 * service chosen) grants services added since: the README asks for a new
 * `revision` when services are added. `shownOnly`: what the record proves the
 * visitor saw and granted, and `true` proves nothing about services. An
 * `except` list (0.2 wrote one for a purpose granted for most of its services)
 * written for another list of services grants none: it cannot tell which are new.
 */
function serviceGranted(choice: Choice, service: string, services: string[], shownOnly: boolean): boolean {
  if (typeof choice === 'boolean') return choice && !shownOnly;
  if ('only' in choice) return choice.only.includes(service);
  return choice.of === servicesHash(services) && !choice.except.includes(service);
}

/**
 * The purposes and services a visitor can choose, and how a choice for one
 * reaches the others (CONTRACT §4): a service with an `id` is chosen on its
 * own; a purpose with such services is granted only when all of them are;
 * choosing a purpose chooses all its services. Choices are kept flat, one
 * boolean per optional purpose and per choosable service (one namespace).
 */
export class ChoiceLayout {
  /** Optional purposes, in configured order. */
  readonly optional: string[];
  readonly required: Set<string>;
  /** The choosable services of each optional purpose that has some. */
  private readonly services = new Map<string, string[]>();
  private readonly serviceIds = new Set<string>();

  constructor(purposes: PurposeConfig[]) {
    this.required = new Set(purposes.filter((p) => p.required).map((p) => p.id));
    this.optional = purposes.filter((p) => !p.required).map((p) => p.id);
    for (const purpose of purposes) {
      const ids = (purpose.services ?? []).flatMap((s) => (s.id ? [s.id] : []));
      // A service of a required purpose is required too: always granted, never chosen.
      if (purpose.required) ids.forEach((id) => this.required.add(id));
      if (purpose.required || !ids.length) continue;
      this.services.set(purpose.id, ids);
      for (const id of ids) this.serviceIds.add(id);
    }
  }

  servicesOf(purpose: string): string[] {
    return this.services.get(purpose) ?? [];
  }

  isService(id: string): boolean {
    return this.serviceIds.has(id);
  }

  /** A configured purpose or choosable service: what `data-cid-consent` and `has()` may name. */
  knows(id: string): boolean {
    return this.required.has(id) || this.optional.includes(id) || this.isService(id);
  }

  /** Every choosable service id, purpose by purpose. */
  get allServices(): string[] {
    return [...this.serviceIds];
  }

  /** Granted in a flat map of choices? A purpose with services: all of them. */
  granted(flat: Record<string, boolean>, id: string): boolean {
    if (this.required.has(id)) return true;
    const services = this.services.get(id);
    if (services) return services.every((s) => flat[s] === true);
    return own(flat, id) && flat[id] === true;
  }

  /**
   * Flat choices from a record's: a purpose stored as `true` grants all its
   * services (a 0.1 or 0.2 record), a list grants those it names (`only`) or
   * all but those (`except`). `shownOnly`: only the services the record proves
   * were shown (see `serviceGranted`), to pre-fill the panel.
   */
  expand(choices: Record<string, Choice> | undefined, shownOnly = false): Record<string, boolean> {
    const flat: Record<string, boolean> = {};
    for (const purpose of this.optional) {
      const choice = choices && own(choices, purpose) ? choices[purpose] : false;
      const services = this.servicesOf(purpose);
      for (const service of services) flat[service] = serviceGranted(choice, service, services, shownOnly);
      flat[purpose] = services.length ? services.every((s) => flat[s]) : choice === true;
    }
    return flat;
  }

  /**
   * A record's choices from flat ones: a purpose with services lists those
   * granted, also when they are all of them, so that the record says which
   * the visitor saw (a panel asking again pre-ticks those only, issue #19)
   * and a service removed from the configuration, or moved, takes no other
   * grant with it (an `except` list's hash would change).
   */
  compact(flat: Record<string, boolean>): Record<string, Choice> {
    const choices: Record<string, Choice> = {};
    for (const purpose of this.optional) {
      const services = this.servicesOf(purpose);
      const granted = services.filter((s) => flat[s] === true);
      if (!services.length) choices[purpose] = flat[purpose] === true;
      else choices[purpose] = granted.length ? { only: granted } : false;
    }
    return choices;
  }

  /**
   * Applies a decision to flat choices: purposes first, then services, so that
   * `{ marketing: true, youtube: false }` grants marketing but YouTube. Unknown
   * ids and values that are not booleans are reported and ignored; required
   * purposes cannot be refused.
   */
  apply(flat: Record<string, boolean>, choices: Record<string, unknown>, log: Logger): Record<string, boolean> {
    const next = { ...flat };
    const entries = Object.keys(choices)
      // Own keys only: "constructor" or "__proto__" are in every object, and not purposes.
      .filter((id) => {
        const known = this.knows(id);
        if (!known) log.warn(`${TAG} "${id}" is not a configured purpose or service; ignored.`);
        else if (typeof choices[id] !== 'boolean') log.warn(`${TAG} the choice for "${id}" must be true or false; ignored.`);
        return known && typeof choices[id] === 'boolean' && !this.required.has(id);
      })
      .sort((a, b) => Number(this.isService(a)) - Number(this.isService(b)));
    for (const id of entries) {
      const value = choices[id] as boolean;
      next[id] = value;
      for (const service of this.servicesOf(id)) next[service] = value;
    }
    for (const [purpose, services] of this.services) next[purpose] = services.every((s) => next[s]);
    return next;
  }
}
