#!/usr/bin/env node
// npm run release -- <patch|minor|major|x.y.z>
// Bumps the version in package.json and package-lock.json, moves the Unreleased section of
// CHANGELOG.md into a section for that version dated today (UTC), commits the three files and
// tags the commit vX.Y.Z. It pushes nothing: pushing the tag is what publishes (the publish
// workflow runs on it), so that stays a deliberate step. Everything is checked before any file
// is written, so a refused release leaves the work tree as it was.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { nextVersion, releaseChangelog, setPackageVersion } = require('./release-lib');

const root = path.resolve(__dirname, '..');
const FILES = ['package.json', 'package-lock.json', 'CHANGELOG.md'];

function git(...args) {
	return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

function read(file) {
	return fs.readFileSync(path.join(root, file), 'utf8');
}

function main() {
	const spec = process.argv[2];
	if (!spec || process.argv.length > 3) {
		throw new Error('Usage: npm run release -- <patch|minor|major|x.y.z>');
	}
	const dirty = git('status', '--porcelain');
	if (dirty !== '') throw new Error(`Commit or stash your changes first:\n${dirty}`);

	const current = JSON.parse(read('package.json')).version;
	const version = nextVersion(current, spec);
	const tag = `v${version}`;
	if (git('tag', '--list', tag) !== '') throw new Error(`The tag ${tag} exists already`);
	const date = new Date().toISOString().slice(0, 10);
	const changelog = releaseChangelog(read('CHANGELOG.md'), version, date);
	const packageJson = setPackageVersion(read('package.json'), version);
	const lock = setPackageVersion(read('package-lock.json'), version);

	fs.writeFileSync(path.join(root, 'package.json'), packageJson);
	fs.writeFileSync(path.join(root, 'package-lock.json'), lock);
	fs.writeFileSync(path.join(root, 'CHANGELOG.md'), changelog);
	git('add', '--', ...FILES);
	git('commit', '--quiet', '-m', `Release ${tag}`);
	git('tag', '-a', tag, '-m', `n8n-nodes-movilitas ${version}`);
	console.log(`Released ${current} → ${version}: committed and tagged ${tag} (${date}).`);
	console.log(`Publish it by pushing the commit and the tag: git push origin HEAD ${tag}`);
}

try {
	main();
} catch (error) {
	console.error(`release: ${error.message}`);
	process.exitCode = 1;
}
