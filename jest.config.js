import { createDefaultEsmPreset } from 'ts-jest';

export default {
  ...createDefaultEsmPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // the VS Code extension has its own package.json and node_modules (jest-haste-map would see
  // a second package named reportlint there)
  modulePathIgnorePatterns: ['<rootDir>/editors/'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/editors/'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
