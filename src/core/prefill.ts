import type { ChoiceLayout } from './choices.js';
import type { Choice } from './record.js';
import type { ConsentState } from './types.js';

export interface PrefillInput {
  state: ConsentState;
  /** The choices of an outdated or expired record (a new `revision`, `maxAgeDays` past), when one was read. */
  previous?: Record<string, Choice>;
  layout: ChoiceLayout;
  /** Purposes the Global Privacy Control signal refuses; none without it, or when the site ignores it. */
  refusedByGpc: readonly string[];
}

/**
 * The panel's toggles as it opens: one value for every purpose and every service that can be chosen
 * alone, so that none falls back on another's. Once decided, the decision. Asked again (a new
 * revision, an expired choice), nothing the visitor has not seen may be ticked in advance: a box
 * ticked for them is no consent (CJEU C-673/17 Planet49; CNIL deliberation 2020-091, art. 2). So
 * only what the old record proves was shown and granted is ticked (`ChoiceLayout.expand`, shown
 * only); under GPC, the purposes it refuses and every one of their services stay off, as the
 * signal asks; what a placeholder granted since, before any decision, is on (it is granted).
 */
export function prefill({ state, previous, layout, refusedByGpc }: PrefillInput): Record<string, boolean> {
  const values: Record<string, boolean> = { ...state.purposes, ...state.services };
  if (state.decided) return values;
  const before = layout.expand(previous, true);
  for (const id of refusedByGpc) for (const off of [id, ...layout.servicesOf(id)]) before[off] = false;
  for (const id in values) values[id] ||= before[id] === true;
  // A purpose with services is on when all of them are, as the panel shows it.
  for (const purpose of layout.optional) {
    const services = layout.servicesOf(purpose);
    if (services.length) values[purpose] = services.every((service) => values[service]);
  }
  return values;
}
