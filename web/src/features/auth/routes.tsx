/** Route modules of the auth feature, loaded lazily by the routes in ./index.ts. */
export { LoginPage } from './components/LoginPage';
