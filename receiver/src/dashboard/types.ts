// The JSON that GET /dashboard/data answers. Shared by the server and the page's bundle,
// so this file imports nothing.

export interface Rate {
  granted: number;
  decisions: number;
  /** granted / decisions, 0 to 1, four decimals; 0 when no decision named it. */
  rate: number;
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
  /** The period shown (UTC days, both included): the one asked, or the last 30 days with data. */
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
}
