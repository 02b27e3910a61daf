// Every page, endpoint and form action of the web app has a declared access policy (test/support/page-policy.ts):
// a new page or action without one fails here, before any browser runs. The e2e suite checks the policy holds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_POLICY } from './page-policy.ts';

const ROUTES = path.resolve(import.meta.dirname, '../../apps/web/src/routes');

interface FoundRoute {
  id: string;
  endpoint: boolean;
  actions: string[];
}

/** The action names of a +page.server.ts: the keys of `export const actions = { ... }`. */
function actionsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const start = source.indexOf('export const actions');
  if (start < 0) return [];
  const body = source.slice(start);
  return [...body.matchAll(/^ {2}([A-Za-z_$][\w$]*)\s*:\s*async\b/gm)].map((m) => m[1]!);
}

function findRoutes(dir = ROUTES): FoundRoute[] {
  const found: FoundRoute[] = [];
  const entries = readdirSync(dir);
  const id = '/' + path.relative(ROUTES, dir).split(path.sep).filter(Boolean).join('/');
  if (entries.includes('+page.svelte') || entries.includes('+page.server.ts') || entries.includes('+page.ts')) {
    const server = path.join(dir, '+page.server.ts');
    found.push({ id, endpoint: false, actions: entries.includes('+page.server.ts') ? actionsOf(server) : [] });
  }
  if (entries.includes('+server.ts')) found.push({ id, endpoint: true, actions: [] });
  for (const entry of entries) {
    const child = path.join(dir, entry);
    if (statSync(child).isDirectory()) found.push(...findRoutes(child));
  }
  return found;
}

describe('the web app’s page policy', () => {
  const routes = findRoutes();

  it('finds the pages (the enumeration works)', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.find((r) => r.id === '/moderation')?.actions).toEqual(expect.arrayContaining(['review', 'group']));
  });

  it('declares every page and endpoint, and nothing that is gone', () => {
    const declared = Object.keys(PAGE_POLICY).sort();
    const actual = [...new Set(routes.map((r) => r.id))].sort();
    expect(
      actual.filter((id) => !PAGE_POLICY[id]),
      'pages without a declared policy',
    ).toEqual([]);
    expect(
      declared.filter((id) => !actual.includes(id)),
      'policies for pages that no longer exist',
    ).toEqual([]);
    for (const route of routes) expect(!!PAGE_POLICY[route.id]!.endpoint, route.id).toBe(route.endpoint);
  });

  it('declares every form action', () => {
    for (const route of routes.filter((r) => !r.endpoint)) {
      expect([...(PAGE_POLICY[route.id]!.actions ?? [])].sort(), `actions of ${route.id}`).toEqual(
        [...route.actions].sort(),
      );
    }
  });
});
