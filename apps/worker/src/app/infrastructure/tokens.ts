/** Injection tokens of the worker's infrastructure providers. */
export const QUEUE_REDIS = Symbol('QUEUE_REDIS');
export const PUBLISH_REDIS = Symbol('PUBLISH_REDIS');
export const PVE_CLIENT = Symbol('PVE_CLIENT');
export const CATALOG = Symbol('CATALOG');
