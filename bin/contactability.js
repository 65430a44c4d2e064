#!/usr/bin/env node
// Entry point of `npx contactability`: runs the TypeScript sources through tsx (no build step,
// so a fresh clone works right after `npm ci`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../crawler/cli.ts');
process.exitCode = await main(process.argv.slice(2));
