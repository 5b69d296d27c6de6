import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';

/** Routes, controllers and the CLI get the services object: it must not hand them the database. */
describe('the services handed to routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('holds no database handle, under any name', () => {
    expect(Object.keys(t.services)).not.toContain('db');
    const handles = Object.entries(t.services)
      .filter(([, value]) => typeof (value as { selectFrom?: unknown } | null)?.selectFrom === 'function')
      .map(([name]) => name);
    expect(handles).toEqual([]);
  });
});
