import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { configSchema, settingDocs } from '../../src/config/schema.js';

describe('configuration', () => {
  it('documents every setting in the README table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(settingDocs.map((s) => s.key).sort()).toEqual(Object.keys(configSchema.shape).sort());
    for (const setting of settingDocs) expect(readme, setting.env).toMatch(new RegExp(`\\|\\s*\`${setting.env}\`\\s*\\|`));
  });

  it('applies defaults and environment values', () => {
    const config = loadConfig({ BROADSHEET_PORT: '8080', BROADSHEET_PAGE_CACHE: 'off' });
    expect(config).toMatchObject({ port: 8080, pageCache: false, databaseUrl: 'sqlite:./data/broadsheet.db', host: '0.0.0.0' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the setting at fault', () => {
    expect(() => loadConfig({ BROADSHEET_DATABASE_URL: 'mysql://x' })).toThrow(/BROADSHEET_DATABASE_URL: must start with sqlite: or postgres:\/\//);
    expect(() => loadConfig({ BROADSHEET_PORT: 'eighty' })).toThrow(/BROADSHEET_PORT/);
    expect(() => loadConfig({ BROADSHEET_CONFIG: '/nonexistent/broadsheet.json' })).toThrow(/Cannot read config file \/nonexistent\/broadsheet.json/);
  });
});
