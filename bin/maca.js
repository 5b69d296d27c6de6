#!/usr/bin/env node
// The `maca` command: TypeScript sources run through tsx, with the service's own configuration.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
