export { ConfigError } from './env.schema';
export { AppConfig } from './app-config';
export { loadConfig } from './load-config';
export { AppConfigModule } from './config.module';
