#!/usr/bin/env node
// The package's executable. It lets Node run the TypeScript sources directly (via tsx), so
// `npx studybot …` and `npm start` work in a fresh checkout right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
