// SvelteKit configuration for the Care Assist web front end (server-rendered, adapter-node).
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Stylesheets up to 16 KB go into the page's <head> (with a CSP nonce): on a phone, eight small render-blocking
    // requests before the first paint cost more than the bytes (Lighthouse render-blocking; pages are compressed).
    inlineStyleThreshold: 16_384,
    // Root-relative links ("/services/...") rather than page-relative ones ("../services/...").
    paths: { relative: false },
    // Cross-site form posts are refused by our own copy of SvelteKit's check (src/lib/server/cross-site-forms.ts),
    // which lets a mail client's one-click unsubscribe through; SvelteKit's own check cannot make that exception.
    csrf: { trustedOrigins: ['*'] },
    // Nonces for server-rendered pages, hashes for prerendered ones. Everything is served from our own origin
    // (no CDNs, fonts or third-party scripts) except map tile images.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        // Map tiles on the search results page come from OpenStreetMap's tile server: images only.
        'img-src': ['self', 'data:', 'https://tile.openstreetmap.org'],
        // The only inline style allowed is the one on SvelteKit's own route announcer (a visually hidden live
        // region it adds after hydration); app.css hides it too, in case its style ever changes.
        'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
