/**
 * How the CLI stops on SIGINT / SIGTERM: the exit codes shells report (128 + the signal's number),
 * the deadline after which a stopped scan exits anyway, the error main() turns into one line and
 * that exit code, and the handlers that abort a scan or worker (a second signal forces the exit).
 */

/** Exit codes of a process stopped by a signal: 128 + the signal's number, as shells report them. */
export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };
/** A stopped scan that has not exited after this long (a wedged browser) exits anyway. */
export const STOP_DEADLINE_MS = 5_000;

/** The CLI stopped on a signal: main() prints `message` (one line) and returns `exitCode`. */
export class StoppedBySignal extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * SIGINT/SIGTERM abort the returned signal (a second one exits at once); remove() takes the
 * handlers off. `signalName()` tells which signal came.
 */
export function stopOnSignals(): { signal: AbortSignal; force: AbortSignal; signalName: () => 'SIGINT' | 'SIGTERM' | null; remove: () => void } {
  const ctl = new AbortController();
  const force = new AbortController();
  let name: 'SIGINT' | 'SIGTERM' | null = null;
  const on = (sig: 'SIGINT' | 'SIGTERM') => {
    if (name) {
      force.abort(sig);
      return;
    }
    name = sig;
    ctl.abort(sig);
  };
  const onInt = () => on('SIGINT');
  const onTerm = () => on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: ctl.signal,
    force: force.signal,
    signalName: () => name,
    remove: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
