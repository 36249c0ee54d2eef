/** Route modules of the reports feature, loaded lazily by the routes in ./index.ts. */
export { ChangesByTypePage } from './components/ChangesByTypePage';
export { ReportsPage } from './components/ReportsPage';
