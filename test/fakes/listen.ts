/** The loopback listener lives with the demo's vendor simulators (core/demo/vendors); the tests' fakes reuse it. */
export * from '../../core/demo/vendors/listen.ts';
