#!/usr/bin/env node
// Entry point: registers the TypeScript loader (pipeline files are .ts, with no build step), then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
