/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, types: ['node', 'jest'] } }],
	},
	testPathIgnorePatterns: ['/node_modules/', '/dist/', '/\\.tools/', '/test/e2e/'],
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 30000,
};
