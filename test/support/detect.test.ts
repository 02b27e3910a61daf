import { describe, expect, it } from 'vitest';
import { chooseBrowser, chooseDatabase, chooseMeilisearch, SYSTEM_CHROMIUM_PATHS } from './detect.ts';

describe('chooseDatabase', () => {
  const answers = (...urls: string[]) => {
    const probed: string[] = [];
    const probe = async (url: string) => {
      probed.push(url);
      return urls.includes(url);
    };
    return { probe, probed };
  };

  it('uses TEST_DATABASE_URL first, without probing', async () => {
    const { probe, probed } = answers('postgres://postgres@127.0.0.1:5432/postgres');
    const choice = await chooseDatabase(
      { TEST_DATABASE_URL: 'postgres://u:p@db:6543/admin', TEST_DB: 'embedded' },
      probe,
    );
    expect(choice).toEqual({ source: 'TEST_DATABASE_URL', adminUrl: 'postgres://u:p@db:6543/admin' });
    expect(probed).toEqual([]);
  });

  it('uses the server on 127.0.0.1:5432 when it answers', async () => {
    const { probe } = answers('postgres://postgres@127.0.0.1:5432/postgres');
    expect(await chooseDatabase({}, probe)).toEqual({
      source: 'local server',
      adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
  });

  it('starts an embedded server when nothing answers', async () => {
    const { probe, probed } = answers();
    expect(await chooseDatabase({}, probe)).toEqual({ source: 'embedded' });
    expect(probed).toEqual(['postgres://postgres@127.0.0.1:5432/postgres']);
  });

  it('probes TEST_DB_PROBE instead of 5432 (how a newcomer machine is simulated)', async () => {
    const { probe, probed } = answers('postgres://postgres@127.0.0.1:5432/postgres');
    expect(await chooseDatabase({ TEST_DB_PROBE: '127.0.0.1:1' }, probe)).toEqual({ source: 'embedded' });
    expect(probed).toEqual(['postgres://postgres@127.0.0.1:1/postgres']);
  });

  it('TEST_DB=embedded skips a server that answers', async () => {
    const { probe, probed } = answers('postgres://postgres@127.0.0.1:5432/postgres');
    expect(await chooseDatabase({ TEST_DB: 'embedded' }, probe)).toEqual({ source: 'embedded' });
    expect(probed).toEqual([]);
  });
});

describe('chooseMeilisearch', () => {
  it('uses MEILI_URL with its key, else the bundled binary', () => {
    expect(chooseMeilisearch({ MEILI_URL: 'http://m:7700', MEILI_MASTER_KEY: 'k' })).toEqual({
      source: 'MEILI_URL',
      url: 'http://m:7700',
      apiKey: 'k',
    });
    expect(chooseMeilisearch({})).toEqual({ source: 'bundled' });
  });
});

describe('chooseBrowser', () => {
  const only =
    (...files: string[]) =>
    (file: string) =>
      files.includes(file);

  it('uses CHROMIUM_PATH first', () => {
    expect(
      chooseBrowser({ CHROMIUM_PATH: '/opt/chrome', TEST_BROWSER: 'packaged' }, only('/usr/bin/chromium')),
    ).toEqual({ source: 'CHROMIUM_PATH', executablePath: '/opt/chrome' });
  });

  it('then the first system Chromium found', () => {
    expect(chooseBrowser({}, only('/usr/bin/google-chrome', '/usr/bin/chromium-browser'))).toEqual({
      source: 'system',
      executablePath: '/usr/bin/chromium-browser',
    });
    expect(SYSTEM_CHROMIUM_PATHS[0]).toBe('/usr/bin/chromium');
  });

  it('then the packaged Chromium, also when TEST_BROWSER=packaged ignores the system one', () => {
    expect(chooseBrowser({}, only())).toEqual({ source: 'packaged' });
    expect(chooseBrowser({ TEST_BROWSER: 'packaged' }, only('/usr/bin/chromium'))).toEqual({ source: 'packaged' });
  });
});
