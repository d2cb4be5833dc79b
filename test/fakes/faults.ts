/** Transport faults live with the demo's vendor simulators (core/demo/vendors); the tests' fakes reuse them. */
export * from '../../core/demo/vendors/faults.ts';
