import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { publishProblems } from '../../scripts/publish-guard';
import { nextVersion, releaseChangelog, setPackageVersion } from '../../scripts/release-lib';

const root = join(__dirname, '..', '..');
const REPO = 'https://github.com/n8n-nodes-movilitas/n8n-nodes-movilitas';

const SAMPLE = `# Changelog

Intro text.

## [Unreleased]

### Added

- Dry Run option.

### Fixed

- A bug.

## [0.1.0] - 2026-11-25

### Added

- First version.

[Unreleased]: ${REPO}/compare/v0.1.0...HEAD
[0.1.0]: ${REPO}/releases/tag/v0.1.0
`;

describe('nextVersion', () => {
	it.each([
		['patch', '0.1.10'],
		['minor', '0.2.0'],
		['major', '1.0.0'],
		['0.1.10', '0.1.10'],
		['0.10.0', '0.10.0'],
		['2.0.0', '2.0.0'],
	])('from 0.1.9 with %s gives %s', (spec, expected) => {
		expect(nextVersion('0.1.9', spec)).toBe(expected);
	});

	it.each(['0.1.9', '0.1.8', '0.0.99'])('refuses %s, which is not greater than 0.1.9', (spec) => {
		expect(() => nextVersion('0.1.9', spec)).toThrow(
			`${spec} is not greater than the current 0.1.9`,
		);
	});

	it.each([undefined, '', 'next', '1.2', '1.2.3-rc.1', 'v1.2.3'])('refuses %p', (spec) => {
		expect(() => nextVersion('0.1.9', spec)).toThrow('Give patch, minor, major or a version x.y.z');
	});

	it('refuses to bump a version that is not x.y.z', () => {
		expect(() => nextVersion('1.0.0-beta.1', 'patch')).toThrow('not x.y.z');
	});
});

describe('releaseChangelog', () => {
	it('moves Unreleased into a dated section and updates the comparison links', () => {
		expect(releaseChangelog(SAMPLE, '0.2.0', '2026-12-01')).toBe(`# Changelog

Intro text.

## [Unreleased]

## [0.2.0] - 2026-12-01

### Added

- Dry Run option.

### Fixed

- A bug.

## [0.1.0] - 2026-11-25

### Added

- First version.

[Unreleased]: ${REPO}/compare/v0.2.0...HEAD
[0.2.0]: ${REPO}/compare/v0.1.0...v0.2.0
[0.1.0]: ${REPO}/releases/tag/v0.1.0
`);
	});

	it('releases twice in a row, each time with the previous tag as the base', () => {
		const first = releaseChangelog(SAMPLE, '0.2.0', '2026-12-01');
		const withMore = first.replace('## [Unreleased]\n', '## [Unreleased]\n\n- Another change.\n');
		const second = releaseChangelog(withMore, '0.2.1', '2026-12-02');
		expect(second).toContain('## [Unreleased]\n\n## [0.2.1] - 2026-12-02\n\n- Another change.\n\n');
		expect(second).toContain(`[Unreleased]: ${REPO}/compare/v0.2.1...HEAD\n`);
		expect(second).toContain(`[0.2.1]: ${REPO}/compare/v0.2.0...v0.2.1\n`);
		expect(second).toContain(`[0.2.0]: ${REPO}/compare/v0.1.0...v0.2.0\n`);
	});

	it('refuses an empty Unreleased section, so a release always says what changed', () => {
		const released = releaseChangelog(SAMPLE, '0.2.0', '2026-12-01');
		expect(() => releaseChangelog(released, '0.2.1', '2026-12-02')).toThrow('nothing to release');
		const headingsOnly = SAMPLE.replace(/- Dry Run option\.\n|- A bug\.\n/g, '');
		expect(() => releaseChangelog(headingsOnly, '0.2.0', '2026-12-01')).toThrow('lists no change');
	});

	it('refuses a version that already has a section, a bad date, and a file of another shape', () => {
		expect(() => releaseChangelog(SAMPLE, '0.1.0', '2026-12-01')).toThrow('already has a section');
		expect(() => releaseChangelog(SAMPLE, '0.2.0', '1 Dec 2026')).toThrow('not a date');
		expect(() =>
			releaseChangelog(SAMPLE.replace('## [Unreleased]', '## Next'), '0.2.0', '2026-12-01'),
		).toThrow('no "## [Unreleased]" section');
		const noLink = SAMPLE.replace(/^\[Unreleased\]:.*\n/m, '');
		expect(() => releaseChangelog(noLink, '0.2.0', '2026-12-01')).toThrow('no link "[Unreleased]');
	});

	it("releases the project's own CHANGELOG.md, keeping every earlier section", () => {
		const text = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
		const unreleased = text.slice(text.indexOf('## [Unreleased]'), text.indexOf('## [0.1.0]'));
		const released = releaseChangelog(text, '0.2.0', '2027-01-15');
		expect(released).toContain('## [Unreleased]\n\n## [0.2.0] - 2027-01-15\n\n### Added\n');
		expect(released).toContain(unreleased.replace('## [Unreleased]', '').trim());
		expect(released).toContain(
			text.slice(text.indexOf('## [0.1.0]'), text.indexOf('[Unreleased]: ')),
		);
		expect(released).toMatch(
			/\[Unreleased\]: \S+\/compare\/v0\.2\.0\.\.\.HEAD\n\[0\.2\.0\]: \S+\/compare\/v0\.1\.0\.\.\.v0\.2\.0\n/,
		);
	});
});

