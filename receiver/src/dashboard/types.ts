// The JSON that GET /dashboard/data answers. Shared by the server and the page's bundle,
// so this file imports nothing.

export interface Share {
  granted: number;
  decisions: number;
  /** granted / decisions, 0 to 1, four decimals; 0 when no decision named it. */
  rate: number;
}

export interface Rate extends Share {
  /**
   * The same among the decisions taken while the browser sent Global Privacy Control, and among the
   * others (issue #25): a browser that refuses for its user on every site says nothing of the banner.
   */
  withGpc: Share;
  withoutGpc: Share;
}

export interface Split {
  decisions: number;
  acceptAll: number;
  rejectAll: number;
  /** Saved from the panel with a choice per purpose or service. */
  custom: number;
  /** Granted from an iframe placeholder. */
  placeholder: number;
  /** Through the JavaScript API, or a reset. */
  other: number;
  /** Decisions taken while the browser sent Global Privacy Control. */
  gpc: number;
}

export interface DashboardDay extends Split {
  day: string;
  purposes: Record<string, Rate>;
  services: Record<string, Rate>;
}

export interface RevisionFigures extends Split {
  revision: number;
  firstDay: string;
  lastDay: string;
  purposes: Record<string, Rate>;
  services: Record<string, Rate>;
}

export interface DashboardData {
  /** Who is signed in (issue #25): the DPO sees the proof search and the raw export, marketing does not. */
  role?: 'dpo' | 'marketing';
  /** The period shown (days in the receiver's TIME_ZONE, both included): the one asked, or the last 30 days with data. */
  from: string;
  to: string;
  site: string | null;
  revision: number | null;
  /** Every site and revision with decisions, for the filters. */
  sites: string[];
  revisions: number[];
  totals: Split;
  purposes: Record<string, Rate>;
  services: Record<string, Rate>;
  /** One entry per day of the period, days without decisions included (zeros). */
  days: DashboardDay[];
  /** The period's figures per revision (site filter applied, revision filter not): the effect of a change. */
  byRevision: RevisionFigures[];
  /**
   * Purpose and service names as visitors were shown them, per language: from the notice most decisions
   * of the period carried in that language (id → label or service name). Marketing reads the banner's words.
   */
  labels: Partial<Record<'fr' | 'en', Record<string, string>>>;
  /** Today in the receiver's TIME_ZONE, for the period presets (issue #25, item 6). */
  today?: string;
  /** The first day with decisions of the newest revision (site filter applied): "since the last revision". */
  latestRevisionFrom?: string | null;
  /** The period of the same length just before this one, for each headline figure's change. */
  previous?: { from: string; to: string; totals: Split; purposes: Record<string, Rate> };
}

/** What a notice names, id → label (purposes) or name (services); anything not a string is left out. */
export function labelsOf(notice: unknown): Record<string, string> {
  const labels: Record<string, string> = {};
  const purposes = (notice as { purposes?: unknown } | null)?.purposes;
  for (const purpose of Array.isArray(purposes) ? purposes : []) {
    const { id, label, services } = (purpose ?? {}) as { id?: unknown; label?: unknown; services?: unknown };
    if (typeof id === 'string' && typeof label === 'string') labels[id] = label;
    for (const service of Array.isArray(services) ? services : []) {
      const { id: serviceId, name } = (service ?? {}) as { id?: unknown; name?: unknown };
      if (typeof serviceId === 'string' && typeof name === 'string') labels[serviceId] = name;
    }
  }
  return labels;
}

