/**
 * zod comes from n8n, never from the package: n8n sets NODE_PATH to its own module paths before
 * it loads community packages (LoadNodesAndCredentials.init), so a package folder without a
 * node_modules of its own resolves zod and n8n-workflow from n8n's install. The package has no
 * zod in dependencies or peerDependencies (n8n's scanner allows only n8n-workflow and
 * @n8n/ai-node-sdk there), so nothing else may provide it.
 *
 * This check proves the precondition of every scenario: the package's code requires zod, its
 * folder cannot resolve zod without n8n's NODE_PATH, and n8n's install can. A scenario that
 * then runs the node proves n8n provided it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Checks } from './checks';
import type { N8nInstall } from './install-n8n';
import { runCommand, tail } from './proc';

/** Compiled files of the installed package that require zod, relative to its folder. */
function filesRequiringZod(packageDir: string): string[] {
	const found: string[] = [];
	const walk = (relative: string) => {
		for (const entry of readdirSync(join(packageDir, relative), { withFileTypes: true })) {
			const path = join(relative, entry.name);
			if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
			else if (entry.name.endsWith('.js')) {
				const code = readFileSync(join(packageDir, path), 'utf8');
				if (/require\(["']zod["']\)/.test(code)) found.push(path);
			}
		}
	};
	walk('dist');
	return found;
}

/** Resolves zod from the package folder and from n8n's, in a Node of the version n8n runs on. */
const RESOLVE_SCRIPT = `
const { createRequire } = require('node:module');
const resolve = (dir) => {
	try { return createRequire(dir + '/package.json').resolve('zod'); }
	catch (error) { if (error.code === 'MODULE_NOT_FOUND') return null; throw error; }
};
const n8nZod = resolve(process.argv[2]);
const version = n8nZod && createRequire(process.argv[2] + '/package.json')('zod/package.json').version;
console.log(JSON.stringify({ own: resolve(process.argv[1]), n8n: n8nZod, version }));
`;

export async function checkZodFromN8n(
	checks: Checks,
	install: N8nInstall,
	packageDir: string,
): Promise<void> {
	const requiring = filesRequiringZod(packageDir);
	checks.ok(
		requiring.length > 0,
		`zod: the package's code requires zod (${requiring.join(', ') || 'no dist file does'})`,
	);
	const n8nDir = join(install.root, 'node_modules', 'n8n');
	// No NODE_PATH: what the package folder finds on its own, before n8n adds its paths.
	const env = { ...process.env };
	delete env.NODE_PATH;
	const result = await runCommand(install.node.bin, ['-e', RESOLVE_SCRIPT, packageDir, n8nDir], {
		env,
		timeoutMs: 30_000,
	});
	const failure = result.code === 0 ? '' : `:\n${tail(result.stderr, 5)}`;
	if (!checks.ok(!failure, `zod: resolution check ran${failure}`)) return;
	const resolved = JSON.parse(result.stdout) as {
		own: string | null;
		n8n: string | null;
		version?: string;
	};
	checks.equal(
		resolved.own,
		null,
		'zod: not resolvable from the installed package folder (only n8n provides it)',
	);
	checks.ok(
		resolved.n8n,
		`zod: n8n ${install.version} provides zod ${resolved.version ?? ''} (${resolved.n8n ?? 'not found'})`,
	);
}
