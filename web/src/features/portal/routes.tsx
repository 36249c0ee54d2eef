/** Route modules of the portal (help center) feature, loaded lazily by the routes in ./index.ts. */
export { CreateRequestPage } from './components/CreateRequestPage';
export { MyRequestsPage } from './components/MyRequestsPage';
export { PortalHomePage } from './components/PortalHomePage';
export { PortalPage } from './components/PortalPage';
export { RequestPage } from './components/RequestPage';
