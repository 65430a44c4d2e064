/**
 * The SQLite store (better-sqlite3, WAL). Migrations are the numbered files of
 * crawler/migrations/, applied in order and recorded in schema_migrations. Each actor result is
 * written in one transaction with its pages, snapshots, requests, findings and detector outcomes:
 * a crash never leaves a half-recorded actor, and `scan --resume` simply scans the actors that have
 * no row yet.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ChannelKey, ChannelResult, ConsentPass, ConsentRecord, Finding, PageSnapshot, PathStep, PageLinkRecord, PageRecord, Actor } from '../types.ts';

const MIGRATIONS = new URL('./migrations/', import.meta.url);

export interface RunRow {
  id: string;
  edition: string;
  kind: string;
  source_run: string | null;
  panel_file: string;
  panel_json: string;
  options_json: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  /** 003_archive: the run's `<run id>` archive folder (scan --archive) */
  archive_dir?: string | null;
  /** 003_archive: the archive folder a --replay run was answered from */
  replay_dir?: string | null;
}

export interface ActorResultRow {
  run_id: string;
  actor_id: string;
  position: number;
  name: string;
  sector: string;
  segment: string | null;
  url: string;
  status: 'ok' | 'partial' | 'failed';
  error: string | null;
  pages_visited: number;
  consent_json: string;
  channels_json: string;
  started_at: string;
  finished_at: string;
  attempts: number;
  /** the service that blocked the actor (CONTRACT §7), else null; null for rows written before migration 002 */
  blocked_by: string | null;
}


export interface ActorResultToStore {
  runId: string;
  actor: Actor;
  position: number;
  status: 'ok' | 'partial' | 'failed';
  error: string | null;
  /** CONTRACT §7: the service that blocked the actor, else null */
  blockedBy?: string | null;
  consent: ConsentRecord;
  channels: Record<ChannelKey, ChannelResult>;
  pages: PageRecord[];
  startedAt: string;
  finishedAt: string;
  attempts: number;
}

export interface StoredPage {
  id: number;
  pass: ConsentPass;
  url: string;
  final_url: string;
  status: number | null;
  depth: number;
  path: PathStep[];
  title: string | null;
  error: string | null;
  links: PageLinkRecord[];
  score: number;
  ms: number;
  hasScreenshot: boolean;
  blocked_by: string | null;
}

