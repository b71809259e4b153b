import { ConfigError, validateEnvironment } from './env.schema';
import { parseOffsetList, parseRedisUrl } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/wspolnie',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  JWT_SECRET: 'x'.repeat(32),
};

describe('environment validation', () => {
  it('accepts a minimal valid environment and applies defaults', () => {
    const env = validateEnvironment({ ...valid, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.REDIS_PREFIX).toBe('wspolnie');
    expect(env.DOCUMENT_STORAGE).toBe('postgres');
  });

  it('treats an empty optional SMTP_URL as unset but refuses a malformed one', () => {
    expect(validateEnvironment({ ...valid, SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(() => validateEnvironment({ ...valid, SMTP_URL: 'mail.example' })).toThrow(/SMTP_URL/);
  });

  it('lists every problem at once', () => {
    try {
      validateEnvironment({ PORT: 'eighty', JWT_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/DATABASE_URL is missing/);
      expect(problems).toMatch(/REDIS_URL is missing/);
      expect(problems).toMatch(/JWT_SECRET must be at least 32/);
      expect(problems).toMatch(/PORT/);
    }
  });

  it('refuses the development secret in production', () => {
    expect(() =>
      validateEnvironment({
        ...valid,
        NODE_ENV: 'production',
        JWT_SECRET: 'dev-only-' + 'x'.repeat(30),
      }),
    ).toThrow(/development default in production/);
  });
});

describe('parseRedisUrl', () => {
  it('splits a URL into BullMQ connection options', () => {
    expect(parseRedisUrl('redis://:s%40cret@redis.example:6380/2')).toEqual({
      host: 'redis.example',
      port: 6380,
      db: 2,
      password: 's@cret',
    });
    expect(parseRedisUrl('redis://127.0.0.1')).toEqual({ host: '127.0.0.1', port: 6379, db: 0 });
  });
});

describe('reminder settings', () => {
  it('defaults to 09:00 and 7, 3, 1 and 0 days before, in minutes', () => {
    const env = validateEnvironment(valid);
    expect(env.REMINDER_HOUR).toBe(9);
    expect(parseOffsetList(env.REMINDER_OFFSETS)).toEqual([10080, 4320, 1440, 0]);
  });

  it('reads days, hours and minutes and drops repeats', () => {
    expect(parseOffsetList('1d, 2h,30m,0d,120m')).toEqual([1440, 120, 30, 0]);
  });

  it('refuses a malformed offset list or hour', () => {
    expect(() => validateEnvironment({ ...valid, REMINDER_OFFSETS: '7 days' })).toThrow(
      /REMINDER_OFFSETS/,
    );
    expect(() => validateEnvironment({ ...valid, REMINDER_HOUR: '24' })).toThrow(/REMINDER_HOUR/);
  });
});
