-- Issue #25, items 1 and 5. (1) Acceptance split by Global Privacy Control: the grants rollup gets
-- the gpc dimension the decisions rollup already has. (5) Days counted in the receiver's TIME_ZONE
-- (CONTRACT §11): the zone the rollups were counted in is kept here, and every insert counts its day
-- in that zone, so that all rows of a rollup agree whatever each receiver process was told.
-- The rollups are rebuilt from the receipts at start-up (store/rollups.ts, `countDaysIn`): an empty
-- zone here means "never counted with the gpc split yet", which a start-up always rebuilds.
ALTER TABLE stats_daily_grants ADD COLUMN gpc boolean NOT NULL DEFAULT false;
ALTER TABLE stats_daily_grants DROP CONSTRAINT stats_daily_grants_pkey;
ALTER TABLE stats_daily_grants ADD PRIMARY KEY (day, site, revision, kind, item, gpc);
ALTER TABLE stats_daily_grants ALTER COLUMN gpc DROP DEFAULT;

CREATE TABLE stats_settings (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  time_zone  text NOT NULL
);
INSERT INTO stats_settings (time_zone) VALUES ('');
