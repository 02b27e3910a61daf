export * from './locate.ts';
export * from './place-index.ts';
export { sectorCentroids, districtCentroids, type Centroid } from './centroids.ts';
