import { configs as communityConfigs } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const nodeBaseRules = {
	...n8nNodesBase.configs.community.rules,
	...n8nNodesBase.configs.nodes.rules,
	...n8nNodesBase.configs.credentials.rules,
};

export default [
	{ ignores: ['dist/**', 'sandbox/dist/**', 'node_modules/**', 'coverage/**', '.cache/**', 'bench/out/**', 'gulpfile.js', 'jest.config.js', 'test/harness/global-setup.js'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
			'@typescript-eslint/no-explicit-any': 'error',
		},
	},
	// What n8n installs: its community rules (Cloud-import rules included) and the classic node rules.
	{
		...communityConfigs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...nodeBaseRules,
			// Our nodes share one folder per vendor, as n8n's own nodes/Google does.
			'n8n-nodes-base/node-filename-against-convention': 'off',
			// Main-repository rule: community credentials link their documentation by full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// Superseded by @n8n/community-nodes/node-connection-type-literal, which asks for NodeConnectionTypes.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
