-- Bot walls (CONTRACT §7, issue 10): the service that blocked an actor (lower-case, e.g.
-- 'cloudflare'), and on each page the service whose challenge or block page it was. NULL = not blocked.
ALTER TABLE actor_results ADD COLUMN blocked_by TEXT;
ALTER TABLE pages ADD COLUMN blocked_by TEXT;
