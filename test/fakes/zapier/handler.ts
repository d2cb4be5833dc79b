/** Moved to core/demo/vendors/zapier/handler.ts so the demo's Zapier simulator can use it; the tests' fake re-exports it. */
export * from '../../../core/demo/vendors/zapier/handler.ts';
