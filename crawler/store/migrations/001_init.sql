-- Runs, actor results, pages (with their snapshot), requests, findings with evidence,
-- detector outcomes. One transaction per actor result (crawler/store.ts).
CREATE TABLE runs (
  id            TEXT PRIMARY KEY,
  edition       TEXT NOT NULL,
  kind          TEXT NOT NULL DEFAULT 'scan',        -- scan | redetect
  source_run    TEXT,                                -- redetect: the run whose snapshots were judged again
  panel_file    TEXT NOT NULL,
  panel_json    TEXT NOT NULL,                       -- the panel as validated when the run started
  options_json  TEXT NOT NULL,                       -- scan options recorded for --resume
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL DEFAULT 'running'      -- running | finished
);
CREATE INDEX runs_edition ON runs(edition, started_at);

CREATE TABLE actor_results (
  run_id        TEXT NOT NULL REFERENCES runs(id),
  actor_id      TEXT NOT NULL,
  position      INTEGER NOT NULL,                    -- order in the panel
  name          TEXT NOT NULL,
  sector        TEXT NOT NULL,
  segment       TEXT,
  url           TEXT NOT NULL,
  status        TEXT NOT NULL,                       -- ok | partial | failed
  error         TEXT,
  pages_visited INTEGER NOT NULL,
  consent_json  TEXT NOT NULL,
  channels_json TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (run_id, actor_id)
);
CREATE INDEX actor_results_actor ON actor_results(actor_id, finished_at);

CREATE TABLE pages (
  id            INTEGER PRIMARY KEY,
  run_id        TEXT NOT NULL REFERENCES runs(id),
  actor_id      TEXT NOT NULL,
  pass          TEXT NOT NULL,                       -- refuse | accept
  url           TEXT NOT NULL,
  final_url     TEXT NOT NULL,
  status        INTEGER,
  depth         INTEGER NOT NULL,
  path_json     TEXT NOT NULL,
  title         TEXT,
  error         TEXT,
  links_json    TEXT NOT NULL,
  score         REAL NOT NULL DEFAULT 0,
  ms            INTEGER NOT NULL DEFAULT 0,
  snapshot_gz   BLOB,                                -- gzipped PageSnapshot JSON
  screenshot    BLOB                                 -- JPEG, home page and pages with findings
);
CREATE INDEX pages_actor ON pages(run_id, actor_id);

CREATE TABLE requests (
  page_id       INTEGER NOT NULL REFERENCES pages(id),
  url           TEXT NOT NULL,
  type          TEXT NOT NULL,
  status        INTEGER
);
CREATE INDEX requests_page ON requests(page_id);

CREATE TABLE findings (
  id            INTEGER PRIMARY KEY,
  page_id       INTEGER NOT NULL REFERENCES pages(id),
  run_id        TEXT NOT NULL,
  actor_id      TEXT NOT NULL,
  channel       TEXT NOT NULL,
  detector      TEXT NOT NULL,
  attributes_json TEXT NOT NULL,
  evidence_json TEXT NOT NULL
);
CREATE INDEX findings_actor ON findings(run_id, actor_id, channel);

CREATE TABLE detector_runs (
  page_id       INTEGER NOT NULL REFERENCES pages(id),
  detector      TEXT NOT NULL,
  version       INTEGER NOT NULL,
  outcome       TEXT NOT NULL,                       -- found | absent | error
  ms            REAL NOT NULL,
  error         TEXT
);
CREATE INDEX detector_runs_page ON detector_runs(page_id);
