// The pure parts of `npm run release`: the next version and the changelog rewrite. Kept free of
// I/O so that test/release/release.test.ts can check them; scripts/release.js does the git work.
'use strict';

const PLAIN_VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

function parseVersion(text) {
	const match = PLAIN_VERSION.exec(text);
	return match ? match.slice(1).map(Number) : undefined;
}

/**
 * The version after `current` for `spec`: 'patch', 'minor', 'major' or an explicit x.y.z that
 * must be greater than `current`. Pre-release versions are not handled: the publish workflow
 * publishes with the default `latest` tag, which npm refuses for a pre-release.
 */
function nextVersion(current, spec) {
	const now = parseVersion(current);
	if (!now) throw new Error(`package.json has version "${current}", not x.y.z`);
	const [major, minor, patch] = now;
	if (spec === 'patch') return `${major}.${minor}.${patch + 1}`;
	if (spec === 'minor') return `${major}.${minor + 1}.0`;
	if (spec === 'major') return `${major + 1}.0.0`;
	const wanted = parseVersion(String(spec ?? ''));
	if (!wanted) {
		throw new Error(`Give patch, minor, major or a version x.y.z (got "${spec ?? ''}")`);
	}
	const first = wanted.findIndex((part, i) => part !== now[i]);
	if (first < 0 || wanted[first] < now[first]) {
		throw new Error(`Version ${spec} is not greater than the current ${current}`);
	}
	return wanted.join('.');
}

const UNRELEASED_HEADING = /^## \[Unreleased\][^\n]*\n/m;
const VERSION_HEADING = /^## \[/m;
const UNRELEASED_LINK =
	/^\[Unreleased\]:\s*(\S+)\/compare\/(v[^.\s]+\.[^.\s]+\.[^.\s]+)\.\.\.HEAD\s*$/m;

/**
 * Moves the Unreleased section of a Keep a Changelog file into a section `## [version] - date`,
 * leaves an empty Unreleased section above it, and updates the comparison links at the bottom:
 * Unreleased compares the new tag with HEAD, and the new version compares the previous tag with
 * the new one. Throws, changing nothing, when there is nothing to release or the file is not
 * in the expected shape.
 */
function releaseChangelog(text, version, date) {
	if (!parseVersion(version)) throw new Error(`"${version}" is not a version x.y.z`);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`"${date}" is not a date YYYY-MM-DD`);
	const heading = UNRELEASED_HEADING.exec(text);
	if (!heading) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
	if (text.includes(`## [${version}]`)) {
		throw new Error(`CHANGELOG.md already has a section for ${version}`);
	}
	const start = heading.index + heading[0].length;
	const rest = text.slice(start);
	const next = VERSION_HEADING.exec(rest);
	const linksAt = rest.search(/^\[[^\]]+\]:/m);
	const end = next ? next.index : linksAt >= 0 ? linksAt : rest.length;
	const body = rest.slice(0, end).trim();
	if (!/^\s*[-*] /m.test(body)) {
		throw new Error('The Unreleased section of CHANGELOG.md lists no change: nothing to release');
	}
	const link = UNRELEASED_LINK.exec(text);
	if (!link) {
		throw new Error(
			'CHANGELOG.md has no link "[Unreleased]: <repository>/compare/vX.Y.Z...HEAD" at the bottom',
		);
	}
	const [linkLine, repository, previousTag] = link;
	const released =
		text.slice(0, start) +
		`\n## [${version}] - ${date}\n\n${body}\n\n` +
		rest.slice(end).replace(/^\n+/, '');
	return released.replace(
		linkLine,
		`[Unreleased]: ${repository}/compare/v${version}...HEAD\n` +
			`[${version}]: ${repository}/compare/${previousTag}...v${version}`,
	);
}

/** Sets the version of package.json or package-lock.json text, as npm writes them. */
function setPackageVersion(jsonText, version) {
	const data = JSON.parse(jsonText);
	data.version = version;
	if (data.packages && data.packages['']) data.packages[''].version = version;
	return `${JSON.stringify(data, null, 2)}\n`;
}

module.exports = { nextVersion, releaseChangelog, setPackageVersion };
