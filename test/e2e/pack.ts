/** The project's root and its tarball, packed as `npm publish` would. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { runCommand, tail } from './proc';
import { PACKAGE_NAME } from './settings';

export function findRepoRoot(): string {
	let dir = __dirname;
	for (;;) {
		const manifest = join(dir, 'package.json');
		// .tools/ holds a compiled copy of package.json: the root is where the sources are.
		if (existsSync(manifest) && existsSync(join(dir, 'tsconfig.tools.json'))) {
			try {
				if (
					(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
				) {
					return dir;
				}
			} catch {
				// keep looking
			}
		}
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`No ${PACKAGE_NAME} package.json above ${__dirname}`);
		dir = parent;
	}
}

export async function packProject(repoRoot: string, destination: string): Promise<string> {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	for (const file of [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])]) {
		if (!existsSync(join(repoRoot, file))) {
			throw new Error(`${file} is missing: run npm run build first`);
		}
	}
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = await runCommand(
		npm,
		['pack', '--json', '--ignore-scripts', `--pack-destination=${destination}`],
		{ cwd: repoRoot, timeoutMs: 120_000 },
	);
	if (result.code !== 0) throw new Error(`npm pack failed:\n${tail(result.stderr)}`);
	const packed = JSON.parse(result.stdout) as Array<{ filename: string }>;
	return join(destination, packed[0].filename);
}
