/** The e2e harness: real n8n + the packed node + the sandbox. See each module for details. */
export * from './paths';
export * from './proc';
export * from './n8n';
export * from './package';
export * from './sandbox';
export * from './rest';
export * from './runData';
export * from './workflows';
export * from './stack';
export * from './browser';
export * from './triggerEvents';
export * from './chatModelCredential';
