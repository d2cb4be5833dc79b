/** Moved to core/demo/vendors/github/handler.ts so the demo's github simulator can use it; the tests' fake re-exports it. */
export * from '../../../core/demo/vendors/github/handler.ts';
