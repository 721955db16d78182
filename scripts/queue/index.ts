/** n8n queue mode (main + workers, PostgreSQL, Redis) for tests and manual runs. See SCALING.md. */
export * from './services';
export * from './cluster';
export * from './observe';
export * from './cpu';
