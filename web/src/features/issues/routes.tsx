/** Route modules of the issues feature, loaded lazily by the routes in ./index.ts. */
export { BrowseRedirect } from './components/BrowseRedirect';
export { IssuePage } from './components/IssuePage';
