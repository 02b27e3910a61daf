// Where to send someone after signing in: only a path on this site, never another host.

/** Only paths on this site, so a crafted `redirectTo` cannot send someone elsewhere after signing in. */
export function safeRedirectPath(value: string | null | undefined, fallback = '/account'): string {
  if (!value || !isSiteRelativePath(value)) return fallback;
  try {
    const base = 'http://care-assist.invalid';
    const target = new URL(value, base);
    if (target.origin !== base) return fallback;
    // Dot segments are resolved by the URL parser, so "/.//evil.example" becomes "//evil.example": a
    // protocol-relative address once it is sent back as a Location. Check the normalised path, not the input.
    if (!isSiteRelativePath(target.pathname)) return fallback;
    if (['/login', '/register', '/logout'].includes(target.pathname)) return fallback;
    return `${target.pathname}${target.search}${target.hash}`;
  } catch {
    return fallback;
  }
}

/** One leading slash and no second slash or backslash after it (browsers read "/\\host" as "//host"). */
function isSiteRelativePath(path: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^\/(?![/\\])/.test(path) && !/[\u0000-\u001f\u007f]/.test(path);
}
