import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs with no configuration at all: embedded database, demo data, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.demo).toBe(true);
    expect(config.dataDir).toMatch(/data$/);
    expect(config.mail.transport).toBe('outbox');
  });

  it('turns demo data off by default with an external database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/maca' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/maca', MACA_DEMO: 'true' }).demo).toBe(true);
  });

  it('lists every problem at once', () => {
    const found = problems({ PORT: 'abc', DATABASE_URL: 'mysql://x', MACA_DEMO: 'maybe', LOG_LEVEL: 'loud' });
    expect(found.length).toBe(4);
    expect(found.join('\n')).toMatch(/PORT/);
    expect(found.join('\n')).toMatch(/DATABASE_URL must start with postgres/);
    expect(found.join('\n')).toMatch(/MACA_DEMO must be true or false/);
    expect(found.join('\n')).toMatch(/LOG_LEVEL/);
  });

  it('requires secrets, the encryption key and the public address in production', () => {
    const found = problems({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/maca' });
    expect(found).toEqual(
      expect.arrayContaining([
        'SESSION_SECRET is required in production',
        'MACA_ENCRYPTION_KEY is required in production',
        'MACA_BASE_URL is required in production (links in e-mails)',
      ]),
    );
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db/maca',
      SESSION_SECRET: 'x'.repeat(40),
      MACA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      MACA_BASE_URL: 'https://maca.example.org/',
    });
    expect(config.production).toBe(true);
    expect(config.encryptionKey.length).toBe(32);
    expect(config.baseUrl).toBe('https://maca.example.org');
  });

  it('requires the settings of the chosen mail transport', () => {
    expect(problems({ MAIL_TRANSPORT: 'smtp' })).toEqual(['SMTP_URL is required when MAIL_TRANSPORT is smtp']);
    expect(problems({ MAIL_TRANSPORT: 'notify' })[0]).toMatch(/NOTIFY_API_KEY/);
  });

  it('refuses an encryption key that is not 32 bytes of base64', () => {
    expect(problems({ MACA_ENCRYPTION_KEY: 'too-short' })[0]).toMatch(/MACA_ENCRYPTION_KEY must be 32 bytes/);
  });
});
