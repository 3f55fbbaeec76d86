// Flat config: typescript-eslint's recommended rules plus the React hooks rules, which catch
// the stale-closure bugs that fast typing exposes in Ink apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'coverage/**']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			...reactHooks.configs.recommended.rules,
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
			'no-console': 'off',
		},
	},
	{
		// Text reaches the terminal through one boundary that escapes control characters.
		files: ['src/**/*.{ts,tsx}'],
		ignores: ['src/ui/components/SafeText.tsx'],
		rules: {
			'no-restricted-imports': ['error', {paths: [{name: 'ink', importNames: ['Text'], message: 'Use Text from src/ui/components/SafeText.tsx: it escapes control characters.'}]}],
		},
	},
);
