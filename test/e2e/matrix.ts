/**
 * The n8n versions the end-to-end test runs against, each on the Node it needs, and the
 * `--n8n <version>` / `--node <version>` command line that picks them.
 *
 * - 1.123.x, the last n8n 1.x: its expression engine (isolated-vm 6) ships prebuilt binaries
 *   for Node 22 and 24 only, so it does not start on Node 20.
 * - 2.8.4, the newest n8n whose engines accept Node 20, the Node of this machine.
 * - 2.40.7, the newest 2.x that installs from the registry here (2.41.3 needs a package the
 *   registry lacks); its engines ask for Node >= 24.
 *
 * Node 22 and 24 come from the npm `node` package (node-runtime.ts). Newer n8n pulls native
 * modules whose install scripts download binaries (e.g. @confluentinc/kafka-javascript) and fail
 * offline: those versions are installed with scripts off and only sqlite3 is compiled afterwards
 * (install-n8n.ts).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cacheRoot } from './cache';

/** `scripts`: a plain npm install (install scripts run, sqlite3 compiled by node-gyp).
 *  `rebuild`: npm install --ignore-scripts, then npm rebuild sqlite3 against the Node's headers. */
export type InstallMode = 'scripts' | 'rebuild';

export interface N8nTarget {
	/** Exact n8n version. */
	n8n: string;
	/** Exact Node version from the npm `node` package, or 'system': the Node running the test. */
	node: string;
	install: InstallMode;
	/** npm overrides of the install (package.json "overrides"). */
	overrides: Record<string, string>;
}

/** n8n 1.x and 2.8 depend on an xlsx tarball outside the registry; @e965/xlsx mirrors it. */
const XLSX_MIRROR = { xlsx: 'npm:@e965/xlsx@0.20.2' };

export const MATRIX: N8nTarget[] = [
	{ n8n: '1.123.81', node: '22.23.3', install: 'rebuild', overrides: XLSX_MIRROR },
	{ n8n: '2.8.4', node: 'system', install: 'scripts', overrides: XLSX_MIRROR },
	{ n8n: '2.40.7', node: '24.21.0', install: 'rebuild', overrides: {} },
];

/** Without --n8n the test runs the version of the machine's Node. */
export const DEFAULT_N8N = '2.8.4';

const USAGE = [
	'usage: npm run test:e2e -- [--n8n <version>|all] [--node <version>]',
	`  --n8n   an n8n version: ${MATRIX.map((t) => t.n8n).join(', ')} (a prefix such as 1.123 or`,
	'          1.123.x picks the matrix entry), any other exact version, or "all" (the matrix)',
	`  --node  the Node to run it on: an exact version of the npm "node" package, or "system"`,
	`          (default: the matrix's Node; for versions outside the matrix, "system")`,
].join('\n');

export class UsageError extends Error {
	constructor(message: string) {
		super(`${message}\n${USAGE}`);
	}
}

/** The matrix entry a version or prefix names, if any ('1.123', '1.123.x', '2.8.4'). */
function fromMatrix(version: string): N8nTarget | undefined {
	const prefix = version.replace(/\.x$/i, '');
	return MATRIX.find((target) => target.n8n === prefix || target.n8n.startsWith(`${prefix}.`));
}

function exactVersion(value: string, flag: string): string {
	if (!/^\d+\.\d+\.\d+$/.test(value)) {
		throw new UsageError(`${flag} ${value}: expected an exact version such as 2.8.4`);
	}
	return value;
}

/**
 * The targets a command line asks for: `--n8n all` gives the matrix; a matrix version (or
 * prefix) its entry; another exact version runs on --node or the system Node, installed with
 * scripts on the system Node and with the rebuild on any other.
 */
export function parseTargets(argv: string[]): N8nTarget[] {
	let n8n: string | undefined;
	let node: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = inline ?? argv[i + 1];
		if (flag !== '--n8n' && flag !== '--node') {
			throw new UsageError(`unknown argument ${argv[i]}`);
		}
		if (value === undefined || value.startsWith('--'))
			throw new UsageError(`${flag} needs a value`);
		if (inline === undefined) i++;
		if (flag === '--n8n') n8n = value;
		else node = value === 'system' ? value : exactVersion(value, '--node');
	}

	if (n8n === 'all') {
		if (node) throw new UsageError('--node cannot be combined with --n8n all');
		return MATRIX;
	}
	const known = fromMatrix(n8n ?? DEFAULT_N8N);
	if (known && (!node || node === known.node)) return [known];
	const version = known?.n8n ?? exactVersion(n8n!, '--n8n');
	const runtime = node ?? 'system';
	return [
		{
			n8n: version,
			node: runtime,
			install: runtime === 'system' ? 'scripts' : 'rebuild',
			// An override of a package the version does not use changes nothing.
			overrides: known?.overrides ?? XLSX_MIRROR,
		},
	];
}

interface RunRecord {
	n8n: string;
	node: string;
	result: 'PASS' | 'FAIL';
	date: string;
	lastPassed?: string;
}

/**
 * Keeps the outcome of each version's last run, and the date of its last pass, in
 * <cache>/e2e-runs.json: where the README's compatibility table takes its dates from.
 */
export function recordRuns(results: Array<{ target: N8nTarget; node: string; ok: boolean }>) {
	const file = join(cacheRoot(), 'e2e-runs.json');
	let records: Record<string, RunRecord> = {};
	try {
		records = JSON.parse(readFileSync(file, 'utf8')) as Record<string, RunRecord>;
	} catch {
		// first run
	}
	const date = new Date().toISOString();
	for (const { target, node, ok } of results) {
		const key = `n8n ${target.n8n} on Node ${node}`;
		const lastPassed = ok ? date : records[key]?.lastPassed;
		records[key] = { n8n: target.n8n, node, result: ok ? 'PASS' : 'FAIL', date, lastPassed };
	}
	try {
		writeFileSync(file, `${JSON.stringify(records, null, 2)}\n`);
	} catch {
		// a read-only cache must not fail the test
	}
}
