// The proof's summary (issue #25, item 8): for each purpose and service, what the visitor accepted and
// when, read from their receipts in order, so that a DPO answers "did they ever accept marketing?"
// without reading every decision.

export interface ProofDecision {
  decidedAt: string;
  method: string;
  choices: Record<string, boolean>;
  services: Record<string, boolean>;
  /** Another receipt holds the same instant with another content: which one is the visitor's is open. */
  conflict: boolean;
}

export interface Verdict {
  id: string;
  kind: 'purpose' | 'service';
  /** Each change: granted, or withdrawn, and when (the visitor's time); none: never accepted. */
  changes: { granted: boolean; at: string }[];
}

/**
 * One verdict per purpose and service the receipts name, in the order they first appear. A reset
 * withdraws whatever was granted; a hand-off receipt repeats a decision already counted (no change);
 * receipts in conflict are left out, as no one can say which of them the visitor sent.
 * "necessary" is granted by every decision: it says nothing.
 */
export function verdicts(receipts: ProofDecision[]): Verdict[] {
  const found = new Map<string, Verdict & { granted: boolean }>();
  const see = (id: string, kind: Verdict['kind'], granted: boolean, at: string) => {
    let verdict = found.get(`${kind}:${id}`);
    if (!verdict) {
      verdict = { id, kind, changes: [], granted: false };
      found.set(`${kind}:${id}`, verdict);
    }
    if (granted !== verdict.granted) verdict.changes.push({ granted, at });
    verdict.granted = granted;
  };
  for (const receipt of receipts) {
    if (receipt.conflict) continue;
    if (receipt.method === 'reset') {
      for (const verdict of found.values()) see(verdict.id, verdict.kind, false, receipt.decidedAt);
      continue;
    }
    for (const [id, granted] of Object.entries(receipt.choices)) if (id !== 'necessary') see(id, 'purpose', granted === true, receipt.decidedAt);
    for (const [id, granted] of Object.entries(receipt.services)) see(id, 'service', granted === true, receipt.decidedAt);
  }
  return [...found.values()].map(({ id, kind, changes }) => ({ id, kind, changes }));
}
