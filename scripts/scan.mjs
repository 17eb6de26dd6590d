#!/usr/bin/env node
// n8n's community-package scanner (@n8n/scan-community-package), run offline.
//
// The scanner's CLI needs the npm registry, a published version with a provenance statement and
// the GitHub source it attests; none of that exists before a release, and CI has no internet. So
// this script runs the part that decides the verdict, the same two legs as analyzePackageByName:
//   1. the source: package.json and nodes/, credentials/ (the scanner's SOURCE_FILE_PATTERNS);
//   2. the packed tarball (`npm pack` of the built package): its .js files and its package.json.
// Each leg uses the scanner's own flat config (buildScanConfig) and the same ESLint options as its
// analyzePackage (inline eslint-disable comments ignored). analyzePackage only fails on errors and
// prints its findings as text; we also want warnings (n8n reviews them) and a listing we can read,
// so we lint with the same config ourselves, print every finding, and fail on any error or
// warning. analyzePackage is run as well and its verdict must agree with ours.
//
// Usage: node scripts/scan.mjs [--no-pack]   (npm run scan builds first, then runs this)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
// The scanner pins its own eslint (9.29.0); resolve it from the scanner, not from this project.
const fromScanner = createRequire(scannerPath);
const { ESLint } = await import(pathToFileURL(fromScanner.resolve('eslint')).href);
// The scanner makes a temp folder when imported; ask tmp (its copy) to remove it on exit.
const tmp = await import(pathToFileURL(fromScanner.resolve('tmp')).href);
(tmp.default ?? tmp).setGracefulCleanup();
const scanner = await import(pathToFileURL(scannerPath).href);
const scannerVersion = JSON.parse(
	fs.readFileSync(path.join(path.dirname(scannerPath), '..', 'package.json'), 'utf8'),
).version;

/** Lints `dir` exactly as the scanner's analyzePackage does, returning every finding. */
async function scanLeg(name, dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const glob = (await import(pathToFileURL(fromScanner.resolve('fast-glob')).href)).default;
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	if (files.length === 0) throw new Error(`${name}: no files to scan in ${dir}`);
	const results = await eslint.lintFiles(files);
	const findings = [];
	for (const result of results) {
		for (const m of result.messages) {
			findings.push({
				leg: name,
				file: path.relative(dir, result.filePath),
				line: m.line ?? 0,
				column: m.column ?? 0,
				rule: m.ruleId ?? '(parse error)',
				severity: m.severity === 2 || m.fatal ? 'error' : 'warning',
				message: m.message,
			});
		}
	}
	const official = await scanner.analyzePackage(dir, patterns);
	const errors = findings.filter((f) => f.severity === 'error').length;
	if (official.passed !== (errors === 0)) {
		throw new Error(
			`${name}: the scanner's analyzePackage says passed=${official.passed} but this script ` +
				`found ${errors} error(s): ${official.message ?? ''}`,
		);
	}
	return { name, files: files.length, findings };
}

/** Packs the built package the way `npm publish` would and unpacks it into a temp folder. */
function packTarball() {
	if (!fs.existsSync(path.join(root, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` first (npm run scan does)');
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'movilitas-scan-'));
	// --ignore-scripts: prepublishOnly/prepack must not run here; dist/ is already built.
	const pack = spawnSync(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', work],
		{
			cwd: root,
			encoding: 'utf8',
		},
	);
	if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
	const [{ filename }] = JSON.parse(pack.stdout);
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(unpacked);
	const tar = spawnSync(
		'tar',
		['-xzf', path.join(work, path.basename(filename)), '-C', unpacked, '--strip-components=1'],
		{ encoding: 'utf8' },
	);
	if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
	return { work, unpacked, filename: path.basename(filename) };
}

async function main() {
	const skipPack = process.argv.includes('--no-pack');
	const legs = [await scanLeg('source', root, scanner.SOURCE_FILE_PATTERNS)];
	let packed;
	try {
		if (!skipPack) {
			packed = packTarball();
			// The tarball leg of analyzePackageByName: compiled .js and the published package.json.
			const leg = await scanLeg(`tarball ${packed.filename}`, packed.unpacked, [
				'**/*.js',
				'package.json',
			]);
			legs.push(leg);
		}
	} finally {
		if (packed) fs.rmSync(packed.work, { recursive: true, force: true });
	}

	let errors = 0;
	let warnings = 0;
	console.log(`n8n scanner ${scannerVersion} (offline: source and packed tarball legs)`);
	for (const leg of legs) {
		console.log(`\n${leg.name}: ${leg.files} files, ${leg.findings.length} finding(s)`);
		for (const f of leg.findings) {
			console.log(`  ${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.rule}  ${f.message}`);
			if (f.severity === 'error') errors++;
			else warnings++;
		}
	}
	console.log(`\nscan: ${errors} error(s), ${warnings} warning(s)`);
	if (skipPack) console.log('scan: the tarball leg was skipped (--no-pack)');
	process.exitCode = errors + warnings > 0 ? 1 : 0;
}

main().catch((error) => {
	console.error(`scan failed: ${error.stack ?? error}`);
	process.exitCode = 2;
});
