/** Moved to core/demo/vendors/make/handler.ts so the demo's make simulator can use it; the tests' fake re-exports it. */
export * from '../../../core/demo/vendors/make/handler.ts';
