#!/usr/bin/env node
// `npm run dev`: the API under tsx watch (restarts on change) and the web app under Vite with hot reload.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { localEnv, root } from './local-env.mjs';

const env = localEnv();
const webOrigin = `http://localhost:${env.WEB_PORT}`;
const children = [
  spawn('npx', ['tsx', 'watch', 'apps/api/src/server.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, WEB_ORIGIN: webOrigin },
  }),
  spawn('npx', ['vite', 'dev', '--port', env.WEB_PORT, '--strictPort'], {
    cwd: path.join(root, 'apps/web'),
    stdio: 'inherit',
    env: { ...env, API_URL: `http://127.0.0.1:${env.API_PORT}`, ORIGIN: webOrigin },
  }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
