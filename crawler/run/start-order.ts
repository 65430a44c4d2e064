/**
 * The order a scan starts its actors in. A run ends when its last actor does: one long actor
 * (a large site, a slow server) started last keeps the machine waiting on it alone. So the actors
 * start longest first, by their time in the latest scan recorded in the same database
 * (longest-processing-time-first scheduling); a nightly scan of a panel always has that history.
 * Actors never timed (a first scan, an actor new to the panel) come first, in panel order: nothing
 * says they are short. With no history at all, the panel order is kept.
 */
export function longestFirst<T extends { id: string }>(actors: T[], lastSeconds: Map<string, number>): T[] {
  const known = (a: T) => lastSeconds.get(a.id) ?? Number.POSITIVE_INFINITY;
  return actors
    .map((a, i) => ({ a, i }))
    .sort((x, y) => known(y.a) - known(x.a) || x.i - y.i)
    .map(({ a }) => a);
}
