/**
 * Bad input: an unreadable or invalid panel, an unknown actor id, run or edition, a missing
 * fixtures directory, an unreachable queue. The CLI prints its one-line message (file, field,
 * problem) and exits 2; whatever raised it has written nothing.
 */
export class BadInputError extends Error {}
