import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { actionlintProblems, policyProblems } from '../../scripts/check-workflows';

const dir = join(__dirname, '..', '..', '.github', 'workflows');
const ci = readFileSync(join(dir, 'ci.yml'), 'utf8');
const publish = readFileSync(join(dir, 'publish.yml'), 'utf8');

function replaced(text: string, from: string | RegExp, to: string): string {
	const result = text.replace(from, to);
	if (result === text) throw new Error(`the workflow no longer contains ${String(from)}`);
	return result;
}

describe('check:workflows', () => {
	it("passes the project's two workflows", async () => {
		expect(policyProblems({ ci, publish })).toEqual([]);
		expect(await actionlintProblems(ci, 'ci.yml')).toEqual([]);
		expect(await actionlintProblems(publish, 'publish.yml')).toEqual([]);
	});

	it('lets actionlint catch a wrong permission level, an unknown key and a bad expression', async () => {
		const broken = replaced(
			replaced(publish, 'id-token: write', 'id-token: writ'),
			'runs-on: ubuntu-latest',
			'runs-on: ubuntu-latest\n    timeout: 5\n    if: ${{ github.nope.nope }}',
		);
		const problems = await actionlintProblems(broken, 'publish.yml');
		expect(problems.join('\n')).toMatch(/"writ" is invalid for permission of scope "id-token"/);
		expect(problems.join('\n')).toMatch(/unexpected key "timeout"/);
		expect(problems.join('\n')).toMatch(/property "nope" is not defined/);
	});

	it.each([
		['without --provenance', 'npm publish --provenance', 'npm publish', 'lacks --provenance'],
		[
			'with scripts ignored',
			'public --ignore-scripts=false',
			'public',
			'lacks --ignore-scripts=false',
		],
		[
			'without public access',
			'--provenance --access public',
			'--provenance',
			'lacks --access public',
		],
		[
			'without id-token: write',
			'id-token: write',
			'id-token: none',
			'lacks permissions id-token: write',
		],
		[
			'with write access to contents',
			'contents: read',
			'contents: write',
			'must have permissions contents: read',
		],
		['on any tag', "tags: ['v*']", "tags: ['*']", 'must run on version tags v* only'],
		[
			'also on a branch push',
			"tags: ['v*']",
			"tags: ['v*']\n    branches: [main]",
			'must not run on pushes to branches',
		],
		[
			'also by hand',
			"tags: ['v*']",
			"tags: ['v*']\n  workflow_dispatch:",
			'must run only on push of a tag',
		],
		[
			'without building',
			'run: npm run build',
			'run: echo no build',
			'does not build before publishing',
		],
	])('refuses a publish workflow %s', (_name, from, to, problem) => {
		expect(policyProblems({ ci, publish: replaced(publish, from, to) })).toEqual([
			expect.stringContaining(problem),
		]);
	});

	it.each([
		['without Node.js 22', '[20, 22, 24]', '[20, 24]', 'does not run on Node.js 22'],
		['without the scan', 'run: npm run scan', 'run: echo skipped', 'does not run "npm run scan"'],
		['without the tests', 'run: npm test', 'run: echo skipped', 'does not run "npm test"'],
		[
			'with one fixed Node.js',
			'${{ matrix.node-version }}\n          cache',
			'20\n          cache',
			'does not set up the matrix',
		],
		['without pull requests', '  pull_request:\n', '', 'does not run on pull_request'],
	])('refuses a CI workflow %s', (_name, from, to, problem) => {
		expect(policyProblems({ ci: replaced(ci, from, to), publish })).toEqual([
			expect.stringContaining(problem),
		]);
	});

	it('refuses a CI workflow that builds before it lints', () => {
		const swapped = replaced(
			replaced(ci, 'run: npm run lint', 'run: LINT'),
			'run: npm run build',
			'run: npm run lint',
		).replace('run: LINT', 'run: npm run build');
		expect(policyProblems({ ci: swapped, publish })).toEqual([
			expect.stringContaining('runs "npm run scan" out of order'),
			expect.stringContaining('runs "npm run build" out of order'),
		]);
	});
});
