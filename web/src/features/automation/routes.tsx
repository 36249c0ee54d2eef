/** Route modules of the automation feature, loaded lazily by the routes in ./index.ts. */
export { NewRulePage } from './components/NewRulePage';
export { RuleListPage } from './components/RuleListPage';
export { RulePage } from './components/RulePage';
