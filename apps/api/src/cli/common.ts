// Pieces every operator CLI shares: the configuration and database the API would use, and a progress bar.
import { SingleBar, Presets } from 'cli-progress';
import { openDatabase, type OpenedDatabase } from '@care-assist/db';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { CliError } from './args.ts';

/** The API's configuration from the environment; a bad value is a one-line CliError. */
export function configFromEnv(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/** DATABASE_URL's server, or the embedded one under DATA_DIR (joined if `npm start` runs it, else started). */
export async function openConfiguredDatabase(config: Config = configFromEnv()): Promise<OpenedDatabase> {
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgPort: config.pgPort });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

export interface Progress {
  update(done: number, total: number, payload?: Record<string, unknown>): void;
  stop(): void;
}

/** A progress bar on stderr (when it is a terminal: logs and pipes get the final report only). */
export function progressBar(format: string): Progress {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({ format, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total, payload = {}) {
      if (!started) {
        bar.start(total, done, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
