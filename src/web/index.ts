/** The web application's public face: the module and what the app setup needs. */
export { WebModule } from './web.module';
export { WEB_PREFIX_EXCLUDES, WEB_PATHS } from './web-routes';
export { configureWeb } from './web-setup';
