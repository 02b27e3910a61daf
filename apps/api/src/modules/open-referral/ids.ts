// Stable identifiers for the Open Referral objects we derive rather than store (a service's location, its cost
// options, our taxonomy terms...). HSDS needs a UUID for each; a name-based UUID (RFC 9562 version 5) of the
// owner's id and the object's role gives the same id on every request, so consumers can rely on it.
import { createHash } from 'node:crypto';

/** Our own namespace for version 5 UUIDs (itself a random UUID, fixed for ever). */
const CARE_ASSIST_NAMESPACE = '3f6c1b52-8e0d-4c47-9a6e-6d2f0b8a91c4';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

export function derivedId(...parts: string[]): string {
  const hash = createHash('sha1').update(uuidBytes(CARE_ASSIST_NAMESPACE)).update(parts.join('/')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
