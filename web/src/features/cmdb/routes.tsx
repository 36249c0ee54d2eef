/** Route modules of the CMDB (Assets) feature, loaded lazily by the routes in ./index.ts. */
export { ObjectPage } from './components/ObjectPage';
export { SchemaPage } from './components/SchemaPage';
export { SchemasPage } from './components/SchemasPage';
export { ServicesRedirect } from './components/ServicesRedirect';
