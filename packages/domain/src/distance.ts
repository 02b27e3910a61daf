// Great-circle distance, used where the search engine does not give one (e.g. the Postgres fallback, tests).

const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function formatDistanceKm(km: number): string {
  const miles = km * 0.621371;
  return miles < 0.1 ? 'less than 0.1 miles' : `${miles.toFixed(1)} miles`;
}
