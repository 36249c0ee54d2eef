/** Route modules of the changes feature, loaded lazily by the routes in ./index.ts. */
export { ChangeCalendarPage } from './components/ChangeCalendarPage';
export { ChangeSettingsPage } from './components/ChangeSettingsPage';
export { DeploymentsPage } from './components/DeploymentsPage';
