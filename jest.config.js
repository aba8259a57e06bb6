import { createDefaultEsmPreset } from 'ts-jest';

export default {
  ...createDefaultEsmPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  // jest's default is one worker fewer than the cores: one worker on a 2-core machine
  maxWorkers: '100%',
  // no test here is timed (speed is measured in bench/); the timeout only stops a test that
  // hangs, and must not fail a slow test on a busy machine
  testTimeout: 60_000,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // the VS Code extension has its own package.json and node_modules (jest-haste-map would see
  // a second package named reportlint there)
  modulePathIgnorePatterns: ['<rootDir>/editors/'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/editors/'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
