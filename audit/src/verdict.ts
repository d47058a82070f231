// The verdict: what needs consent must not be there before a choice or after refusal
// (CNIL, délibération 2020-091, art. 2 and 3: no reading or writing before consent,
// refusing must not lead to any); undeclared names after acceptance are warnings.
import { suggestPattern, type Classification } from './classify.js';
import type { Phase, PhaseId, RequestRecord } from './record.js';

export interface Finding {
  kind: 'cookie' | 'storage' | 'request';
  name: string;
  where: string;
  classification: Classification | null;
  phases: PhaseId[];
  reason: string;
  initiator?: string;
}

export interface Warning extends Finding {
  suggestion: string;
}

/**
 * How much longer than declared a cookie may live before it is a warning: a day, or 2 % of a long
 * lifetime ("13 mois" is 395.7 days, a tag that counts 395 or 400 keeps its word).
 */
export const lifetimeTolerance = (declaredDays: number): number => Math.max(1, declaredDays * 0.02);

const days = (value: number): string => `${Number(value.toFixed(1))} days`;

/** Phases in which nothing that needs consent may appear. */
export const GUARDED: readonly PhaseId[] = ['initial', 'reject', 'reject-reload'];

const WHEN: Partial<Record<PhaseId, string>> = {
  initial: 'before any choice',
  reject: 'after refusal',
  'reject-reload': 'after refusal and a reload',
};

function describe(c: Classification): string {
  if (c.category === 'undeclared') return 'undeclared';
  return c.service ? `service ${c.service} of purpose ${c.purpose}` : `purpose ${c.purpose}`;
}

/**
 * A request that gating should have held back: to an origin a gated element names, and not one
 * of the widget's own files (record.ts, markWidgetFiles). Origins, not hosts: the browser keeps
 * https://cdn.example and http://cdn.example:8080 apart, and so do trackers (RFC 6454).
 */
export function reachesGated(request: RequestRecord, gatedOrigins: readonly string[]): boolean {
  return !request.widget && gatedOrigins.includes(request.origin);
}

export interface Judgement {
  violations: Finding[];
  warnings: Warning[];
  gatedOrigins: string[];
  gatedHosts: string[];
}

export function judge(phases: Phase[]): Judgement {
  const gatedOrigins = [...new Set(phases.flatMap((phase) => phase.gatedOrigins))].sort();
  const gatedHosts = [...new Set(phases.flatMap((phase) => phase.gatedHosts))].sort();
  const violations = new Map<string, Finding>();
  const warnings = new Map<string, Warning>();

  const add = <T extends Finding>(into: Map<string, T>, finding: T) => {
    const key = `${finding.kind} ${finding.where} ${finding.name}`;
    const known = into.get(key);
    if (!known) into.set(key, finding);
    else if (!known.phases.includes(finding.phases[0])) known.phases.push(finding.phases[0]);
  };

  for (const phase of phases) {
    const guarded = GUARDED.includes(phase.id);
    const items = [
      ...phase.cookies.map((c) => ({ kind: 'cookie' as const, name: c.name, where: c.domain, classification: c.classification })),
      ...phase.storage.map((s) => ({ kind: 'storage' as const, name: s.key, where: `${s.area}Storage`, classification: s.classification })),
    ];
    for (const item of items) {
      const { category } = item.classification;
      const what = item.kind === 'cookie' ? `cookie "${item.name}" (${item.where})` : `${item.where} key "${item.name}"`;
      if (guarded && category !== 'necessary') {
        add(violations, { ...item, phases: [phase.id], reason: `${what}, ${describe(item.classification)}, present {when}` });
      }
      if (!guarded && category === 'undeclared') {
        const suggestion = suggestPattern(item.name);
        add(warnings, {
          ...item,
          phases: [phase.id],
          suggestion,
          reason: `${what} is declared by no purpose or service: add ${JSON.stringify(suggestion)} to the cookies of the one that sets it`,
        });
      }
    }
    // Issue #24: the cookie declaration must not promise a shorter life than the cookie has.
    for (const cookie of phase.cookies) {
      const declared = cookie.classification.lifetimeDays;
      if (declared === undefined || cookie.remainingDays === null || cookie.remainingDays <= declared + lifetimeTolerance(declared)) continue;
      const { pattern, purpose, service } = cookie.classification;
      const owner = service ? `service ${service} of purpose ${purpose}` : `purpose ${purpose}`;
      add(warnings, {
        kind: 'cookie',
        name: cookie.name,
        where: cookie.domain,
        classification: cookie.classification,
        phases: [phase.id],
        suggestion: JSON.stringify({ name: pattern, lifetime: { days: Math.round(cookie.remainingDays) } }),
        reason: `cookie "${cookie.name}" (${cookie.domain}) lives ${days(cookie.remainingDays)}, longer than the ${days(declared)} declared by ${JSON.stringify(pattern)} of ${owner}: shorten it, or declare its real lifetime`,
      });
    }
    if (!guarded) continue;
    for (const request of phase.requests.filter((r) => reachesGated(r, gatedOrigins))) {
      add(violations, {
        kind: 'request',
        name: request.url,
        where: request.host,
        classification: null,
        phases: [phase.id],
        initiator: request.initiator,
        reason: `request to ${request.origin}, an origin that only gated elements should reach, {when} (${request.type}, from ${request.initiator}): ${request.url}`,
      });
    }
  }
  // Each finding is told once, with every phase it was seen in.
  for (const finding of violations.values()) finding.reason = finding.reason.replace('{when}', finding.phases.map((id) => WHEN[id]).join(', '));
  return { violations: [...violations.values()], warnings: [...warnings.values()], gatedOrigins, gatedHosts };
}