describe('setPackageVersion', () => {
	it('sets the version of package.json and leaves the rest as it was', () => {
		const text = readFileSync(join(root, 'package.json'), 'utf8');
		const updated = setPackageVersion(text, '9.8.7');
		expect(JSON.parse(updated)).toEqual({ ...JSON.parse(text), version: '9.8.7' });
		expect(updated.replace('"version": "9.8.7"', `"version": "${JSON.parse(text).version}"`)).toBe(
			text,
		);
	});

	it('sets both versions in package-lock.json', () => {
		const lock = JSON.stringify(
			{
				name: 'x',
				version: '0.1.0',
				packages: { '': { version: '0.1.0' }, 'node_modules/y': { version: '0.1.0' } },
			},
			null,
			2,
		);
		const updated = JSON.parse(setPackageVersion(lock, '0.2.0'));
		expect(updated.version).toBe('0.2.0');
		expect(updated.packages[''].version).toBe('0.2.0');
		expect(updated.packages['node_modules/y'].version).toBe('0.1.0');
	});
});

describe('publishProblems (prepublishOnly)', () => {
	const fromWorkflow = {
		GITHUB_ACTIONS: 'true',
		GITHUB_WORKFLOW_REF:
			'n8n-nodes-movilitas/n8n-nodes-movilitas/.github/workflows/publish.yml@refs/tags/v0.2.0',
		GITHUB_REF: 'refs/tags/v0.2.0',
		npm_config_provenance: 'true',
	};

	it('lets the publish workflow publish the tagged version with provenance', () => {
		expect(publishProblems(fromWorkflow, '0.2.0')).toEqual([]);
	});

	it('refuses a publish from a developer machine, naming every reason', () => {
		expect(publishProblems({}, '0.2.0')).toEqual([
			'not running in GitHub Actions (GITHUB_ACTIONS is not "true")',
			'not running in .github/workflows/publish.yml (GITHUB_WORKFLOW_REF is "")',
			'not running for the tag v0.2.0 of package.json\'s version (GITHUB_REF is "", expected "refs/tags/v0.2.0")',
			'npm publish was not given --provenance',
		]);
	});

	it('refuses another workflow, another tag or a publish without provenance', () => {
		const ci = {
			...fromWorkflow,
			GITHUB_WORKFLOW_REF: 'o/r/.github/workflows/ci.yml@refs/heads/main',
		};
		expect(publishProblems(ci, '0.2.0')).toEqual([
			expect.stringContaining('not running in .github/workflows/publish.yml'),
		]);
		expect(publishProblems(fromWorkflow, '0.2.1')).toEqual([
			expect.stringContaining('not running for the tag v0.2.1'),
		]);
		const plain = { ...fromWorkflow, npm_config_provenance: '' };
		expect(publishProblems(plain, '0.2.0')).toEqual(['npm publish was not given --provenance']);
	});
});
