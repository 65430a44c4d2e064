-- Evidence archives (CONTRACT §9, issue 13): the `<run id>` folder where `scan --archive` wrote
-- this run's web archives (DIR/<run id>/<actor id>/<pass>.wacz), and the folder a `--replay` run
-- was answered from. NULL when the run has none.
ALTER TABLE runs ADD COLUMN archive_dir TEXT;
ALTER TABLE runs ADD COLUMN replay_dir TEXT;
