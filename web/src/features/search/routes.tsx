/** Route modules of the search feature, loaded lazily by the routes in ./index.ts. */
export { IssueListPage } from './components/IssueListPage';
export { SearchPage } from './components/SearchPage';
