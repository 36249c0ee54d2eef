/** Route modules of the portal (help center) feature, loaded lazily by the routes in ./index.ts. */
export { MyRequestsPage } from './components/MyRequestsPage';
export { PortalHomePage } from './components/PortalHomePage';
export { CreateRequestPage, PortalPage } from './components/PortalPage';
export { RequestPage } from './components/RequestPage';
