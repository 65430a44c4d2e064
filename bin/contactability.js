#!/usr/bin/env node
// Entry point of `npx contactability`: runs the TypeScript sources through tsx (no build step,
// so a fresh clone works right after `npm ci`).
import { register } from 'tsx/esm/api';

register();
// tsx turns source maps on. Playwright captures a stack trace on every browser call, and mapping
// each frame through the source maps cost about a tenth of the crawler's Node CPU (profiled on a
// scan). Stacks keep TypeScript line numbers only when debugging (CONTACTABILITY_LOG_LEVEL=debug).
if (process.env.CONTACTABILITY_LOG_LEVEL !== 'debug') process.setSourceMapsEnabled(false);
const { main } = await import('../crawler/cli.ts');
process.exitCode = await main(process.argv.slice(2));
