import type { Config } from '../../src/config/schema.js';

/** Settings for an app under test: silent logs, a fixed public address, cache on. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    databaseUrl: 'sqlite::memory:',
    port: 0,
    host: '127.0.0.1',
    baseUrl: 'http://news.test',
    secret: 'test-secret-test-secret-test-secret',
    logLevel: 'silent',
    pageCache: true,
    redisUrl: undefined,
    allowPrivateFeeds: false,
    trustProxy: false,
    ...overrides,
  };
}
