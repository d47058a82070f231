-- Proof integrity (issue #20, items 1-3). The same file runs on PGlite (embedded) and PostgreSQL.

-- 1. A receipt's content, apart from its key (consent_id, decided_at): two receipts with the same
-- content are one receipt sent twice; with another content, a conflict that the proof shows.
-- jsonb's text is canonical (keys sorted, each once), so key order in the body does not matter.
-- Declared IMMUTABLE for the generated column: its inputs are jsonb, text, integer and boolean,
-- whose text forms depend on no setting.
CREATE FUNCTION receipt_content_hash(revision integer, choices jsonb, services jsonb, method text, gpc boolean,
                                     lang text, site text, page text, notice_hash text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(
    jsonb_build_array(revision, choices, services, method, gpc, lang, site, page, notice_hash)::text, 'UTF8')), 'hex')
$$;

ALTER TABLE receipts ADD COLUMN content_hash text NOT NULL
  GENERATED ALWAYS AS (receipt_content_hash(revision, choices, services, method, gpc, lang, site, page, notice_hash)) STORED;

-- An identical repeat is stored once; a different body under the same key is stored too (a forged
-- receipt posted first no longer pre-empts the visitor's own), and the proof marks both.
ALTER TABLE receipts DROP CONSTRAINT receipts_once;
ALTER TABLE receipts ADD CONSTRAINT receipts_once UNIQUE (consent_id, decided_at, content_hash);

-- 2. Which notice each day's decisions carried, per site, revision and language: the dashboard names
-- purposes with the notice most decisions of the period carried, so one forged receipt cannot
-- choose the words marketing reads. Kept in the statement that stores receipts, like the others.
CREATE TABLE stats_daily_notices (
  day          date NOT NULL,
  site         text NOT NULL,
  revision     integer NOT NULL,
  lang         text NOT NULL,
  notice_hash  text NOT NULL,
  decisions    bigint NOT NULL,
  PRIMARY KEY (day, site, revision, lang, notice_hash)
);
INSERT INTO stats_daily_notices (day, site, revision, lang, notice_hash, decisions)
SELECT (decided_at AT TIME ZONE 'UTC')::date, site, revision, lang, notice_hash, count(*)
FROM receipts GROUP BY 1, 2, 3, 4, 5;

-- 3. Tamper evidence, first step: only the retention job deletes a receipt, and only one decided
-- before its cut-off, which it sets for its own transaction (cid.retention_cutoff, whole epoch seconds) and
-- which can never reach the last day (RETENTION_DAYS is 1 at least). TRUNCATE is refused.
CREATE FUNCTION receipts_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  setting text := current_setting('cid.retention_cutoff', true);
  cutoff timestamptz;
BEGIN
  IF setting ~ '^[0-9]{1,12}$' THEN
    cutoff := to_timestamp(setting::bigint);
  END IF;
  IF cutoff IS NULL OR cutoff > now() - interval '1 day' OR OLD.decided_at >= cutoff THEN
    RAISE EXCEPTION 'receipts are append-only: only the retention job deletes them, past its cut-off';
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
  FOR EACH ROW EXECUTE FUNCTION receipts_delete_guard();
CREATE TRIGGER receipts_no_truncate BEFORE TRUNCATE ON receipts
  FOR EACH STATEMENT EXECUTE FUNCTION receipts_append_only();

-- A notice is what a proof shows the visitor was shown: never changed nor deleted (retention keeps
-- notices: they describe the site, not a visitor).
CREATE FUNCTION notices_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'notices are append-only';
END;
$$;
CREATE TRIGGER notices_no_change BEFORE UPDATE OR DELETE ON notices
  FOR EACH ROW EXECUTE FUNCTION notices_append_only();
CREATE TRIGGER notices_no_truncate BEFORE TRUNCATE ON notices
  FOR EACH STATEMENT EXECUTE FUNCTION notices_append_only();
