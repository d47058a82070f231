-- Who looked at whom (issue #25, item 7): every proof lookup and every raw export of receipts, with
-- when, which role (the DPO's RECEIVER_TOKEN or marketing's DASHBOARD_TOKEN; marketing is refused
-- both, so its rows are only ever refusals) and what (the consent id, or the period and site). The DPO
-- reads it (GET /journal). Written before the answer: a lookup that cannot be journaled is not served.
-- Append-only, as receipts are: no update, no delete, no truncate (retention never touches it).
CREATE TABLE access_journal (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  role     text NOT NULL CHECK (role IN ('dpo', 'marketing')),
  action   text NOT NULL CHECK (action IN ('proof', 'export')),
  via      text NOT NULL CHECK (via IN ('api', 'dashboard')),
  subject  text NOT NULL CHECK (length(subject) <= 300),
  allowed  boolean NOT NULL
);
CREATE INDEX access_journal_at ON access_journal (at);

CREATE FUNCTION access_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the access journal is append-only';
END;
$$;
CREATE TRIGGER access_journal_no_update BEFORE UPDATE OR DELETE ON access_journal
  FOR EACH ROW EXECUTE FUNCTION access_journal_append_only();
CREATE TRIGGER access_journal_no_truncate BEFORE TRUNCATE ON access_journal
  FOR EACH STATEMENT EXECUTE FUNCTION access_journal_append_only();
