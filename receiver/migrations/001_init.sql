-- Proof-of-consent store, format 1. The same file runs on PGlite (embedded) and PostgreSQL.

-- Each notice (what a visitor was shown) is kept once, keyed by the SHA-256 of its
-- canonical JSON (sorted keys), computed by the receiver. The text is kept byte for
-- byte as hashed, so anyone can recompute the hash from the proof.
CREATE TABLE notices (
  hash        text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  body        text NOT NULL,
  first_seen  timestamptz NOT NULL DEFAULT now()
);

-- One row per decision. Append-only: no route updates or deletes a receipt; only the
-- retention job deletes (GDPR art. 5(1)(e), storage limitation). No IP, no user agent:
-- the consent id is the only link to a visitor, and the visitor holds it too.
CREATE TABLE receipts (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  consent_id   text NOT NULL,
  decided_at   timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  revision     integer NOT NULL,
  choices      jsonb NOT NULL,
  services     jsonb NOT NULL,
  method       text NOT NULL,
  gpc          boolean NOT NULL,
  lang         text NOT NULL,
  site         text NOT NULL,
  page         text NOT NULL,
  notice_hash  text NOT NULL REFERENCES notices (hash),
  -- A receipt sent again (outbox, retries, two receivers) is stored once.
  CONSTRAINT receipts_once UNIQUE (consent_id, decided_at)
);
-- Retention and export select by decision time.
CREATE INDEX receipts_decided_at ON receipts (decided_at);

CREATE FUNCTION receipts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'receipts are append-only';
END;
$$;
CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
  FOR EACH ROW EXECUTE FUNCTION receipts_append_only();

-- Daily rollups, kept in the same statement that stores the receipts, so that /stats
-- (and the later dashboard) never scans the receipts. Days are UTC days of decided_at.
-- Dimensions kept for the dashboard: site, revision, method (accept-all / reject-all /
-- custom / placeholder split) and GPC.
CREATE TABLE stats_daily (
  day        date NOT NULL,
  site       text NOT NULL,
  revision   integer NOT NULL,
  method     text NOT NULL,
  gpc        boolean NOT NULL,
  decisions  bigint NOT NULL,
  PRIMARY KEY (day, site, revision, method, gpc)
);

-- Per purpose and per service: how many decisions named it and how many granted it.
CREATE TABLE stats_daily_grants (
  day        date NOT NULL,
  site       text NOT NULL,
  revision   integer NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('purpose', 'service')),
  item       text NOT NULL,
  granted    bigint NOT NULL,
  decisions  bigint NOT NULL,
  PRIMARY KEY (day, site, revision, kind, item)
);