export class Store {
  readonly db: Database.Database;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const done = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
    const files = readdirSync(MIGRATIONS)
      .filter((f) => /^\d+_.*\.sql$/.test(f))
      .sort();
    for (const f of files) {
      const version = Number(f.split('_')[0]);
      if (done.has(version)) continue;
      const sql = readFileSync(new URL(f, MIGRATIONS), 'utf8');
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, f, new Date().toISOString());
      })();
    }
  }

  close(): void {
    this.db.close();
  }

  createRun(run: {
    id: string;
    edition: string;
    kind?: string;
    sourceRun?: string | null;
    panelFile: string;
    panel: unknown;
    options: unknown;
    startedAt: string;
    archiveDir?: string | null;
    replayDir?: string | null;
  }): void {
    this.db
      .prepare('INSERT INTO runs (id, edition, kind, source_run, panel_file, panel_json, options_json, started_at, archive_dir, replay_dir) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(run.id, run.edition, run.kind ?? 'scan', run.sourceRun ?? null, run.panelFile, JSON.stringify(run.panel), JSON.stringify(run.options), run.startedAt, run.archiveDir ?? null, run.replayDir ?? null);
  }

  /** The archive folder of a run's evidence: its own, or for a redetect run its source run's. */
  archiveDirOf(runId: string, depth = 0): string | null {
    const run = this.getRun(runId);
    if (!run) return null;
    if (run.archive_dir) return run.archive_dir;
    return run.source_run && depth < 8 ? this.archiveDirOf(run.source_run, depth + 1) : null;
  }

  finishRun(id: string, finishedAt: string): void {
    this.db.prepare("UPDATE runs SET finished_at = ?, status = 'finished' WHERE id = ?").run(finishedAt, id);
  }

  getRun(id: string): RunRow | undefined {
    return this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  }

  listRuns(): (RunRow & { ok: number; failed: number; partial: number })[] {
    return this.db
      .prepare(
        `SELECT r.*, COALESCE(SUM(a.status = 'ok'), 0) AS ok, COALESCE(SUM(a.status = 'failed'), 0) AS failed, COALESCE(SUM(a.status = 'partial'), 0) AS partial
         FROM runs r LEFT JOIN actor_results a ON a.run_id = r.id GROUP BY r.id ORDER BY r.started_at, r.id`,
      )
      .all() as (RunRow & { ok: number; failed: number; partial: number })[];
  }

  latestUnfinishedRun(): RunRow | undefined {
    return this.db.prepare("SELECT * FROM runs WHERE status != 'finished' ORDER BY started_at DESC, id DESC LIMIT 1").get() as RunRow | undefined;
  }

  latestFinishedRun(): RunRow | undefined {
    return this.db.prepare("SELECT * FROM runs WHERE status = 'finished' ORDER BY finished_at DESC, id DESC LIMIT 1").get() as RunRow | undefined;
  }

  /** The edition's latest run, finished ones first. */
  latestRunOfEdition(edition: string): RunRow | undefined {
    return this.db
      .prepare("SELECT * FROM runs WHERE edition = ? ORDER BY (status = 'finished') DESC, started_at DESC, id DESC LIMIT 1")
      .get(edition) as RunRow | undefined;
  }

  actorIdsDone(runId: string): Set<string> {
    return new Set((this.db.prepare('SELECT actor_id FROM actor_results WHERE run_id = ?').all(runId) as { actor_id: string }[]).map((r) => r.actor_id));
  }

  actorResults(runId: string): ActorResultRow[] {
    return this.db.prepare('SELECT * FROM actor_results WHERE run_id = ? ORDER BY position, actor_id').all(runId) as ActorResultRow[];
  }

  /** For each actor ever scanned under the edition, its latest finished result. */
  editionActorResults(edition: string): ActorResultRow[] {
    return this.db
      .prepare(
        `SELECT a.* FROM actor_results a JOIN runs r ON r.id = a.run_id
         WHERE r.edition = ? AND a.finished_at = (
           SELECT MAX(a2.finished_at) FROM actor_results a2 JOIN runs r2 ON r2.id = a2.run_id
           WHERE r2.edition = r.edition AND a2.actor_id = a.actor_id)
         GROUP BY a.actor_id ORDER BY a.position, a.actor_id`,
      )
      .all(edition) as ActorResultRow[];
  }

  /**
   * Each actor's time (seconds from its start to its record) in the latest scan that recorded it,
   * runs other than `exceptRun`: what the next scan of the same panel can expect of it.
   */
  lastActorSeconds(exceptRun: string): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT a.actor_id, (julianday(a.finished_at) - julianday(a.started_at)) * 86400 AS s
         FROM actor_results a JOIN runs r ON r.id = a.run_id
         WHERE r.kind = 'scan' AND a.run_id <> ? ORDER BY a.finished_at`,
      )
      .all(exceptRun) as { actor_id: string; s: number | null }[];
    const out = new Map<string, number>();
    for (const r of rows) if (r.s !== null && r.s >= 0) out.set(r.actor_id, r.s);
    return out;
  }

  /** Writes one actor's whole result in one transaction. */
  saveActorResult(r: ActorResultToStore): void {
    const insPage = this.db.prepare(
      `INSERT INTO pages (run_id, actor_id, pass, url, final_url, status, depth, path_json, title, error, links_json, score, ms, snapshot_gz, screenshot, blocked_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insReq = this.db.prepare('INSERT INTO requests (page_id, url, type, status) VALUES (?, ?, ?, ?)');
    const insFinding = this.db.prepare(
      'INSERT INTO findings (page_id, run_id, actor_id, channel, detector, attributes_json, evidence_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insRun = this.db.prepare('INSERT INTO detector_runs (page_id, detector, version, outcome, ms, error) VALUES (?, ?, ?, ?, ?, ?)');
    const insActor = this.db.prepare(
      `INSERT INTO actor_results (run_id, actor_id, position, name, sector, segment, url, status, error, pages_visited, consent_json, channels_json, started_at, finished_at, attempts, blocked_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Compress outside the transaction: the write lock is held only for the inserts.
    const blobs = r.pages.map((p) => (p.snapshot ? gzipSync(JSON.stringify(p.snapshot)) : null));
    this.db.transaction(() => {
      r.pages.forEach((p, i) => {
        const info = insPage.run(
          r.runId,
          r.actor.id,
          p.pass,
          p.url,
          p.finalUrl,
          p.status,
          p.depth,
          JSON.stringify(p.path),
          p.title,
          p.error,
          JSON.stringify(p.links),
          p.score,
          p.ms,
          blobs[i],
          p.screenshot,
          p.blockedBy ?? null,
        );
        const pageId = Number(info.lastInsertRowid);
        for (const q of p.snapshot?.requests ?? []) insReq.run(pageId, q.url, q.type, q.status);
        for (const f of p.findings) insFinding.run(pageId, r.runId, r.actor.id, f.channel, f.detector, JSON.stringify(f.attributes), JSON.stringify(f.evidence));
        for (const d of p.detectorRuns) insRun.run(pageId, d.detector, d.version, d.outcome, d.ms, d.error ?? null);
      });
      insActor.run(
        r.runId,
        r.actor.id,
        r.position,
        r.actor.name,
        r.actor.sector,
        r.actor.segment,
        r.actor.url,
        r.status,
        r.error,
        r.pages.length,
        JSON.stringify(r.consent),
        JSON.stringify(r.channels),
        r.startedAt,
        r.finishedAt,
        r.attempts,
        r.blockedBy ?? null,
      );
    })();
  }

  pages(runId: string, actorId: string): StoredPage[] {
    const rows = this.db
      .prepare('SELECT id, pass, url, final_url, status, depth, path_json, title, error, links_json, score, ms, blocked_by, screenshot IS NOT NULL AS has_shot FROM pages WHERE run_id = ? AND actor_id = ? ORDER BY id')
      .all(runId, actorId) as (Omit<StoredPage, 'path' | 'links' | 'hasScreenshot'> & { path_json: string; links_json: string; has_shot: number })[];
    return rows.map(({ path_json, links_json, has_shot, ...rest }) => ({ ...rest, path: JSON.parse(path_json), links: JSON.parse(links_json), hasScreenshot: has_shot === 1 }));
  }

  snapshot(pageId: number): PageSnapshot | null {
    const row = this.db.prepare('SELECT snapshot_gz FROM pages WHERE id = ?').get(pageId) as { snapshot_gz: Buffer | null } | undefined;
    return row?.snapshot_gz ? (JSON.parse(gunzipSync(row.snapshot_gz).toString('utf8')) as PageSnapshot) : null;
  }

  screenshot(pageId: number): Buffer | null {
    const row = this.db.prepare('SELECT screenshot FROM pages WHERE id = ?').get(pageId) as { screenshot: Buffer | null } | undefined;
    return row?.screenshot ?? null;
  }

  /** Screenshots of one actor's pages, keyed by final URL (for the report). */
  screenshotsByUrl(runId: string, actorId: string): Map<string, Buffer> {
    const rows = this.db
      .prepare("SELECT final_url, screenshot FROM pages WHERE run_id = ? AND actor_id = ? AND screenshot IS NOT NULL AND pass = 'refuse' ORDER BY id")
      .all(runId, actorId) as { final_url: string; screenshot: Buffer }[];
    const out = new Map<string, Buffer>();
    for (const r of rows) if (!out.has(r.final_url)) out.set(r.final_url, r.screenshot);
    return out;
  }
}
