/** Moved to core/demo/vendors/n8n/keys.ts so the demo's n8n simulator can use it; the tests' fake re-exports it. */
export * from '../../../core/demo/vendors/n8n/keys.ts';
