import type { CommentSettingsPatch } from '../../src/comments/index.js';
import type { Config } from '../../src/config/schema.js';

export type CommentsPatchForBench = CommentSettingsPatch;

/** Settings for booting against the bench database in this process (seeding and counting). */
export function testConfigFor(databaseUrl: string): Config {
  return {
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    baseUrl: 'http://bench.test',
    secret: 'bench-secret-bench-secret-bench',
    logLevel: 'warn',
    pageCache: false,
    redisUrl: undefined,
    allowPrivateFeeds: false,
    trustProxy: false,
  };
}
