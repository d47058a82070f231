/**
 * The one SQL interface both stores speak. Every query in this package is written once,
 * in PostgreSQL's dialect, and runs unchanged on PGlite and on PostgreSQL.
 */
export interface Sql {
  /** `name`: a statement run often, prepared once per connection where the driver can. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs fn on one connection inside BEGIN … COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The store could not be reached or failed: the receiver answers 503 and the widget retries. */
export class StoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(`store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
