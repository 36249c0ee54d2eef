/** Route modules of the queues feature, loaded lazily by the routes in ./index.ts. */
export { QueuePage } from './components/QueuePage';
export { QueuesPage } from './components/QueuesPage';
