-- Dashboard sign-outs (issue #20, item 7). A dashboard session is a signed cookie that carries
-- its own expiry and a random id (src/dashboard/session.ts): nothing is stored at sign-in. Signing
-- out records the id here until that expiry, so that the old cookie is refused after a restart and
-- by every receiver sharing the database, not only by the process that signed it out.
-- Rows end with their session: each sign-out deletes those past their expiry (plus an hour for
-- clocks that differ), so the table holds at most the sign-outs of the last 9 hours.
CREATE TABLE dashboard_signed_out (
  session_id  text PRIMARY KEY CHECK (length(session_id) <= 64),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX dashboard_signed_out_expires_at ON dashboard_signed_out (expires_at);
