// Lint on eslint 9 (flat config).
// - nodes/, credentials/ and package.json get what n8n's scanner (@n8n/scan-community-package)
//   and `n8n-node lint` run: @n8n/eslint-plugin-community-nodes (recommended) and the
//   community/credentials/nodes rule sets of eslint-plugin-n8n-nodes-base, with the same few
//   rules turned off as the scanner does. `npm run scan` is still the gate n8n applies (it also
//   scans the packed tarball and ignores inline eslint-disable comments); this is the fast,
//   everyday form of it.
// - test/ and scripts/ get plain TypeScript rules (typescript-eslint recommended).
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];

export default defineConfig(
	{
		ignores: ['dist/**', '.tools/**', 'coverage/**', '.e2e/**', 'docs/**', '**/node_modules/**'],
	},
	{ linterOptions: { reportUnusedDisableDirectives: 'error' } },
	{
		files: shipped,
		// Like the scanner, honour no inline eslint-disable comment in the shipped code.
		linterOptions: { noInlineConfig: true },
		languageOptions: { parser: tseslint.parser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: shipped },
	{ files: ['nodes/**/*.ts', 'credentials/**/*.ts'], rules: { 'no-console': 'error' } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The rule wants a camelCased docs slug, which only fits nodes in n8n's own repository;
			// a community credential links to a full URL instead (the scanner turns it off too).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// Superseded by @n8n/community-nodes/credential-password-field, as in the scanner.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two want the string 'main', which @n8n/community-nodes/node-connection-type-literal
			// forbids in favour of NodeConnectionTypes.Main; the scanner turns them off.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// Batch size, timeout and parallel requests have real upper limits (the scanner agrees).
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.{js,mjs,ts}'],
		// Only typescript-eslint's rules: eslint's no-undef (which would need globals) is not on.
		extends: [tseslint.configs.recommended],
		rules: {
			// `const { port: _ignored, ...rest } = patch` is how the tests drop a field.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
	{
		// CommonJS scripts load their siblings with require().
		files: ['scripts/**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
