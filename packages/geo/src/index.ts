export * from './locate.ts';
export { sectorCentroids, districtCentroids, type Centroid } from './centroids.ts';
